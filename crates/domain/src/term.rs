//! Loan terms in months.

use crate::DomainError;

/// A loan term of 1 to 360 months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermMonths(u32);

impl TermMonths {
    /// The longest term Loanbook accepts: thirty years.
    pub const MAX: u32 = 360;

    /// A term, refused outside 1..=360 months.
    pub fn new(months: u32) -> Result<Self, DomainError> {
        if months == 0 || months > Self::MAX {
            return Err(DomainError::InvalidTerm);
        }
        Ok(TermMonths(months))
    }

    /// The number of months.
    pub fn months(&self) -> u32 {
        self.0
    }
}
