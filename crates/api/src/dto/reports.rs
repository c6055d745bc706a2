//! Reports.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Parameters of a report.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The value date the figures are as of (default: the business date).
    #[param(format = Date, example = "2026-06-30")]
    pub as_of: Option<String>,
    /// `json` (default) or `csv` (UTF-8 with a byte-order mark).
    #[param(example = "json")]
    pub format: Option<String>,
}

/// One loan in the loan detail report (借款明细表).
#[derive(Debug, Serialize, ToSchema)]
pub struct LoanDetailRow {
    /// Loan id.
    pub loan_id: String,
    /// Loan number.
    pub loan_number: String,
    /// Customer id.
    pub customer_id: String,
    /// Customer name.
    pub customer_name: String,
    /// Status as of the date.
    pub status: String,
    /// Repayment method.
    pub repayment_method: String,
    /// Contract rate in percent.
    pub annual_rate_percent: String,
    /// Term in months.
    pub term_months: u32,
    /// Disbursement date.
    pub disbursement_date: String,
    /// Maturity date.
    pub maturity_date: String,
    /// Amount disbursed.
    #[schema(example = "80000.00")]
    pub principal: String,
    /// Principal repaid.
    pub principal_paid: String,
    /// Interest repaid.
    pub interest_paid: String,
    /// Penalty repaid.
    pub penalty_paid: String,
    /// Unpaid principal.
    pub outstanding_principal: String,
    /// Unpaid scheduled interest.
    pub outstanding_interest: String,
    /// Unpaid penalty.
    pub outstanding_penalty: String,
    /// Days past due.
    pub days_past_due: u32,
    /// Aging bucket.
    pub aging_bucket: String,
}

/// Sums of the loan detail report.
#[derive(Debug, Serialize, ToSchema, Default)]
pub struct LoanDetailTotals {
    /// Number of loans.
    pub loans: u64,
    /// Amount disbursed.
    pub principal: String,
    /// Principal repaid.
    pub principal_paid: String,
    /// Interest repaid.
    pub interest_paid: String,
    /// Penalty repaid.
    pub penalty_paid: String,
    /// Unpaid principal.
    pub outstanding_principal: String,
    /// Unpaid scheduled interest.
    pub outstanding_interest: String,
    /// Unpaid penalty.
    pub outstanding_penalty: String,
}

/// The loan detail report.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoanDetailReport {
    /// The date the figures are as of.
    #[schema(format = Date)]
    pub as_of: String,
    /// One row per loan disbursed on or before the date.
    pub rows: Vec<LoanDetailRow>,
    /// Sums.
    pub totals: LoanDetailTotals,
}
