//! Every case of `shared/reference/schedules.json`, computed independently
//! with Python's `decimal`, must come out of the domain to the fen and the day.

use std::path::PathBuf;
use std::str::FromStr;

use loanbook_domain::schedule::generate;
use loanbook_domain::{AnnualRate, Money, RepaymentMethod, ScheduleTerms, TermMonths};
use rust_decimal::Decimal;
use serde_json::Value;
use time::Date;
use time::macros::format_description;

fn reference_file() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.join("../../../shared/reference/schedules.json")
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("missing {key}"))
}

fn date(value: &Value, key: &str) -> Date {
    let format = format_description!("[year]-[month]-[day]");
    Date::parse(text(value, key), format).unwrap_or_else(|e| panic!("{key}: {e}"))
}

#[allow(clippy::expect_used)]
fn terms_of(case: &Value) -> ScheduleTerms {
    let fraction = Decimal::from_str(text(case, "annual_rate")).expect("rate");
    let months = case["term_months"].as_u64().expect("term");
    ScheduleTerms {
        principal: Money::parse(text(case, "principal")).expect("principal"),
        annual_rate: AnnualRate::from_percent(fraction * Decimal::ONE_HUNDRED).expect("rate"),
        term: TermMonths::new(u32::try_from(months).expect("term")).expect("term"),
        method: RepaymentMethod::from_str(text(case, "method")).expect("method"),
        disbursement_date: date(case, "start_date"),
        first_due_date: Some(date(case, "first_due_date")),
    }
}

#[test]
#[allow(clippy::expect_used)]
fn every_reference_schedule_is_reproduced_to_the_fen_and_the_day() {
    let raw = std::fs::read_to_string(reference_file()).expect("reference file");
    let reference: Value = serde_json::from_str(&raw).expect("json");
    let cases = reference["cases"].as_array().expect("cases");
    assert!(cases.len() >= 14, "reference file lost cases");

    for case in cases {
        let id = text(case, "id");
        let schedule = generate(&terms_of(case)).expect(id);
        let expected = case["installments"].as_array().expect("installments");
        assert_eq!(schedule.len(), expected.len(), "{id}: installment count");
        for (got, want) in schedule.iter().zip(expected) {
            let n = got.number;
            assert_eq!(Some(u64::from(n)), want["n"].as_u64(), "{id}");
            assert_eq!(got.due_date, date(want, "due_date"), "{id} #{n} due date");
            assert_eq!(
                got.principal.to_string(),
                text(want, "principal"),
                "{id} #{n}"
            );
            assert_eq!(
                got.interest.to_string(),
                text(want, "interest"),
                "{id} #{n}"
            );
            assert_eq!(got.payment.to_string(), text(want, "payment"), "{id} #{n}");
            assert_eq!(
                got.balance_after.to_string(),
                text(want, "balance_after"),
                "{id} #{n}"
            );
        }
        let total: Money = schedule.iter().map(|i| i.interest).sum();
        assert_eq!(
            total.to_string(),
            text(&case["totals"], "interest"),
            "{id} total"
        );
    }
}
