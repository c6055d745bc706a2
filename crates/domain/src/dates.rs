//! Calendar rules: due dates that keep the anchor day of month, and day counts.

use time::{Date, Month};

/// How days are counted when interest is computed for a span of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayCount {
    /// Every month is 30 days and a year 360 (monthly rate = annual / 12).
    Thirty360,
    /// Actual days over a 360-day year (penalty, broken periods, settlement).
    Act360,
    /// Actual days over a 365-day year (bullet loans).
    Act365,
}

impl DayCount {
    /// The number of days in the year of this convention.
    pub fn year_days(self) -> i64 {
        match self {
            DayCount::Thirty360 | DayCount::Act360 => 360,
            DayCount::Act365 => 365,
        }
    }

    /// Days between two dates under this convention (`to` after `from`).
    pub fn days_between(self, from: Date, to: Date) -> i64 {
        match self {
            DayCount::Act360 | DayCount::Act365 => (to - from).whole_days(),
            DayCount::Thirty360 => thirty_360_days(from, to),
        }
    }
}

/// 30/360 (US/NASD-style end-of-month adjustment on the day numbers).
fn thirty_360_days(from: Date, to: Date) -> i64 {
    let d1 = i64::from(from.day().min(30));
    let mut d2 = i64::from(to.day());
    if d2 == 31 && d1 == 30 {
        d2 = 30;
    }
    let years = i64::from(to.year() - from.year());
    let months = i64::from(u8::from(to.month())) - i64::from(u8::from(from.month()));
    years * 360 + months * 30 + (d2 - d1)
}

/// The date `months` months after `anchor`, on the anchor's day of month,
/// clamped to the last day of a shorter month (31 Jan + 1 → 28/29 Feb).
pub fn add_months(anchor: Date, months: u32) -> Date {
    let zero_based = i64::from(u8::from(anchor.month())) - 1 + i64::from(months);
    let year_offset = zero_based.div_euclid(12);
    let month_index = zero_based.rem_euclid(12);
    let year = i64::from(anchor.year()) + year_offset;
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    let month = month_from_index(month_index);
    let day = anchor.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(anchor)
}

fn month_from_index(index: i64) -> Month {
    let number = u8::try_from(index + 1).unwrap_or(1);
    Month::try_from(number).unwrap_or(Month::January)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn month_end_anchor_is_kept_through_february() {
        let start = date!(2025 - 01 - 31);
        assert_eq!(add_months(start, 1), date!(2025 - 02 - 28));
        assert_eq!(add_months(start, 2), date!(2025 - 03 - 31));
        assert_eq!(add_months(date!(2024 - 01 - 31), 1), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2025 - 11 - 15), 3), date!(2026 - 02 - 15));
    }

    #[test]
    fn act_day_counts_are_calendar_days() {
        let from = date!(2025 - 03 - 15);
        let to = date!(2026 - 03 - 15);
        assert_eq!(DayCount::Act365.days_between(from, to), 365);
        assert_eq!(DayCount::Thirty360.days_between(from, to), 360);
    }
}
