//! View models: the plain data a document is rendered from.
//!
//! The API fills these in from its loans, customers and settings; this crate
//! only lays them out. They hold finished values (amounts, dates, the amount
//! in words, rates as the API prints them) and no rules: nothing here
//! computes a schedule or checks a rate.

use loanbook_domain::{Money, RepaymentMethod};
use time::Date;

/// A company or person named on a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// The registered name, such as 杭州示例贸易有限公司.
    pub name: String,
    /// The 18-character unified social credit code (统一社会信用代码).
    pub credit_code: Option<String>,
    /// The registered address.
    pub address: Option<String>,
}

/// One installment (期) of a schedule as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleRowView {
    /// 1-based installment number.
    pub number: u32,
    /// The day it falls due.
    pub due_date: Date,
    /// Principal part.
    pub principal: Money,
    /// Interest part.
    pub interest: Money,
    /// Principal plus interest.
    pub payment: Money,
    /// Outstanding principal after this installment is paid.
    pub balance_after: Money,
}

/// The column sums printed under a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScheduleTotals {
    /// Sum of the principal parts.
    pub principal: Money,
    /// Sum of the interest parts.
    pub interest: Money,
    /// Sum of the payments.
    pub payment: Money,
}

impl ScheduleTotals {
    /// The sums of the given rows, for callers that have no totals at hand.
    pub fn of(rows: &[ScheduleRowView]) -> Self {
        Self {
            principal: rows.iter().map(|row| row.principal).sum(),
            interest: rows.iter().map(|row| row.interest).sum(),
            payment: rows.iter().map(|row| row.payment).sum(),
        }
    }
}

/// Everything printed on a loan note (借据).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanNoteView {
    /// The loan note's own number.
    pub note_number: String,
    /// The lending company (出借人).
    pub lender: Party,
    /// The borrowing customer (借款人).
    pub borrower: Party,
    /// The amount lent.
    pub amount: Money,
    /// The amount in capitals, such as 人民币壹拾万元整.
    pub amount_in_words: String,
    /// The contract rate as the API prints it, such as "4.90".
    pub annual_rate_percent: String,
    /// The penalty rate a year on overdue principal, such as "7.35".
    pub penalty_rate_percent: String,
    /// How the loan is repaid.
    pub repayment_method: RepaymentMethod,
    /// The term in months.
    pub term_months: u32,
    /// The value date of the disbursement.
    pub disbursement_date: Date,
    /// The last due date.
    pub maturity_date: Date,
    /// What the money is for (借款用途).
    pub purpose: String,
    /// Where the repayments come from (还款来源).
    pub repayment_source: String,
    /// The bank's reference for the disbursement transfer.
    pub bank_reference: String,
    /// The names of the people who approved the loan, in order.
    pub approvers: Vec<String>,
    /// The day the note is issued.
    pub issued_at: Date,
    /// The repayment schedule, one row per installment.
    pub schedule: Vec<ScheduleRowView>,
    /// The schedule's column sums.
    pub totals: ScheduleTotals,
}

/// What has been paid against one installment, for a schedule statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaidAmounts {
    /// Principal paid.
    pub principal: Money,
    /// Interest paid.
    pub interest: Money,
    /// Penalty interest paid.
    pub penalty: Money,
}

/// One line of a schedule statement: the planned installment and, once
/// anything is known about it, what has been paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleLineView {
    /// The installment as planned.
    pub row: ScheduleRowView,
    /// What has been paid, or `None` to leave the paid columns blank.
    pub paid: Option<PaidAmounts>,
}

/// A customer's repayment schedule (还款计划表) as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleView {
    /// The loan's number.
    pub loan_number: String,
    /// The lending company.
    pub lender: Party,
    /// The borrowing customer.
    pub borrower: Party,
    /// The day the paid amounts are stated for.
    pub as_of: Date,
    /// The amount lent.
    pub amount: Money,
    /// The contract rate as the API prints it, such as "4.90".
    pub annual_rate_percent: String,
    /// How the loan is repaid.
    pub repayment_method: RepaymentMethod,
    /// The installments. The paid columns are printed when any line has
    /// paid amounts.
    pub lines: Vec<ScheduleLineView>,
    /// The planned columns' sums.
    pub totals: ScheduleTotals,
}

/// One amount line of a notice, such as overdue principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeAmountView {
    /// What the amount is, such as 逾期本金.
    pub label: String,
    /// The amount.
    pub amount: Money,
    /// The amount in capitals, such as 人民币壹仟元整.
    pub amount_in_words: String,
}

/// The account a notice asks the addressee to pay into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentAccountView {
    /// The account holder's name (户名).
    pub account_name: String,
    /// The bank and branch (开户行).
    pub bank: String,
    /// The account number (账号).
    pub account_number: String,
}

/// A notice sent to a customer, such as a dunning notice (催款通知) or a
/// rectification notice (整改通知).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeView {
    /// The title, such as 催款通知.
    pub title: String,
    /// The title in English, such as "Dunning Notice"; may be empty.
    pub title_en: String,
    /// The notice's number.
    pub number: String,
    /// Who sends the notice and seals it.
    pub issuer: Party,
    /// Who the notice is addressed to.
    pub addressee: Party,
    /// The day of the notice.
    pub date: Date,
    /// The body, one string per paragraph.
    pub paragraphs: Vec<String>,
    /// The amounts the notice is about; printed as a table when not empty.
    pub amounts: Vec<NoticeAmountView>,
    /// The day by which the addressee must act, if any.
    pub deadline: Option<Date>,
    /// The account to pay into, if the notice asks for payment.
    pub payment_account: Option<PaymentAccountView>,
}
