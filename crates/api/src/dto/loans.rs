//! Loans, repayments, pay-off quotes and the loan note.

use loanbook_domain::ledger::{Allocation, InstallmentPosition, LoanPosition};
use loanbook_persistence::repo::loans::{LoanRecord, TransactionRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{format_date, format_timestamp};

/// One installment with what has been paid and charged on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoanInstallmentView {
    /// 1-based number.
    pub number: u32,
    /// Due date.
    #[schema(format = Date, example = "2026-02-15")]
    pub due_date: String,
    /// Principal part.
    #[schema(example = "6884.99")]
    pub principal: String,
    /// Interest part.
    #[schema(example = "400.00")]
    pub interest: String,
    /// Principal plus interest.
    #[schema(example = "7284.99")]
    pub payment: String,
    /// Outstanding principal after this installment.
    #[schema(example = "73115.01")]
    pub balance_after: String,
    /// Principal paid.
    #[schema(example = "0.00")]
    pub principal_paid: String,
    /// Interest paid.
    #[schema(example = "0.00")]
    pub interest_paid: String,
    /// Penalty interest charged so far.
    #[schema(example = "0.00")]
    pub penalty_accrued: String,
    /// Penalty interest paid.
    #[schema(example = "0.00")]
    pub penalty_paid: String,
    /// Days overdue as of the as-of date; 0 when paid or not yet due.
    pub days_overdue: u32,
}

impl From<&InstallmentPosition> for LoanInstallmentView {
    fn from(p: &InstallmentPosition) -> Self {
        let i = &p.installment;
        LoanInstallmentView {
            number: i.number,
            due_date: format_date(i.due_date),
            principal: i.principal.to_string(),
            interest: i.interest.to_string(),
            payment: i.payment.to_string(),
            balance_after: i.balance_after.to_string(),
            principal_paid: p.principal_paid.to_string(),
            interest_paid: p.interest_paid.to_string(),
            penalty_accrued: p.penalty_accrued.to_string(),
            penalty_paid: p.penalty_paid.to_string(),
            days_overdue: p.days_overdue,
        }
    }
}

/// A loan as of a date: terms, balances, delinquency and schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoanView {
    /// Id.
    pub id: String,
    /// Loan number.
    #[schema(example = "LN2026000001")]
    pub loan_number: String,
    /// The number of the loan note (借据) issued at disbursement.
    #[schema(example = "JJ2026000001")]
    pub note_number: String,
    /// The borrower.
    pub customer_id: String,
    /// The approved application.
    pub application_id: String,
    /// `active`, `overpaid`, `closed` or `written_off`.
    #[schema(example = "active")]
    pub status: String,
    /// The date the figures are as of.
    #[schema(format = Date)]
    pub as_of: String,
    /// Amount lent.
    #[schema(example = "80000.00")]
    pub principal: String,
    /// Contract rate in percent.
    #[schema(example = "6.00")]
    pub annual_rate_percent: String,
    /// Penalty rate in percent (contract × 1.5, cut to the legal cap).
    #[schema(example = "9.00")]
    pub penalty_rate_percent: String,
    /// Repayment method.
    #[schema(value_type = super::RepaymentMethodName)]
    pub repayment_method: String,
    /// Term in months.
    pub term_months: u32,
    /// Disbursement date.
    #[schema(format = Date)]
    pub disbursement_date: String,
    /// Maturity date of the schedule in force.
    #[schema(format = Date)]
    pub maturity_date: String,
    /// Unpaid principal.
    #[schema(example = "73115.01")]
    pub outstanding_principal: String,
    /// Unpaid scheduled interest, future installments included.
    #[schema(example = "2142.87")]
    pub outstanding_interest: String,
    /// Penalty interest charged and unpaid.
    #[schema(example = "0.00")]
    pub outstanding_penalty: String,
    /// Unpaid principal of installments past due.
    #[schema(example = "0.00")]
    pub overdue_principal: String,
    /// Unpaid interest of installments past due.
    #[schema(example = "0.00")]
    pub overdue_interest: String,
    /// Money received beyond the balance, owed back to the customer.
    #[schema(example = "0.00")]
    pub credit_balance: String,
    /// Days since the oldest unpaid due date.
    pub days_past_due: u32,
    /// `current`, `1-30`, `31-60`, `61-90`, `91-180` or `181+`.
    #[schema(example = "current")]
    pub aging_bucket: String,
    /// The schedule in force with payments against it.
    pub schedule: Vec<LoanInstallmentView>,
}

impl LoanView {
    /// The view of a loan and its derived position.
    pub fn new(loan: &LoanRecord, position: &LoanPosition) -> Self {
        LoanView {
            id: loan.id.to_string(),
            loan_number: loan.loan_number.clone(),
            note_number: loan.note_number.clone(),
            customer_id: loan.customer_id.to_string(),
            application_id: loan.application_id.to_string(),
            status: position.status.as_str().to_owned(),
            as_of: format_date(position.as_of),
            principal: loan.terms.principal.to_string(),
            annual_rate_percent: loan.terms.annual_rate.to_percent_string(),
            penalty_rate_percent: loan.penalty_rate.to_percent_string(),
            repayment_method: loan.terms.method.as_str().to_owned(),
            term_months: loan.terms.term.months(),
            disbursement_date: format_date(loan.terms.disbursement_date),
            maturity_date: format_date(position.maturity_date),
            outstanding_principal: position.outstanding_principal.to_string(),
            outstanding_interest: position.outstanding_interest.to_string(),
            outstanding_penalty: position.outstanding_penalty.to_string(),
            overdue_principal: position.overdue_principal.to_string(),
            overdue_interest: position.overdue_interest.to_string(),
            credit_balance: position.credit_balance.to_string(),
            days_past_due: position.days_past_due,
            aging_bucket: position.aging_bucket.as_str().to_owned(),
            schedule: position
                .installments
                .iter()
                .map(LoanInstallmentView::from)
                .collect(),
        }
    }
}

/// A repayment to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "amount": "7284.99", "paid_on": "2026-02-15", "method": "bank_transfer",
    "reference": "CMB-8812"
}))]
pub struct RepaymentRequest {
    /// Amount received.
    #[schema(example = "7284.99")]
    pub amount: String,
    /// Value date; not after the business date, earlier only with `backdate`.
    #[schema(format = Date, example = "2026-02-15")]
    pub paid_on: String,
    /// How the money came, e.g. `bank_transfer`, `cash`.
    #[schema(example = "bank_transfer")]
    pub method: String,
    /// The bank's or payer's reference.
    #[schema(example = "CMB-8812")]
    pub reference: String,
    /// `reduce_term` or `reduce_installment` to prepay principal, `settle` to
    /// pay the loan off; absent for an ordinary repayment.
    #[schema(example = json!(null))]
    pub prepayment: Option<String>,
}

/// How a repayment was split.
#[derive(Debug, Serialize, ToSchema)]
pub struct AllocationView {
    /// To penalty interest.
    #[schema(example = "0.00")]
    pub penalty: String,
    /// To interest.
    #[schema(example = "400.00")]
    pub interest: String,
    /// To principal.
    #[schema(example = "6884.99")]
    pub principal: String,
    /// Beyond the balance, kept as credit balance.
    #[schema(example = "0.00")]
    pub excess: String,
}

impl From<&Allocation> for AllocationView {
    fn from(a: &Allocation) -> Self {
        AllocationView {
            penalty: a.penalty.to_string(),
            interest: a.interest.to_string(),
            principal: a.principal.to_string(),
            excess: a.excess.to_string(),
        }
    }
}

/// A recorded repayment, with its allocation as the loan stands now.
#[derive(Debug, Serialize, ToSchema)]
pub struct RepaymentView {
    /// Id.
    pub id: String,
    /// Amount received.
    #[schema(example = "7284.99")]
    pub amount: String,
    /// Value date.
    #[schema(format = Date)]
    pub paid_on: String,
    /// How the money came.
    pub method: String,
    /// Reference.
    pub reference: String,
    /// The prepayment option, if any.
    pub prepayment: Option<String>,
    /// How it was split.
    pub allocation: AllocationView,
    /// When it was recorded.
    pub recorded_at: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When it was reversed, if it was.
    pub reversed_at: Option<String>,
    /// Why it was reversed.
    pub reversal_reason: Option<String>,
}

impl RepaymentView {
    /// The view of a repayment and its allocation.
    pub fn new(record: &TransactionRecord, allocation: &Allocation) -> Self {
        let prepayment = match record.kind {
            loanbook_domain::ledger::TransactionKind::Repayment { prepayment, .. } => {
                prepayment.map(|p| p.as_str().to_owned())
            }
            _ => None,
        };
        RepaymentView {
            id: record.id.to_string(),
            amount: record.amount().to_string(),
            paid_on: format_date(record.value_date),
            method: record.method.clone(),
            reference: record.reference.clone(),
            prepayment,
            allocation: AllocationView::from(allocation),
            recorded_at: format_timestamp(record.recorded_at),
            recorded_by: record.recorded_by.to_string(),
            reversed_at: record.reversed_at.map(format_timestamp),
            reversal_reason: record.reversal_reason.clone(),
        }
    }
}

/// A repayment just recorded, with the loan after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedRepayment {
    /// The repayment.
    #[serde(flatten)]
    pub repayment: RepaymentView,
    /// The loan after it.
    pub loan: LoanView,
}

/// A reversal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReverseRequest {
    /// Why the repayment is reversed.
    #[schema(example = "bank returned the transfer")]
    pub reason: String,
}

/// What settling the loan on a date takes.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayoffQuoteView {
    /// The settlement date.
    #[schema(format = Date)]
    pub date: String,
    /// Outstanding principal.
    #[schema(example = "73115.01")]
    pub principal: String,
    /// Unpaid interest due plus interest since the last due date (ACT/360).
    #[schema(example = "121.86")]
    pub interest: String,
    /// Unpaid penalty interest.
    #[schema(example = "0.00")]
    pub penalty: String,
    /// The amount to pay.
    #[schema(example = "73236.87")]
    pub total: String,
}

/// The loan note (借据).
#[derive(Debug, Serialize, ToSchema)]
pub struct LoanNoteView {
    /// Note number.
    #[schema(example = "JJ2026000001")]
    pub note_number: String,
    /// Loan number.
    pub loan_number: String,
    /// Borrower's registered name.
    pub borrower: String,
    /// Borrower's unified social credit code.
    pub borrower_credit_code: String,
    /// Lender's name.
    pub lender: String,
    /// Amount in figures.
    #[schema(example = "100000.00")]
    pub amount: String,
    /// Amount in Chinese capitals.
    #[schema(example = "人民币壹拾万元整")]
    pub amount_in_words: String,
    /// Contract rate in percent.
    pub annual_rate_percent: String,
    /// Penalty rate in percent.
    pub penalty_rate_percent: String,
    /// Repayment method.
    #[schema(value_type = super::RepaymentMethodName)]
    pub repayment_method: String,
    /// Repayment method in Chinese.
    #[schema(example = "等额本息")]
    pub repayment_method_name: String,
    /// Term in months.
    pub term_months: u32,
    /// Disbursement date.
    #[schema(format = Date)]
    pub disbursement_date: String,
    /// Maturity date.
    #[schema(format = Date)]
    pub maturity_date: String,
    /// Purpose.
    pub purpose: String,
    /// Repayment source.
    pub repayment_source: String,
    /// The bank's reference of the disbursement.
    pub bank_reference: String,
    /// The contract schedule.
    pub schedule: Vec<super::schedule::InstallmentView>,
}

impl LoanNoteView {
    /// The JSON note of a loan, from the same view its PDF and HTML notes
    /// are rendered from.
    pub fn new(loan: &LoanRecord, note: &loanbook_render::LoanNoteView) -> Self {
        LoanNoteView {
            note_number: note.note_number.clone(),
            loan_number: loan.loan_number.clone(),
            borrower: note.borrower.name.clone(),
            borrower_credit_code: note.borrower.credit_code.clone().unwrap_or_default(),
            lender: note.lender.name.clone(),
            amount: note.amount.to_string(),
            amount_in_words: note.amount_in_words.clone(),
            annual_rate_percent: note.annual_rate_percent.clone(),
            penalty_rate_percent: note.penalty_rate_percent.clone(),
            repayment_method: note.repayment_method.as_str().to_owned(),
            repayment_method_name: note.repayment_method.chinese_name().to_owned(),
            term_months: note.term_months,
            disbursement_date: format_date(note.disbursement_date),
            maturity_date: format_date(note.maturity_date),
            purpose: note.purpose.clone(),
            repayment_source: note.repayment_source.clone(),
            bank_reference: note.bank_reference.clone(),
            schedule: note.schedule.iter().map(Into::into).collect(),
        }
    }
}
