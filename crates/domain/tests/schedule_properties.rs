//! Properties every schedule must have, whatever the loan: principal parts
//! sum exactly to the principal, nothing is negative, the last balance is
//! zero, due dates strictly increase and each payment is its two parts.

use loanbook_domain::schedule::generate;
use loanbook_domain::{AnnualRate, Installment, Money, RepaymentMethod, ScheduleTerms, TermMonths};
use proptest::prelude::*;
use time::{Date, Duration, Month};

/// Any disbursement day from 2020 to 2035, with month ends and the 29th to
/// 31st drawn often, since they are where due-date clamping happens.
fn disbursement_date() -> impl Strategy<Value = Date> {
    let day = prop_oneof![1_u8..=28, 29_u8..=31, Just(31_u8)];
    (2020_i32..=2035, 1_u8..=12, day).prop_map(|(year, month, day)| {
        let month = Month::try_from(month).unwrap_or(Month::January);
        let day = day.min(month.length(year));
        Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN)
    })
}

/// The loan terms, with a broken first period (1 to 62 days) a third of the time.
fn terms() -> impl Strategy<Value = ScheduleTerms> {
    let principal = (1_i64..=1_000_000_000).prop_map(Money::from_fen);
    let rate = (0_i64..=240_000).prop_map(AnnualRate::from_ten_thousandths);
    let term = (1_u32..=360).prop_filter_map("a valid term", |m| TermMonths::new(m).ok());
    let method = prop::sample::select(RepaymentMethod::ALL.to_vec());
    let first_due = prop_oneof![2 => Just(None), 1 => (1_i64..=62).prop_map(Some)];

    let loan = (
        principal,
        rate,
        term,
        method,
        disbursement_date(),
        first_due,
    );
    loan.prop_map(
        |(principal, annual_rate, term, method, start, first_due)| ScheduleTerms {
            principal,
            annual_rate,
            term,
            method,
            disbursement_date: start,
            first_due_date: first_due.map(|days| start + Duration::days(days)),
        },
    )
}

fn check(terms: &ScheduleTerms, schedule: &[Installment]) -> Result<(), TestCaseError> {
    let bullet = terms.method == RepaymentMethod::Bullet;
    let count = if bullet { 1 } else { terms.term.months() };
    let numbers: Vec<u32> = schedule.iter().map(|i| i.number).collect();
    prop_assert_eq!(numbers, (1..=count).collect::<Vec<u32>>());

    let total: Money = schedule.iter().map(|i| i.principal).sum();
    prop_assert_eq!(total, terms.principal);
    prop_assert_eq!(schedule.last().map(|i| i.balance_after), Some(Money::ZERO));

    for installment in schedule {
        prop_assert!(!installment.principal.is_negative(), "{installment:?}");
        prop_assert!(!installment.interest.is_negative(), "{installment:?}");
        prop_assert!(!installment.balance_after.is_negative(), "{installment:?}");
        prop_assert_eq!(
            installment.payment,
            installment.principal + installment.interest
        );
    }

    for pair in schedule.windows(2) {
        prop_assert!(pair[0].due_date < pair[1].due_date, "{pair:?}");
    }
    prop_assert!(
        schedule
            .first()
            .is_some_and(|i| i.due_date > terms.disbursement_date)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_schedule_repays_exactly_its_principal_on_rising_dates_with_no_negative_amount(
        terms in terms(),
    ) {
        let schedule = generate(&terms);

        prop_assert!(schedule.is_ok(), "{terms:?}: {schedule:?}");
        check(&terms, &schedule.unwrap_or_default())?;
    }
}
