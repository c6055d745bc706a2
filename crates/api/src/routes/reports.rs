//! Reports. The loan detail report (借款明细表) is derived from each loan's
//! transaction history as of the requested date.

use actix_web::{HttpResponse, get, web};
use loanbook_domain::Money;
use loanbook_persistence::repo::loans::{self, LoanFilter};
use loanbook_persistence::repo::{PageRequest, customers};

use crate::dto::format_date;
use crate::dto::reports::{LoanDetailReport, LoanDetailRow, LoanDetailTotals, ReportQuery};
use crate::error::ApiError;
use crate::http::{Actor, Permission};
use crate::routes::loans::as_of;
use crate::services::loans as service;
use crate::state::AppState;

/// Registers the report routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(loan_detail);
}

/// One row per loan disbursed on or before `as_of`, with totals.
#[utoipa::path(get, path = "/api/v1/reports/loan-detail", tag = "reports",
    description = "Roles: admin, reviewer, manager, cashier, auditor. `format=csv` returns UTF-8 CSV with a byte-order mark.",
    params(ReportQuery),
    responses(
        (status = 200, body = LoanDetailReport, description = "The report",
            content((LoanDetailReport = "application/json"), (String = "text/csv"))),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/reports/loan-detail")]
pub async fn loan_detail(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ReportRead)?;
    let format = query.format.as_deref().unwrap_or("json");
    if !matches!(format, "json" | "csv") {
        return Err(ApiError::field(
            "format",
            "format must be json or csv",
            "format 须为 json 或 csv",
        ));
    }
    let date = as_of(&state, query.as_of.as_deref(), "as_of").await?;
    let report = build(&state, &actor, date).await?;
    if format == "csv" {
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                "Content-Disposition",
                "attachment; filename=\"loan-detail.csv\"",
            ))
            .body(to_csv(&report)));
    }
    Ok(HttpResponse::Ok().json(report))
}

async fn build(
    state: &AppState,
    actor: &Actor,
    date: time::Date,
) -> Result<LoanDetailReport, ApiError> {
    let filter = LoanFilter {
        disbursed_on_or_before: Some(date),
        ..Default::default()
    };
    let mut rows = Vec::new();
    let mut sums = [Money::ZERO; 7];
    let mut names: std::collections::HashMap<uuid::Uuid, String> = Default::default();
    let mut after = None;
    loop {
        let page = loans::list(
            &state.db,
            actor.scope(),
            &filter,
            PageRequest { limit: 200, after },
        )
        .await?;
        let next = page.next_cursor;
        for loaded in service::load_many(&state.db, page.items, date).await? {
            let loan = &loaded.loan;
            let customer = match names.get(&loan.customer_id) {
                Some(name) => name.clone(),
                None => {
                    let found = customers::find(&state.db, actor.scope(), loan.customer_id).await?;
                    names.insert(loan.customer_id, found.details.name.clone());
                    found.details.name
                }
            };
            let p = &loaded.position;
            let figures = [
                loan.terms.principal,
                p.principal_paid,
                p.interest_paid,
                p.penalty_paid,
                p.outstanding_principal,
                p.outstanding_interest,
                p.outstanding_penalty,
            ];
            for (sum, figure) in sums.iter_mut().zip(figures) {
                *sum += figure;
            }
            rows.push(LoanDetailRow {
                loan_id: loan.id.to_string(),
                loan_number: loan.loan_number.clone(),
                customer_id: loan.customer_id.to_string(),
                customer_name: customer,
                status: p.status.as_str().to_owned(),
                repayment_method: loan.terms.method.as_str().to_owned(),
                annual_rate_percent: loan.terms.annual_rate.to_percent_string(),
                term_months: loan.terms.term.months(),
                disbursement_date: format_date(loan.terms.disbursement_date),
                maturity_date: format_date(p.maturity_date),
                principal: figures[0].to_string(),
                principal_paid: figures[1].to_string(),
                interest_paid: figures[2].to_string(),
                penalty_paid: figures[3].to_string(),
                outstanding_principal: figures[4].to_string(),
                outstanding_interest: figures[5].to_string(),
                outstanding_penalty: figures[6].to_string(),
                days_past_due: p.days_past_due,
                aging_bucket: p.aging_bucket.as_str().to_owned(),
            });
        }
        match next {
            Some(cursor) => after = Some(cursor),
            None => break,
        }
    }
    let totals = LoanDetailTotals {
        loans: u64::try_from(rows.len()).unwrap_or(u64::MAX),
        principal: sums[0].to_string(),
        principal_paid: sums[1].to_string(),
        interest_paid: sums[2].to_string(),
        penalty_paid: sums[3].to_string(),
        outstanding_principal: sums[4].to_string(),
        outstanding_interest: sums[5].to_string(),
        outstanding_penalty: sums[6].to_string(),
    };
    Ok(LoanDetailReport {
        as_of: format_date(date),
        rows,
        totals,
    })
}

const CSV_HEADER: &str = "loan_number,customer_name,status,repayment_method,annual_rate_percent,\
term_months,disbursement_date,maturity_date,principal,principal_paid,interest_paid,penalty_paid,\
outstanding_principal,outstanding_interest,outstanding_penalty,days_past_due,aging_bucket";

/// A text cell: quoted when needed, and prefixed with `'` when it would
/// start a spreadsheet formula, so a customer name cannot run as one.
fn csv_field(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

fn to_csv(report: &LoanDetailReport) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for r in &report.rows {
        let cells = [
            csv_field(&r.loan_number),
            csv_field(&r.customer_name),
            r.status.clone(),
            r.repayment_method.clone(),
            r.annual_rate_percent.clone(),
            r.term_months.to_string(),
            r.disbursement_date.clone(),
            r.maturity_date.clone(),
            r.principal.clone(),
            r.principal_paid.clone(),
            r.interest_paid.clone(),
            r.penalty_paid.clone(),
            r.outstanding_principal.clone(),
            r.outstanding_interest.clone(),
            r.outstanding_penalty.clone(),
            r.days_past_due.to_string(),
            r.aging_bucket.clone(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_text_cannot_start_a_formula_and_is_quoted_when_needed() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1+2"), "'-1+2");
        assert_eq!(csv_field("福州, 闽江"), "\"福州, 闽江\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
