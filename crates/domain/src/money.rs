//! Money: an exact amount in yuan with two decimal places.
//!
//! Every amount in Loanbook is a [`Money`]. It wraps `rust_decimal::Decimal`,
//! never a float, and is rounded only through [`Money::round_half_up`], the one
//! rounding rule of the product (half-up to the fen).

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::DomainError;

/// The largest amount Loanbook accepts, 999999999999999.99 yuan: as fen it fits
/// an `i64` with room to sum ninety of them.
const MAX_FEN: i64 = 99_999_999_999_999_999;

/// An exact amount of money, held as whole fen so that sums and differences
/// are plain integer operations. May be negative inside calculations; use
/// [`Money::parse_positive`] for amounts a user enters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    /// Zero yuan.
    pub const ZERO: Money = Money(0);

    /// Builds an amount from an exact decimal with at most two decimal places.
    pub fn new(value: Decimal) -> Result<Self, DomainError> {
        let normalized = value.normalize();
        if normalized.scale() > 2 {
            return Err(DomainError::TooManyDecimals);
        }
        let mut exact = normalized;
        exact.rescale(2);
        if exact.abs() > Decimal::new(MAX_FEN, 2) {
            return Err(DomainError::AmountTooLarge);
        }
        let fen = i64::try_from(exact.mantissa()).map_err(|_| DomainError::AmountTooLarge)?;
        Ok(Money(fen))
    }

    /// Parses a plain decimal string such as `"12345.67"` or `"-5"`: digits,
    /// an optional leading minus, and at most two decimals. Exponents, `+`,
    /// `_`, spaces and bare points (`".5"`, `"5."`) are refused.
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let decimals =
            plain_decimal_places(text).ok_or_else(|| DomainError::NotADecimal(text.to_owned()))?;
        if decimals > 2 {
            return Err(DomainError::TooManyDecimals);
        }
        let value =
            Decimal::from_str(text).map_err(|_| DomainError::NotADecimal(text.to_owned()))?;
        Self::new(value)
    }

    /// Parses an amount that must be greater than zero.
    pub fn parse_positive(text: &str) -> Result<Self, DomainError> {
        let money = Self::parse(text)?;
        if !money.is_positive() {
            return Err(DomainError::NotPositive);
        }
        Ok(money)
    }

    /// Rounds any decimal half-up (away from zero at exactly half) to the fen.
    pub fn round_half_up(value: Decimal) -> Self {
        let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        rounded.rescale(2);
        Money(
            i64::try_from(rounded.mantissa()).unwrap_or(if rounded.is_sign_negative() {
                i64::MIN
            } else {
                i64::MAX
            }),
        )
    }

    /// An amount from a whole number of fen (0.01 yuan).
    pub fn from_fen(fen: i64) -> Self {
        Money(fen)
    }

    /// The amount as a whole number of fen.
    pub fn fen(&self) -> i64 {
        self.0
    }

    /// Whole yuan as an unsigned integer and the fen part (0..=99), for words.
    pub fn yuan_and_fen(&self) -> (u64, u8) {
        let fen = self.fen().unsigned_abs();
        let part = u8::try_from(fen % 100).unwrap_or(0);
        (fen / 100, part)
    }

    /// The exact decimal value, with scale 2.
    pub fn amount(&self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// True for zero.
    pub fn is_zero(&self) -> bool {
        self.0 == 0
    }

    /// True for an amount above zero.
    pub fn is_positive(&self) -> bool {
        self.0 > 0
    }

    /// True for an amount below zero.
    pub fn is_negative(&self) -> bool {
        self.0 < 0
    }

    /// The smaller of two amounts.
    pub fn min(self, other: Money) -> Money {
        if self <= other { self } else { other }
    }

    /// The larger of two amounts.
    pub fn max(self, other: Money) -> Money {
        if self >= other { self } else { other }
    }

    /// This amount, or zero when it is negative.
    pub fn non_negative(self) -> Money {
        self.max(Money::ZERO)
    }
}

/// The number of decimal places of a plain decimal (`-?digits(.digits)?`),
/// or `None` when the text is not one.
pub(crate) fn plain_decimal_places(text: &str) -> Option<usize> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (body, ""),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 20 || !digits(whole) || !digits(fraction) {
        return None;
    }
    Some(fraction.len())
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.amount())
    }
}

impl FromStr for Money {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Money::parse(text)
    }
}

impl Add for Money {
    type Output = Money;

    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl Sub for Money {
    type Output = Money;

    fn sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        self.0 = self.0.saturating_add(other.0);
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, other: Money) {
        self.0 = self.0.saturating_sub(other.0);
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_a_fen_rounds_up_not_to_even() {
        assert_eq!(
            Money::round_half_up(Decimal::new(125, 3)).to_string(),
            "0.13"
        );
        assert_eq!(
            Money::round_half_up(Decimal::new(135, 3)).to_string(),
            "0.14"
        );
        assert_eq!(
            Money::round_half_up(Decimal::new(124_999, 6)).to_string(),
            "0.12"
        );
    }

    #[test]
    fn three_decimals_are_refused() {
        assert_eq!(Money::parse("1.001"), Err(DomainError::TooManyDecimals));
        assert_eq!(Money::parse("1.000"), Err(DomainError::TooManyDecimals));
        assert_eq!(
            Money::parse("1.5").map(|m| m.to_string()),
            Ok("1.50".into())
        );
    }

    #[test]
    fn only_plain_decimal_strings_are_amounts() {
        for text in [
            "1e3",
            "1_000",
            "+100",
            ".5",
            "100.",
            " 100.00",
            "１００",
            "NaN",
            "",
            "-",
        ] {
            assert!(
                matches!(Money::parse(text), Err(DomainError::NotADecimal(_))),
                "{text:?} was accepted"
            );
        }
        assert_eq!(
            Money::parse("-0.05").map(|m| m.to_string()),
            Ok("-0.05".into())
        );
    }

    #[test]
    fn zero_and_negative_are_not_positive() {
        assert_eq!(Money::parse_positive("0"), Err(DomainError::NotPositive));
        assert_eq!(
            Money::parse_positive("-5.00"),
            Err(DomainError::NotPositive)
        );
        assert!(Money::parse("abc").is_err());
    }

    #[test]
    fn fen_round_trip_is_exact_at_the_top_of_the_range() {
        let big = Money::parse("999999999999999.99").unwrap_or_default();
        assert_eq!(big.fen(), 99_999_999_999_999_999);
        assert_eq!(Money::from_fen(99_999_999_999_999_999), big);
        assert_eq!(Money::from_fen(-5).to_string(), "-0.05");
    }
}
