//! Loanbook's lending rules, with no I/O.
//!
//! This crate owns money, rates and terms as checked types, repayment
//! schedules, the application and loan state machines, repayment allocation,
//! penalty interest and days past due, and the loan note's amount in words. It
//! must not depend on storage, HTTP, serialization or logging, so that every
//! rule can be read and tested alone.

mod dates;
mod error;
mod money;
mod rate;
pub mod schedule;
mod term;

pub use dates::{DayCount, add_months};
pub use error::DomainError;
pub use money::Money;
pub use rate::{AnnualRate, interest, monthly_interest};
pub use schedule::{Installment, RepaymentMethod, ScheduleTerms};
pub use term::TermMonths;
