//! Schedule preview: terms in, installments and totals out.

use loanbook_domain::{Installment, Money, ScheduleTerms};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Fields, format_date};
use crate::error::ApiError;

/// Terms to compute a schedule for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "principal": "100000.00", "annual_rate_percent": "6.00", "term_months": 12,
    "repayment_method": "equal_installment", "disbursement_date": "2026-01-15"
}))]
pub struct SchedulePreviewRequest {
    /// Amount lent, a decimal string with at most 2 decimals.
    #[schema(example = "100000.00")]
    pub principal: String,
    /// Annual rate in percent (`"4.90"` is 4.9 %).
    #[schema(example = "6.00")]
    pub annual_rate_percent: String,
    /// Term in months, 1 to 360.
    #[schema(example = 12)]
    pub term_months: i64,
    /// Repayment method.
    #[schema(value_type = super::RepaymentMethodName)]
    pub repayment_method: String,
    /// Disbursement date, `YYYY-MM-DD`.
    #[schema(format = Date, example = "2026-01-15")]
    pub disbursement_date: String,
    /// First due date when not one month after disbursement (broken period).
    #[schema(format = Date, example = "2026-02-20")]
    pub first_due_date: Option<String>,
}

impl SchedulePreviewRequest {
    /// Parses the request into schedule terms.
    pub fn parse(&self) -> Result<ScheduleTerms, ApiError> {
        let mut fields = Fields::new();
        let principal = fields.positive_money("principal", &self.principal);
        let rate = fields.rate("annual_rate_percent", &self.annual_rate_percent);
        let term = fields.term("term_months", self.term_months);
        let method = fields.method("repayment_method", &self.repayment_method);
        let disbursed = fields.date("disbursement_date", &self.disbursement_date);
        let first_due = self
            .first_due_date
            .as_deref()
            .map(|d| fields.date("first_due_date", d));
        let (Some(principal), Some(annual_rate), Some(term), Some(method), Some(date)) =
            (principal, rate, term, method, disbursed)
        else {
            return Err(fields.into_error());
        };
        if matches!(first_due, Some(None)) {
            return Err(fields.into_error());
        }
        fields.finish()?;
        Ok(ScheduleTerms {
            principal,
            annual_rate,
            term,
            method,
            disbursement_date: date,
            first_due_date: first_due.flatten(),
        })
    }
}

/// One installment of a schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstallmentView {
    /// 1-based number.
    #[schema(example = 1)]
    pub number: u32,
    /// Due date.
    #[schema(format = Date, example = "2026-02-15")]
    pub due_date: String,
    /// Principal part.
    #[schema(example = "8560.75")]
    pub principal: String,
    /// Interest part.
    #[schema(example = "500.00")]
    pub interest: String,
    /// Principal plus interest.
    #[schema(example = "9060.75")]
    pub payment: String,
    /// Outstanding principal after this installment.
    #[schema(example = "91439.25")]
    pub balance_after: String,
}

impl From<&Installment> for InstallmentView {
    fn from(i: &Installment) -> Self {
        InstallmentView {
            number: i.number,
            due_date: format_date(i.due_date),
            principal: i.principal.to_string(),
            interest: i.interest.to_string(),
            payment: i.payment.to_string(),
            balance_after: i.balance_after.to_string(),
        }
    }
}

impl From<&loanbook_render::ScheduleRowView> for InstallmentView {
    fn from(row: &loanbook_render::ScheduleRowView) -> Self {
        InstallmentView {
            number: row.number,
            due_date: format_date(row.due_date),
            principal: row.principal.to_string(),
            interest: row.interest.to_string(),
            payment: row.payment.to_string(),
            balance_after: row.balance_after.to_string(),
        }
    }
}

/// Sums of a schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleTotals {
    /// Total principal, equal to the loan.
    #[schema(example = "100000.00")]
    pub principal: String,
    /// Total interest.
    #[schema(example = "3279.00")]
    pub interest: String,
    /// Total of payments.
    #[schema(example = "103279.00")]
    pub payment: String,
}

impl ScheduleTotals {
    /// Totals of a list of installments.
    pub fn of(installments: &[Installment]) -> Self {
        let sum = |part: fn(&Installment) -> Money| -> String {
            installments.iter().map(part).sum::<Money>().to_string()
        };
        ScheduleTotals {
            principal: sum(|i| i.principal),
            interest: sum(|i| i.interest),
            payment: sum(|i| i.payment),
        }
    }
}

/// A computed schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct SchedulePreview {
    /// Installments in due-date order.
    pub installments: Vec<InstallmentView>,
    /// Sums.
    pub totals: ScheduleTotals,
    /// Notes such as a rate above the legal cap.
    pub warnings: Vec<String>,
}
