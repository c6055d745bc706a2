//! Loans, repayments, reversals, pay-off quotes and the loan note.

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use loanbook_domain::ledger::Prepayment;
use loanbook_persistence::repo::loans::{self as repo, LoanFilter};
use serde::Deserialize;
use time::Date;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::dto::loans::{
    LoanNoteView, LoanView, PayoffQuoteView, RecordedRepayment, RepaymentRequest, RepaymentView,
    ReverseRequest,
};
use crate::dto::{Fields, format_date};
use crate::error::{ApiError, FieldError};
use crate::http::{Actor, Body, ListQuery, Paged, Permission, etag, page_request};
use crate::services::loans::{self as service, LoadedLoan, RepaymentInput};
use crate::services::notes;
use crate::state::AppState;

/// Registers the loan routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(read)
        .service(note)
        .service(record_repayment)
        .service(list_repayments)
        .service(reverse)
        .service(payoff_quote);
}

/// `?as_of=` on loan reads.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// The date the figures are as of (default: the business date).
    #[param(format = Date, example = "2026-06-30")]
    pub as_of: Option<String>,
}

/// The as-of date of a request: the given one or the business date.
pub async fn as_of(state: &AppState, given: Option<&str>, field: &str) -> Result<Date, ApiError> {
    match given {
        Some(text) => {
            let mut fields = Fields::new();
            let date = fields.date(field, text);
            date.ok_or_else(|| fields.into_error())
        }
        None => state.business_date(&state.db).await,
    }
}

fn loan_response(loaded: &LoadedLoan) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((ETAG, etag(loaded.loan.id, loaded.loan.version)))
        .json(LoanView::new(&loaded.loan, &loaded.position))
}

/// Filters of the loan list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LoanListQuery {
    /// Page size, 1 to 200.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// Only this customer's loans.
    pub customer_id: Option<Uuid>,
    /// Only loans in this status (`active`, `overpaid`, `closed`, `written_off`).
    pub status: Option<String>,
    /// The date the figures are as of.
    #[param(format = Date)]
    pub as_of: Option<String>,
}

/// Lists loans with their balances as of a date.
#[utoipa::path(get, path = "/api/v1/loans", tag = "loans",
    description = "Roles: every role, within the caller's scope.",
    params(LoanListQuery),
    responses(
        (status = 200, body = Paged<LoanView>, description = "A page of loans"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loans")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<LoanListQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let date = as_of(&state, query.as_of.as_deref(), "as_of").await?;
    let mut fields = Fields::new();
    let status = query
        .status
        .as_deref()
        .and_then(|s| fields.check("status", s.parse()));
    fields.finish()?;
    let paging = page_request(&ListQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    })?;
    let filter = LoanFilter {
        customer_id: query.customer_id,
        status,
        ..Default::default()
    };
    let page = repo::list(&state.db, actor.scope(), &filter, paging).await?;
    let next_cursor = page.next_cursor.map(|c| c.to_string());
    let loaded = service::load_many(&state.db, page.items, date).await?;
    let items = loaded
        .iter()
        .map(|l| LoanView::new(&l.loan, &l.position))
        .collect();
    Ok(HttpResponse::Ok().json(Paged { items, next_cursor }))
}

/// Reads a loan with balances, delinquency and schedule as of a date.
#[utoipa::path(get, path = "/api/v1/loans/{id}", tag = "loans",
    description = "Roles: every role, within the caller's scope (404 outside it).",
    params(("id" = Uuid, Path, description = "Loan id"), AsOfQuery),
    responses(
        (status = 200, body = LoanView, description = "The loan"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loans/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<AsOfQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let date = as_of(&state, query.as_of.as_deref(), "as_of").await?;
    let loaded = service::load(&state.db, actor.scope(), *id, date).await?;
    Ok(loan_response(&loaded))
}

/// The loan note (借据) issued at disbursement.
#[utoipa::path(get, path = "/api/v1/loans/{id}/note", tag = "loans",
    description = "Roles: every role, within the caller's scope.",
    params(("id" = Uuid, Path, description = "Loan id")),
    responses(
        (status = 200, body = LoanNoteView, description = "The loan note"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/loans/{id}/note")]
pub async fn note(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let loan = repo::find(&state.db, actor.scope(), *id).await?;
    let view = notes::note_view(&state.db, &state, &loan).await?;
    Ok(HttpResponse::Ok().json(LoanNoteView::new(&loan, &view)))
}

fn parse_repayment(req: &HttpRequest, body: &RepaymentRequest) -> Result<RepaymentInput, ApiError> {
    let mut fields = Fields::new();
    let amount = fields.positive_money("amount", &body.amount);
    let paid_on = fields.date("paid_on", &body.paid_on);
    let method = fields.text("method", &body.method, 40);
    let reference = fields.text("reference", &body.reference, 100);
    let prepayment = match body.prepayment.as_deref() {
        None => Some(None),
        Some(text) => match text.parse::<Prepayment>() {
            Ok(option) => Some(Some(option)),
            Err(_) => {
                fields.push(FieldError::new(
                    "prepayment",
                    "prepayment must be reduce_term, reduce_installment or settle",
                    "prepayment 须为 reduce_term、reduce_installment 或 settle",
                ));
                None
            }
        },
    };
    let key = req
        .headers()
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (Some(amount), Some(paid_on), Some(method), Some(reference), Some(prepayment)) =
        (amount, paid_on, method, reference, prepayment)
    else {
        return Err(fields.into_error());
    };
    fields.finish()?;
    Ok(RepaymentInput {
        amount,
        paid_on,
        method,
        reference,
        prepayment,
        idempotency_key: key,
    })
}

/// Records a repayment and allocates it.
#[utoipa::path(post, path = "/api/v1/loans/{id}/repayments", tag = "repayments",
    description = "Roles: cashier. Allocation: overdue installments first, then current and later ones, each penalty → interest → principal. `prepayment` re-amortises (`reduce_term`, `reduce_installment`) or settles (`settle`). Money beyond the balance becomes a credit balance. Send `Idempotency-Key` to make retries safe.",
    params(("id" = Uuid, Path, description = "Loan id"),
        ("Idempotency-Key" = Option<String>, Header, description = "A repeat with the same key returns the first repayment")),
    request_body = RepaymentRequest,
    responses(
        (status = 201, body = RecordedRepayment, description = "Recorded"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loans/{id}/repayments")]
pub async fn record_repayment(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    Body(body): Body<RepaymentRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::RepaymentRecord)?;
    let input = parse_repayment(&req, &body)?;
    let (repayment_id, loaded) = service::record_repayment(&state, &actor, *id, input).await?;
    let record = loaded
        .transactions
        .iter()
        .find(|t| t.id == repayment_id)
        .ok_or(ApiError::NotFound)?;
    let view = RepaymentView::new(record, &loaded.allocation_of(repayment_id));
    let loan = LoanView::new(&loaded.loan, &loaded.position);
    Ok(HttpResponse::Created().json(RecordedRepayment {
        repayment: view,
        loan,
    }))
}

/// Lists a loan's repayments, reversed ones included, with allocations.
#[utoipa::path(get, path = "/api/v1/loans/{id}/repayments", tag = "repayments",
    description = "Roles: every role, within the caller's scope.",
    params(("id" = Uuid, Path, description = "Loan id"), ListQuery),
    responses(
        (status = 200, body = Paged<RepaymentView>, description = "Repayments in value-date order"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loans/{id}/repayments")]
pub async fn list_repayments(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let paging = page_request(&query)?;
    let today = state.business_date(&state.db).await?;
    let loaded = service::load(&state.db, actor.scope(), *id, today).await?;
    let repayments = loaded.transactions.iter().filter(|t| {
        matches!(
            t.kind,
            loanbook_domain::ledger::TransactionKind::Repayment { .. }
        )
    });
    // The page starts after the cursor's position in value-date order.
    let start = match paging.after {
        Some(after) => repayments
            .clone()
            .position(|t| t.id == after)
            .map_or(0, |i| i + 1),
        None => 0,
    };
    let limit = usize::try_from(paging.limit).unwrap_or(usize::MAX);
    let page: Vec<_> = repayments.skip(start).take(limit + 1).collect();
    let next_cursor = (page.len() > limit).then(|| page[limit - 1].id.to_string());
    let items = page
        .iter()
        .take(limit)
        .map(|t| RepaymentView::new(t, &loaded.allocation_of(t.id)))
        .collect();
    Ok(HttpResponse::Ok().json(Paged { items, next_cursor }))
}

/// Reverses a repayment; the loan is re-derived as if it never happened.
#[utoipa::path(post, path = "/api/v1/loans/{id}/repayments/{repayment_id}/reverse", tag = "repayments",
    description = "Roles: cashier. The repayment stays on record, marked reversed; every later transaction is replayed.",
    params(("id" = Uuid, Path, description = "Loan id"), ("repayment_id" = Uuid, Path, description = "Repayment id")),
    request_body = ReverseRequest,
    responses(
        (status = 200, body = LoanView, description = "The loan after the reversal"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loans/{id}/repayments/{repayment_id}/reverse")]
pub async fn reverse(
    state: web::Data<AppState>,
    actor: Actor,
    path: web::Path<(Uuid, Uuid)>,
    Body(body): Body<ReverseRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::RepaymentRecord)?;
    let mut fields = Fields::new();
    let reason = fields.text("reason", &body.reason, 500);
    let Some(reason) = reason else {
        return Err(fields.into_error());
    };
    let (loan_id, repayment_id) = path.into_inner();
    let loaded = service::reverse_repayment(&state, &actor, loan_id, repayment_id, &reason).await?;
    Ok(loan_response(&loaded))
}

/// `?date=` of a pay-off quote.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuoteQuery {
    /// The settlement date (default: the business date).
    #[param(format = Date)]
    pub date: Option<String>,
}

/// What settling the loan on a date takes: unpaid penalty and interest due,
/// the outstanding principal, and interest since the last due date at the
/// annual rate / 360 per day.
#[utoipa::path(get, path = "/api/v1/loans/{id}/payoff-quote", tag = "loans",
    description = "Roles: every role, within the caller's scope.",
    params(("id" = Uuid, Path, description = "Loan id"), QuoteQuery),
    responses(
        (status = 200, body = PayoffQuoteView, description = "The quote"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loans/{id}/payoff-quote")]
pub async fn payoff_quote(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<QuoteQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let date = as_of(&state, query.date.as_deref(), "date").await?;
    let quote = service::payoff_quote(&state.db, &actor, *id, date).await?;
    Ok(HttpResponse::Ok().json(PayoffQuoteView {
        date: format_date(quote.date),
        principal: quote.principal.to_string(),
        interest: quote.interest.to_string(),
        penalty: quote.penalty.to_string(),
        total: quote.total.to_string(),
    }))
}
