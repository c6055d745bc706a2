//! How long a 360-month schedule takes to compute for each repayment method.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use loanbook_domain::schedule::generate;
use loanbook_domain::{AnnualRate, Money, RepaymentMethod, ScheduleTerms, TermMonths};
use time::macros::date;

/// 1,000,000.00 at 4.90 % over 360 months from a month end.
fn terms(method: RepaymentMethod) -> Option<ScheduleTerms> {
    Some(ScheduleTerms {
        principal: Money::from_fen(100_000_000),
        annual_rate: AnnualRate::parse_percent("4.90").ok()?,
        term: TermMonths::new(360).ok()?,
        method,
        disbursement_date: date!(2025 - 01 - 31),
        first_due_date: None,
    })
}

fn schedules(c: &mut Criterion) {
    let mut group = c.benchmark_group("schedule_360_months");
    for method in RepaymentMethod::ALL {
        let Some(terms) = terms(method) else {
            continue;
        };
        group.bench_function(method.as_str(), |b| b.iter(|| generate(black_box(&terms))));
    }
    group.finish();
}

criterion_group!(benches, schedules);
criterion_main!(benches);
