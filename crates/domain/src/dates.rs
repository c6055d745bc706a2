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

/// `count` dates a month apart, the first `first` months after `anchor`, as
/// [`add_months`] gives them one by one: the anchor's day of month, clamped. Stepping month by month saves taking the
/// anchor apart again for every date of a long schedule.
pub fn monthly_dates(anchor: Date, first: u32, count: u32) -> Vec<Date> {
    let day = anchor.day();
    let mut year = anchor.year();
    let mut month = anchor.month();
    for _ in 0..first {
        (year, month) = next_month(year, month);
    }
    let mut dates = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for _ in 0..count {
        let clamped = day.min(month.length(year));
        dates.push(Date::from_calendar_date(year, month, clamped).unwrap_or(anchor));
        (year, month) = next_month(year, month);
    }
    dates
}

fn next_month(year: i32, month: Month) -> (i32, Month) {
    match month {
        Month::December => (year.saturating_add(1), Month::January),
        other => (year, other.next()),
    }
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
    fn monthly_dates_agree_with_add_months_across_years_and_month_ends() {
        for anchor in [
            date!(2024 - 01 - 31),
            date!(2025 - 11 - 30),
            date!(2023 - 12 - 29),
        ] {
            let stepped = monthly_dates(anchor, 1, 40);
            let one_by_one: Vec<Date> = (1..=40).map(|k| add_months(anchor, k)).collect();
            assert_eq!(stepped, one_by_one);
            assert_eq!(monthly_dates(anchor, 0, 3)[0], anchor);
        }
    }

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
