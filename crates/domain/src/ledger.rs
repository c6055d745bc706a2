//! The loan ledger: a loan's position derived by replaying its transactions.
//!
//! Transactions are immutable facts with a value date; balances, installment
//! states, penalties and the status are never stored, only derived here by
//! [`derive`]. Reversing a repayment is deriving again without it. The module
//! owns allocation (冲销顺序), prepayment (提前还款), settlement, penalty
//! interest (罚息) and days past due; every status change goes through the
//! loan state machine of [`crate::loan`]. It does no I/O.
//!
//! Rules the design leaves open, decided the way Fineract and Mambu do:
//! - A repayment pays future installments in advance in full, scheduled
//!   interest included; only `settle` stops future interest.
//! - Grace days only forgive: an installment paid in full within its grace
//!   days bears no penalty, and one still unpaid after them is past due, and
//!   bears penalty, counted from its due date.
//! - A waiver is a fixing date for penalty, like a payment; it reduces the
//!   penalty of the oldest installments first.
//! - A write-off fixes penalty to its date and stops it accruing (a written-off
//!   loan is non-accrual); days past due keep counting.
//! - When a prepayment changes installments not yet due, money earlier
//!   repayments paid in advance on them is taken back and applied again to the
//!   changed installments, and those earlier allocations change accordingly
//!   (as Fineract does by reprocessing transactions after a schedule change).
//! - Settlement interest since the last due date runs on the principal not yet
//!   due; overdue principal already bears penalty and is not charged twice.
//! - A `reduce_term` or `reduce_installment` prepayment that would repay all
//!   the remaining principal is refused (settle instead, which charges the
//!   interest since the last due date); one with nothing left after what is
//!   due is a plain repayment. Interest-only and bullet loans have no level
//!   payment to keep, so for them `reduce_term` lowers the payment too.

mod allocation;
mod book;
mod penalty;
mod position;
mod prepayment;
mod replay;

use std::fmt;
use std::str::FromStr;

use time::Date;

use crate::loan::LoanStatus;
use crate::schedule::generate;
use crate::{AnnualRate, DomainError, Installment, Money, ScheduleTerms};

pub use crate::aging::AgingBucket;

use replay::replay;

/// A part of what an installment owes, in the order a repayment pays it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    /// Penalty interest (罚息).
    Penalty,
    /// Contract interest.
    Interest,
    /// Principal.
    Principal,
}

impl Component {
    /// Every component, in the default allocation order.
    pub const ALL: [Component; 3] = [
        Component::Penalty,
        Component::Interest,
        Component::Principal,
    ];

    /// The API and storage name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Component::Penalty => "penalty",
            Component::Interest => "interest",
            Component::Principal => "principal",
        }
    }
}

impl FromStr for Component {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let found = Component::ALL
            .into_iter()
            .find(|part| part.as_str() == text);
        found.ok_or(DomainError::TransactionRule(
            "allocation component must be penalty, interest or principal",
        ))
    }
}

/// The rules of a loan product that the ledger applies, copied onto the loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanRules {
    /// The annual penalty rate, already multiplied and capped.
    pub penalty_rate: AnnualRate,
    /// Also charge penalty on unpaid interest, never on penalty.
    pub penalty_on_interest: bool,
    /// Days after a due date before an unpaid installment is past due.
    pub grace_days: u32,
    /// The order in which a repayment pays each installment's parts.
    pub allocation_order: [Component; 3],
}

impl LoanRules {
    /// The default product's rules: penalty on principal only, no grace,
    /// penalty → interest → principal.
    pub fn standard(penalty_rate: AnnualRate) -> Self {
        LoanRules {
            penalty_rate,
            penalty_on_interest: false,
            grace_days: 0,
            allocation_order: [
                Component::Penalty,
                Component::Interest,
                Component::Principal,
            ],
        }
    }
}

/// What a loan was booked with: its terms, its schedule and its rules.
// Limitation: one schedule per loan. Rescheduling and extension (DESIGN §5: a
// new schedule version from an effective date, old versions kept) are not
// modelled here yet; a caller can only pass the version in force, and the
// ledger replays every transaction against it, including those dated before
// the new version took effect, so their allocations may differ from the ones
// made under the old version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanContract {
    /// The terms the schedule was computed from.
    pub terms: ScheduleTerms,
    /// The contractual schedule, in due-date order.
    pub schedule: Vec<Installment>,
    /// The product rules copied onto the loan.
    pub rules: LoanRules,
}

impl LoanContract {
    /// A contract whose schedule is generated from its terms.
    pub fn from_terms(terms: ScheduleTerms, rules: LoanRules) -> Result<Self, DomainError> {
        let schedule = generate(&terms)?;
        Ok(LoanContract {
            terms,
            schedule,
            rules,
        })
    }
}

/// What an explicit prepayment (提前还款) does with the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Prepayment {
    /// Keep the payment, drop installments from the end.
    ReduceTerm,
    /// Keep the number of installments, lower the payment.
    ReduceInstallment,
    /// Pay the loan off early (提前结清).
    Settle,
}

impl Prepayment {
    /// Every prepayment rule.
    pub const ALL: [Prepayment; 3] = [
        Prepayment::ReduceTerm,
        Prepayment::ReduceInstallment,
        Prepayment::Settle,
    ];

    /// The API and storage name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Prepayment::ReduceTerm => "reduce_term",
            Prepayment::ReduceInstallment => "reduce_installment",
            Prepayment::Settle => "settle",
        }
    }
}

impl fmt::Display for Prepayment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Prepayment {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Prepayment::ALL
            .into_iter()
            .find(|rule| rule.as_str() == text)
            .ok_or(DomainError::TransactionRule(
                "prepayment must be reduce_term, reduce_installment or settle",
            ))
    }
}

/// What a transaction does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionKind {
    /// Money received; `prepayment` asks for an explicit prepayment rule.
    Repayment {
        /// The amount received.
        amount: Money,
        /// `None` for a plain repayment allocated in due-date order.
        prepayment: Option<Prepayment>,
    },
    /// Penalty interest forgiven.
    PenaltyWaiver {
        /// The penalty forgiven.
        amount: Money,
    },
    /// The loan written off as a loss.
    WriteOff,
    /// Part or all of a credit balance paid back to the borrower.
    Refund {
        /// The amount paid back.
        amount: Money,
    },
}

/// One fact in a loan's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanTransaction {
    /// The date it takes effect; never before the disbursement.
    pub value_date: Date,
    /// What it does.
    pub kind: TransactionKind,
}

/// How one repayment was split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Allocation {
    /// Paid to penalty interest.
    pub penalty: Money,
    /// Paid to contract interest.
    pub interest: Money,
    /// Paid to principal.
    pub principal: Money,
    /// Beyond the whole balance: credited to the borrower.
    pub excess: Money,
}

impl Allocation {
    /// Everything the repayment brought in.
    pub fn total(&self) -> Money {
        self.penalty + self.interest + self.principal + self.excess
    }
}

/// One installment of the effective schedule, with what was paid on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstallmentPosition {
    /// The effective installment (after any re-amortisation or settlement).
    pub installment: Installment,
    /// Principal paid on it.
    pub principal_paid: Money,
    /// Interest paid on it.
    pub interest_paid: Money,
    /// Penalty interest fixed on it up to the as-of date.
    pub penalty_accrued: Money,
    /// Penalty interest paid on it.
    pub penalty_paid: Money,
    /// Penalty interest waived on it.
    pub penalty_waived: Money,
    /// Days past due as of the as-of date; 0 when paid or not yet past due.
    pub days_overdue: u32,
    /// The date everything it owed was paid or waived.
    pub paid_off_on: Option<Date>,
}

/// A loan's position on a date, derived from its transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanPosition {
    /// The date the position is for.
    pub as_of: Date,
    /// The loan's status.
    pub status: LoanStatus,
    /// The effective schedule with what was paid on each installment.
    pub installments: Vec<InstallmentPosition>,
    /// All unpaid principal.
    pub outstanding_principal: Money,
    /// All unpaid scheduled interest, future installments included.
    pub outstanding_interest: Money,
    /// Penalty fixed up to the as-of date and neither paid nor waived.
    pub outstanding_penalty: Money,
    /// Unpaid principal of installments past due on the as-of date.
    pub overdue_principal: Money,
    /// Unpaid interest of installments past due on the as-of date.
    pub overdue_interest: Money,
    /// Money owed to the borrower (a liability).
    pub credit_balance: Money,
    /// Days since the due date of the oldest past-due installment.
    pub days_past_due: u32,
    /// The aging band of `days_past_due`.
    pub aging_bucket: AgingBucket,
    /// The due date of the effective schedule's last installment.
    pub maturity_date: Date,
    /// Principal paid so far.
    pub principal_paid: Money,
    /// Contract interest paid so far.
    pub interest_paid: Money,
    /// Penalty interest paid so far.
    pub penalty_paid: Money,
    /// The date the loan closed.
    pub closed_on: Option<Date>,
    /// One per input transaction, in the same order; zeros for transactions
    /// that are not repayments or are dated after the as-of date.
    pub allocations: Vec<Allocation>,
}

/// The loan's position on `as_of`, from its transactions sorted by value date
/// and then recording order. Transactions after `as_of` are ignored.
pub fn derive(
    contract: &LoanContract,
    transactions: &[LoanTransaction],
    as_of: Date,
) -> Result<LoanPosition, DomainError> {
    let book = replay(contract, transactions, as_of)?;
    Ok(position::position(book, as_of))
}

/// What settling the loan on a date would take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayoffQuote {
    /// The settlement date.
    pub date: Date,
    /// All unpaid principal.
    pub principal: Money,
    /// Unpaid interest of installments due, plus interest since the last due
    /// date on the principal not yet due.
    pub interest: Money,
    /// Unpaid penalty interest up to the date.
    pub penalty: Money,
    /// The amount a `settle` prepayment needs on that date.
    pub total: Money,
}

/// The exact amount a `settle` prepayment would need on `date`, after the
/// transactions dated on or before it. Nothing is owed on a closed or
/// overpaid loan, so its quote is zero.
// Limitation: when plain repayments paid future installments in advance by
// more than settling would need, the quote is zero while the loan is still
// active; a settle must be a positive amount, so the cashier records a settle
// of 0.01 and the loan becomes overpaid with the difference as credit.
pub fn payoff_quote(
    contract: &LoanContract,
    transactions: &[LoanTransaction],
    date: Date,
) -> Result<PayoffQuote, DomainError> {
    let mut book = replay(contract, transactions, date)?;
    if matches!(book.status, LoanStatus::Active | LoanStatus::WrittenOff) {
        prepayment::prepare_settlement(&mut book, date);
    }

    let (principal, interest, penalty) = book.unpaid_totals();
    let total = principal + interest + penalty;
    Ok(PayoffQuote {
        date,
        principal,
        interest,
        penalty,
        total,
    })
}
