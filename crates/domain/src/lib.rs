//! Loanbook's lending rules, with no I/O.
//!
//! This crate owns money, rates and terms as checked types, repayment
//! schedules, the application and loan state machines, repayment allocation,
//! penalty interest and days past due, and the loan note's amount in words. It
//! must not depend on storage, HTTP, serialization or logging, so that every
//! rule can be read and tested alone.

mod aging;
pub mod application;
pub mod assessment;
mod capitals;
mod credit_code;
mod dates;
pub mod document;
mod error;
pub mod ledger;
mod legal_cap;
pub mod loan;
mod money;
pub mod product;
mod rate;
pub mod schedule;
mod term;

pub use application::{
    ApplicationEvent, ApplicationStatus, Approval, ApprovalOutcome, ApprovalRequest, UserRef,
    decide_approval,
};
pub use capitals::amount_in_words;
pub use credit_code::CreditCode;
pub use dates::{DayCount, add_months};
pub use error::DomainError;
pub use ledger::{
    AgingBucket, Allocation, Component, InstallmentPosition, LoanContract, LoanPosition, LoanRules,
    LoanTransaction, PayoffQuote, Prepayment, TransactionKind, derive, payoff_quote,
};
pub use legal_cap::{DEFAULT_PENALTY_MULTIPLIER, LprTable, check_contract_rate, penalty_rate};
pub use loan::{LoanEvent, LoanStatus};
pub use money::Money;
pub use product::LoanProduct;
pub use rate::{AnnualRate, interest, monthly_interest};
pub use schedule::{Installment, RepaymentMethod, ScheduleTerms};
pub use term::TermMonths;
