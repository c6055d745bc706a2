//! Annual interest rates and the interest function every calculation uses.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::{DayCount, DomainError, Money};

/// An annual rate in percent (`4.90` is 4.9 % a year), 0 to 100 with at most
/// four decimal places. Zero is allowed: interest-free customer loans are common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AnnualRate {
    /// The percentage, normalised.
    percent: Decimal,
    /// The same in ten-thousandths of a percent, kept for integer interest.
    e4: i64,
}

impl AnnualRate {
    /// Zero percent.
    pub const ZERO: AnnualRate = AnnualRate {
        percent: Decimal::ZERO,
        e4: 0,
    };

    /// A rate from a percentage already checked to have at most 4 decimals.
    fn of(percent: Decimal) -> AnnualRate {
        let mut scaled = percent;
        scaled.rescale(4);
        let e4 = i64::try_from(scaled.mantissa()).unwrap_or(i64::MAX);
        AnnualRate {
            percent: percent.normalize(),
            e4,
        }
    }

    /// A rate from its percentage.
    pub fn from_percent(percent: Decimal) -> Result<Self, DomainError> {
        let normalized = percent.normalize();
        let in_range = normalized >= Decimal::ZERO && normalized <= Decimal::ONE_HUNDRED;
        if !in_range || normalized.scale() > 4 {
            return Err(DomainError::InvalidRate);
        }
        Ok(AnnualRate::of(normalized))
    }

    /// Parses a plain percentage string such as `"4.90"`: digits and at most
    /// four decimals, no sign, exponent or separators.
    pub fn parse_percent(text: &str) -> Result<Self, DomainError> {
        let plain = !text.starts_with('-') && crate::money::plain_decimal_places(text).is_some();
        if !plain {
            return Err(DomainError::InvalidRate);
        }
        let value = Decimal::from_str(text).map_err(|_| DomainError::InvalidRate)?;
        Self::from_percent(value)
    }

    /// The rate in percent.
    pub fn percent(&self) -> Decimal {
        self.percent
    }

    /// The rate as a fraction of one (4.9 % → 0.049).
    pub fn fraction(&self) -> Decimal {
        self.percent / Decimal::ONE_HUNDRED
    }

    /// The rate times a factor (the penalty multiplier), kept to 4 decimals.
    pub fn scaled(&self, factor: Decimal) -> AnnualRate {
        AnnualRate::of((self.percent * factor).round_dp(4))
    }

    /// True for an interest-free rate.
    pub fn is_zero(&self) -> bool {
        self.percent.is_zero()
    }

    /// The percentage as stored: hundredths of a basis point (4.9 % → 49000).
    pub fn ten_thousandths(&self) -> i64 {
        self.e4
    }

    /// The rate back from its stored ten-thousandths of a percent.
    pub fn from_ten_thousandths(value: i64) -> Self {
        AnnualRate::of(Decimal::new(value, 4))
    }
}

impl fmt::Display for AnnualRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_percent_string())
    }
}

impl AnnualRate {
    /// The percentage as shown in the API: two decimals at least (`"4.90"`),
    /// up to four when the rate has them (`"4.3500"` → `"4.35"`, `"4.1234"`).
    pub fn to_percent_string(&self) -> String {
        let normalized = self.percent.normalize();
        let mut shown = normalized;
        shown.rescale(normalized.scale().max(2));
        shown.to_string()
    }
}

/// Simple interest on `balance` at `rate` for `days` under `day_count`,
/// rounded half-up to the fen. The division comes last, so a value that sits
/// exactly on half a fen rounds up rather than drifting below it.
pub fn interest(balance: Money, rate: AnnualRate, days: i64, day_count: DayCount) -> Money {
    if days <= 0 {
        return Money::ZERO;
    }
    // In whole units: fen × (percent × 10⁴) × days over 10⁶ × year days is
    // the interest in fen as an exact fraction, rounded half away from zero
    // once; no intermediate value is ever rounded.
    let numerator =
        i128::from(balance.fen()) * i128::from(rate.ten_thousandths()) * i128::from(days);
    let denominator = 1_000_000 * i128::from(day_count.year_days());
    Money::from_fen(round_half_away(numerator, denominator))
}

/// `numerator / denominator` (denominator > 0) rounded half away from zero,
/// saturating at the bounds of `i64`.
fn round_half_away(numerator: i128, denominator: i128) -> i64 {
    // Every realistic amount fits 64 bits, where division is several times
    // faster than in 128; the wide path keeps the result exact for the rest.
    if let (Ok(n), Ok(d)) = (i64::try_from(numerator), i64::try_from(denominator)) {
        return round_half_away_narrow(n, d);
    }
    let quotient = numerator / denominator;
    let twice_remainder = 2 * (numerator % denominator).abs();
    let rounded = if twice_remainder >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}

/// [`round_half_away`] in 64 bits; `denominator` > 0 and `numerator` is not
/// `i64::MIN`, as every caller's product of non-extreme values is.
fn round_half_away_narrow(numerator: i64, denominator: i64) -> i64 {
    let quotient = numerator / denominator;
    let remainder = numerator - quotient * denominator;
    if remainder.unsigned_abs() * 2 >= denominator.unsigned_abs() {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// Interest for one regular monthly period: `balance × annual / 12`.
pub fn monthly_interest(balance: Money, rate: AnnualRate) -> Money {
    // fen × (percent × 10⁴) / (10⁶ × 12): the 30/360 month of `interest`,
    // with its 30 days cancelled, in 64 bits when the product fits.
    match balance.fen().checked_mul(rate.ten_thousandths()) {
        Some(product) if product != i64::MIN => {
            Money::from_fen(round_half_away_narrow(product, 12_000_000))
        }
        _ => interest(balance, rate, 30, DayCount::Thirty360),
    }
}

impl FromStr for AnnualRate {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        AnnualRate::parse_percent(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap_or_default()
    }

    #[test]
    fn the_64_bit_monthly_interest_matches_the_128_bit_day_count_everywhere() {
        let rates = ["0", "0.0001", "4.35", "4.9", "12", "99.9999"];
        let balances = [
            1,
            7,
            99,
            1_000_000,
            123_456_789,
            -250_001,
            9_000_000_000_000,
        ];
        for text in rates {
            let rate = AnnualRate::parse_percent(text).unwrap_or(AnnualRate::ZERO);
            for fen in balances {
                let balance = Money::from_fen(fen);
                let wide = interest(balance, rate, 30, DayCount::Thirty360);
                assert_eq!(monthly_interest(balance, rate), wide, "{fen} at {text}");
            }
        }
        // 1000.00 at 6 % for a month on half a fen: 100000 × 60000 / 12e6
        // = 500 exactly; 1.00 at 6 %: 100 × 60000 / 12e6 = 0.5 → 1 fen.
        let six = AnnualRate::parse_percent("6").unwrap_or(AnnualRate::ZERO);
        assert_eq!(
            monthly_interest(Money::from_fen(100), six),
            Money::from_fen(1)
        );
    }

    #[test]
    fn interest_rounds_the_exact_fraction_half_away_from_zero() {
        let rate = AnnualRate::parse_percent("3.65").unwrap_or(AnnualRate::ZERO);
        // 1000.00 × 3.65 % × 1 / 365 = 0.10 exactly.
        assert_eq!(
            interest(money("1000.00"), rate, 1, DayCount::Act365).to_string(),
            "0.10"
        );
        // 0.01 × 3.65 % × 500 / 365 = 0.0005 → rounds to 0.00.
        assert_eq!(
            interest(money("0.01"), rate, 500, DayCount::Act365).to_string(),
            "0.00"
        );
        // 150.00 × 3.65 % × 10 / 365 = 0.15; × 1 day at ACT/360 = 0.0152083… → 0.02.
        assert_eq!(
            interest(money("150.00"), rate, 10, DayCount::Act365).to_string(),
            "0.15"
        );
        assert_eq!(
            interest(money("150.00"), rate, 1, DayCount::Act360).to_string(),
            "0.02"
        );
        // A negative balance rounds symmetrically: −1.00 × 6 % / 12 = −0.005 → −0.01.
        let six = AnnualRate::parse_percent("6").unwrap_or(AnnualRate::ZERO);
        assert_eq!(monthly_interest(money("-1.00"), six).to_string(), "-0.01");
    }

    #[test]
    fn monthly_interest_divides_last() {
        // 10000.00 × 6 % / 12 = 50.00 exactly.
        let rate = AnnualRate::parse_percent("6").unwrap_or(AnnualRate::ZERO);
        assert_eq!(
            monthly_interest(money("10000.00"), rate).to_string(),
            "50.00"
        );
        // 1.00 × 6 % / 12 = 0.005 → half a fen, rounds up to 0.01.
        assert_eq!(monthly_interest(money("1.00"), rate).to_string(), "0.01");
    }

    #[test]
    fn rates_outside_zero_to_hundred_or_with_five_decimals_are_refused() {
        assert!(AnnualRate::parse_percent("-1").is_err());
        assert!(AnnualRate::parse_percent("100.01").is_err());
        assert!(AnnualRate::parse_percent("4.12345").is_err());
        assert!(AnnualRate::parse_percent("0").is_ok());
        for text in ["6e0", "1_2", "+6", "-0", " 6"] {
            assert!(
                AnnualRate::parse_percent(text).is_err(),
                "{text:?} was accepted"
            );
        }
    }

    #[test]
    fn percent_string_keeps_two_to_four_decimals() {
        let shown = |t: &str| {
            AnnualRate::parse_percent(t)
                .map(|r| r.to_percent_string())
                .unwrap_or_default()
        };
        assert_eq!(shown("4.9"), "4.90");
        assert_eq!(shown("4.3500"), "4.35");
        assert_eq!(shown("4.1234"), "4.1234");
        assert_eq!(shown("0"), "0.00");
    }
}
