//! How long the ledger takes: one payment allocated across a 360-installment
//! loan, and a loan replayed through 100 transactions.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use loanbook_domain::{
    AnnualRate, LoanContract, LoanRules, LoanTransaction, Money, RepaymentMethod, ScheduleTerms,
    TermMonths, TransactionKind, add_months, derive,
};
use time::Date;
use time::macros::date;

const DISBURSED: Date = date!(2025 - 01 - 31);

/// 1,000,000.00 at 4.90 % (penalty 7.35 %) over `months`, equal installment.
fn contract(months: u32) -> Option<LoanContract> {
    let terms = ScheduleTerms {
        principal: Money::from_fen(100_000_000),
        annual_rate: AnnualRate::parse_percent("4.90").ok()?,
        term: TermMonths::new(months).ok()?,
        method: RepaymentMethod::EqualInstallment,
        disbursement_date: DISBURSED,
        first_due_date: None,
    };
    let rules = LoanRules::standard(AnnualRate::parse_percent("7.35").ok()?);
    LoanContract::from_terms(terms, rules).ok()
}

fn repayment(value_date: Date, fen: i64) -> LoanTransaction {
    LoanTransaction {
        value_date,
        kind: TransactionKind::Repayment {
            amount: Money::from_fen(fen),
            prepayment: None,
        },
    }
}

/// One payment of 500,000.00 three years in: 36 overdue installments with
/// penalty first, then installments in advance, across 360.
fn allocation(c: &mut Criterion) {
    let Some(loan) = contract(360) else {
        return;
    };
    let paid_on = add_months(DISBURSED, 36);
    let payments = [repayment(paid_on, 50_000_000)];
    c.bench_function("allocate_one_payment_360_installments", |b| {
        b.iter(|| derive(black_box(&loan), black_box(&payments), paid_on))
    });
}

/// 100 monthly payments of 5,500.00 (a little more than the 5,307.27
/// installment) on their due dates, some a few days late.
fn replay(c: &mut Criterion) {
    let Some(loan) = contract(360) else {
        return;
    };
    let payments: Vec<LoanTransaction> = (1..=100)
        .map(|k| {
            let due = add_months(DISBURSED, k);
            let late = i64::from(k % 7 == 0) * 5;
            repayment(due + time::Duration::days(late), 550_000)
        })
        .collect();
    let as_of = add_months(DISBURSED, 101);
    c.bench_function("replay_100_transactions_360_installments", |b| {
        b.iter(|| derive(black_box(&loan), black_box(&payments), as_of))
    });
}

criterion_group!(benches, allocation, replay);
criterion_main!(benches);
