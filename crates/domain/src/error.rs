//! The domain's one error type. Every rule the domain enforces fails with a
//! variant of [`DomainError`]; the API layer maps each variant to an HTTP status.

use thiserror::Error;

/// A broken lending rule or an invalid value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// An amount had more than two decimal places.
    #[error("amount has more than 2 decimal places")]
    TooManyDecimals,
    /// An amount that must be positive was zero or negative.
    #[error("amount must be greater than zero")]
    NotPositive,
    /// An amount was negative where zero or more is required.
    #[error("amount must not be negative")]
    Negative,
    /// An amount was not a decimal number.
    #[error("not a decimal amount: {0}")]
    NotADecimal(String),
    /// An amount is too large to store exactly.
    #[error("amount is too large")]
    AmountTooLarge,
    /// An annual rate was negative, over 100 % or had more than 4 decimals.
    #[error("annual rate must be between 0 and 100 percent with at most 4 decimals")]
    InvalidRate,
    /// An annual rate above the legal cap for the contract date.
    #[error("annual rate {rate}% exceeds the legal cap of {cap}%")]
    RateAboveCap {
        /// The rate asked for, in percent.
        rate: String,
        /// The cap in force, in percent.
        cap: String,
    },
    /// A term outside 1..=360 months.
    #[error("term must be between 1 and 360 months")]
    InvalidTerm,
    /// A repayment method name that is not one of the four methods.
    #[error("unknown repayment method: {0}")]
    UnknownRepaymentMethod(String),
    /// A unified social credit code that is malformed or fails its check.
    #[error("invalid unified social credit code: {0}")]
    InvalidCreditCode(&'static str),
    /// A date that the rules do not allow here.
    #[error("invalid date: {0}")]
    InvalidDate(&'static str),
    /// A state machine refused an event in the current state.
    #[error("cannot {event} when {state}")]
    IllegalTransition {
        /// The current state, as its API name.
        state: &'static str,
        /// The refused event, as a verb phrase.
        event: &'static str,
    },
    /// An approval rule (four eyes, manager threshold) was broken.
    #[error("{0}")]
    ApprovalRule(&'static str),
    /// A repayment or transaction rule was broken.
    #[error("{0}")]
    TransactionRule(&'static str),
    /// A scorecard whose bands or thresholds are out of order.
    #[error("invalid risk rules: {0}")]
    InvalidRules(&'static str),
    /// A status name that is not one of the state machine's statuses.
    #[error("unknown status: {0}")]
    UnknownStatus(String),
}
