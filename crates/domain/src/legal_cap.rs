//! The legal cap on interest for lending between companies, and the penalty
//! rate cut to it.
//!
//! The cap is four times the one-year Loan Prime Rate (LPR, 贷款市场报价利率)
//! in force on the contract date. The LPR history is a dated table that
//! settings own; [`LprTable::default`] holds the published one-year values
//! from the first fixing on 2019-08-20, listing only the fixings that changed
//! the rate. A fixing is in force from its own date.

use rust_decimal::Decimal;
use time::Date;
use time::macros::date;

use crate::{AnnualRate, DomainError};

/// The default penalty multiplier: the penalty rate is the contract rate × 1.5.
pub const DEFAULT_PENALTY_MULTIPLIER: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// How many times the one-year LPR the legal cap is.
const CAP_MULTIPLE: i64 = 4;

/// The published one-year LPR on each date it changed, in ten-thousandths of
/// a percent.
const PUBLISHED_ONE_YEAR_LPR: [(Date, i64); 13] = [
    (date!(2019 - 08 - 20), 42_500),
    (date!(2019 - 09 - 20), 42_000),
    (date!(2019 - 11 - 20), 41_500),
    (date!(2020 - 02 - 20), 40_500),
    (date!(2020 - 04 - 20), 38_500),
    (date!(2021 - 12 - 20), 38_000),
    (date!(2022 - 01 - 20), 37_000),
    (date!(2022 - 08 - 22), 36_500),
    (date!(2023 - 06 - 20), 35_500),
    (date!(2023 - 08 - 21), 34_500),
    (date!(2024 - 07 - 22), 33_500),
    (date!(2024 - 10 - 21), 31_000),
    (date!(2025 - 05 - 20), 30_000),
];

/// One-year LPR fixings by the date each came into force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LprTable {
    /// Sorted by date; for equal dates the later input entry wins.
    entries: Vec<(Date, AnnualRate)>,
}

impl LprTable {
    /// A table from dated fixings in any order. When two share a date, the
    /// one given later wins.
    pub fn new(mut entries: Vec<(Date, AnnualRate)>) -> LprTable {
        entries.sort_by_key(|(date, _)| *date);
        LprTable { entries }
    }

    /// The fixings, oldest first.
    pub fn entries(&self) -> &[(Date, AnnualRate)] {
        &self.entries
    }

    /// The one-year LPR in force on `date`; `None` before the first fixing.
    pub fn lpr_on(&self, date: Date) -> Option<AnnualRate> {
        self.entries
            .iter()
            .rev()
            .find(|(from, _)| *from <= date)
            .map(|(_, rate)| *rate)
    }

    /// The legal cap on `date`: four times the one-year LPR then in force.
    pub fn legal_cap_on(&self, date: Date) -> Option<AnnualRate> {
        self.lpr_on(date)
            .map(|lpr| lpr.scaled(Decimal::from(CAP_MULTIPLE)))
    }
}

impl Default for LprTable {
    /// The published one-year LPR history, 2019-08-20 to 3.00 % from 2025-05-20.
    fn default() -> Self {
        let entries = PUBLISHED_ONE_YEAR_LPR
            .iter()
            .map(|(date, rate)| (*date, AnnualRate::from_ten_thousandths(*rate)))
            .collect();
        LprTable::new(entries)
    }
}

/// Refuses a contract rate above the legal cap on the contract date. A rate
/// equal to the cap is allowed. A date before the table's first fixing has
/// no known cap and is refused too, rather than passed unchecked.
pub fn check_contract_rate(
    table: &LprTable,
    rate: AnnualRate,
    contract_date: Date,
) -> Result<(), DomainError> {
    let Some(cap) = table.legal_cap_on(contract_date) else {
        return Err(DomainError::InvalidDate(
            "no one-year loan prime rate is known for the contract date",
        ));
    };

    if rate > cap {
        return Err(DomainError::RateAboveCap {
            rate: rate.to_percent_string(),
            cap: cap.to_percent_string(),
        });
    }
    Ok(())
}

/// The penalty rate: `contract_rate × multiplier` (kept to 4 decimals), cut
/// to `cap` when one applies. A negative multiplier counts as zero and the
/// result never exceeds 100 %, so it is always a valid [`AnnualRate`].
pub fn penalty_rate(
    contract_rate: AnnualRate,
    multiplier: Decimal,
    cap: Option<AnnualRate>,
) -> AnnualRate {
    let scaled = contract_rate.scaled(multiplier.max(Decimal::ZERO));
    let ceiling = AnnualRate::from_percent(Decimal::ONE_HUNDRED).ok();

    [cap, ceiling]
        .into_iter()
        .flatten()
        .fold(scaled, AnnualRate::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(text: &str) -> AnnualRate {
        AnnualRate::parse_percent(text).unwrap_or(AnnualRate::ZERO)
    }

    fn shown(rate: Option<AnnualRate>) -> Option<String> {
        rate.map(|r| r.to_percent_string())
    }

    #[test]
    fn the_cap_is_twelve_percent_from_the_may_2025_fixing() {
        let table = LprTable::default();

        assert_eq!(
            shown(table.lpr_on(date!(2025 - 05 - 20))),
            Some("3.00".into())
        );
        assert_eq!(
            shown(table.legal_cap_on(date!(2025 - 05 - 20))),
            Some("12.00".into())
        );
        assert_eq!(
            shown(table.legal_cap_on(date!(2026 - 12 - 03))),
            Some("12.00".into())
        );
    }

    #[test]
    fn the_day_before_a_fixing_keeps_the_previous_rate() {
        let table = LprTable::default();

        // 3.10 % from 2024-10-21, so 4 × 3.10 = 12.40 until 2025-05-19.
        assert_eq!(
            shown(table.lpr_on(date!(2025 - 05 - 19))),
            Some("3.10".into())
        );
        assert_eq!(
            shown(table.legal_cap_on(date!(2025 - 05 - 19))),
            Some("12.40".into())
        );
        // 4.25 % on the first fixing day: 4 × 4.25 = 17.00.
        assert_eq!(
            shown(table.legal_cap_on(date!(2019 - 08 - 20))),
            Some("17.00".into())
        );
        assert_eq!(
            shown(table.lpr_on(date!(2022 - 08 - 21))),
            Some("3.70".into())
        );
    }

    #[test]
    fn there_is_no_rate_before_the_first_fixing() {
        let table = LprTable::default();

        assert_eq!(table.lpr_on(date!(2019 - 08 - 19)), None);
        assert_eq!(
            check_contract_rate(&table, rate("4.35"), date!(2019 - 08 - 19)),
            Err(DomainError::InvalidDate(
                "no one-year loan prime rate is known for the contract date"
            ))
        );
    }

    #[test]
    fn a_table_given_out_of_order_is_sorted_by_date() {
        let table = LprTable::new(vec![
            (date!(2025 - 05 - 20), rate("3")),
            (date!(2024 - 10 - 21), rate("3.1")),
        ]);

        assert_eq!(
            shown(table.lpr_on(date!(2025 - 01 - 01))),
            Some("3.10".into())
        );
        assert_eq!(
            shown(table.lpr_on(date!(2025 - 06 - 01))),
            Some("3.00".into())
        );
    }

    #[test]
    fn a_rate_above_the_cap_is_refused_with_both_rates() {
        let table = LprTable::default();

        let refused = check_contract_rate(&table, rate("12.5"), date!(2025 - 06 - 01));

        let expected = DomainError::RateAboveCap {
            rate: "12.50".into(),
            cap: "12.00".into(),
        };
        assert_eq!(refused, Err(expected));
        assert_eq!(
            refused.err().map(|e| e.to_string()),
            Some("annual rate 12.50% exceeds the legal cap of 12.00%".into())
        );
    }

    #[test]
    fn a_rate_equal_to_the_cap_is_allowed() {
        let table = LprTable::default();

        assert_eq!(
            check_contract_rate(&table, rate("12"), date!(2025 - 06 - 01)),
            Ok(())
        );
        assert_eq!(
            check_contract_rate(&table, rate("12.4"), date!(2025 - 01 - 01)),
            Ok(())
        );
        let just_above = check_contract_rate(&table, rate("12.0001"), date!(2025 - 06 - 01));
        assert!(just_above.is_err());
    }

    #[test]
    fn the_default_penalty_rate_is_one_and_a_half_times_the_contract_rate() {
        // 4.90 × 1.5 = 7.35.
        let cap = Some(rate("12"));

        let penalty = penalty_rate(rate("4.9"), DEFAULT_PENALTY_MULTIPLIER, cap);

        assert_eq!(penalty.to_percent_string(), "7.35");
    }

    #[test]
    fn a_penalty_rate_above_the_cap_is_cut_to_it() {
        // 10.00 × 1.5 = 15.00 > 12.00.
        let cap = Some(rate("12"));

        let penalty = penalty_rate(rate("10"), DEFAULT_PENALTY_MULTIPLIER, cap);

        assert_eq!(penalty.to_percent_string(), "12.00");
    }

    #[test]
    fn without_a_cap_the_penalty_rate_stops_at_one_hundred_percent() {
        assert_eq!(
            penalty_rate(rate("10"), Decimal::TWO, None).to_percent_string(),
            "20.00"
        );
        assert_eq!(
            penalty_rate(rate("80"), Decimal::TWO, None).to_percent_string(),
            "100.00"
        );
        assert_eq!(
            penalty_rate(rate("5"), Decimal::NEGATIVE_ONE, None),
            AnnualRate::ZERO
        );
    }
}
