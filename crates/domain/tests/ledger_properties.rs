//! Property tests of the ledger: for random terms, rules and histories of
//! repayments, prepayments, waivers, write-offs and refunds, balances stay
//! whole and non-negative, allocations add up to the position, and replaying
//! is consistent with replaying less.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ledger_support;

use ledger_support::*;
use loanbook_domain::{
    Allocation, AnnualRate, Component, LoanContract, LoanPosition, LoanRules, LoanStatus,
    LoanTransaction, Money, Prepayment, RepaymentMethod, ScheduleTerms, TermMonths,
    TransactionKind, derive, payoff_quote,
};
use proptest::prelude::*;
use time::{Date, Duration};

/// What a generated history step asks for; turned into a transaction against
/// the position on its date, and dropped if the ledger refuses it.
#[derive(Debug, Clone)]
struct Step {
    gap_days: i64,
    kind: u8,
    fen: i64,
}

fn contract_strategy() -> impl Strategy<Value = LoanContract> {
    let terms = (
        10_000i64..=50_000_000,
        0i64..=240_000,
        1u32..=36,
        0usize..4,
        prop::option::of(20i64..=55),
    );
    let rules = (0i64..=180_000, any::<bool>(), 0u32..=5, 0usize..6);
    (terms, rules).prop_map(|((fen, rate, months, method, first), rules)| {
        let terms = ScheduleTerms {
            principal: Money::from_fen(fen),
            annual_rate: AnnualRate::from_ten_thousandths(rate),
            term: TermMonths::new(months).unwrap(),
            method: RepaymentMethod::ALL[method],
            disbursement_date: DISBURSED,
            first_due_date: first.map(|days| DISBURSED + Duration::days(days)),
        };
        LoanContract::from_terms(terms, rules_of(rules)).unwrap()
    })
}

fn rules_of((penalty, on_interest, grace, order): (i64, bool, u32, usize)) -> LoanRules {
    use Component::{Interest as I, Penalty as P, Principal as R};
    let orders = [
        [P, I, R],
        [P, R, I],
        [I, P, R],
        [I, R, P],
        [R, P, I],
        [R, I, P],
    ];
    LoanRules {
        penalty_rate: AnnualRate::from_ten_thousandths(penalty),
        penalty_on_interest: on_interest,
        grace_days: grace,
        allocation_order: orders[order],
    }
}

fn steps_strategy() -> impl Strategy<Value = Vec<Step>> {
    let step = (0i64..=70, 0u8..20, 1i64..=2_000_000).prop_map(|(gap_days, kind, fen)| Step {
        gap_days,
        kind,
        fen,
    });
    prop::collection::vec(step, 1..12)
}

/// The transaction a step asks for on `date`, given the history so far.
fn transaction(
    contract: &LoanContract,
    history: &[LoanTransaction],
    step: &Step,
    date: Date,
) -> Option<LoanTransaction> {
    let position = derive(contract, history, date).ok()?;
    let fen = Money::from_fen(step.fen);
    let repayment = |prepayment| TransactionKind::Repayment {
        amount: fen,
        prepayment,
    };
    let kind = match step.kind {
        0..=9 => repayment(None),
        10 | 11 => repayment(Some(Prepayment::ReduceTerm)),
        12 | 13 => repayment(Some(Prepayment::ReduceInstallment)),
        14 | 15 => {
            let quote = payoff_quote(contract, history, date).ok()?;
            let extra = Money::from_fen(step.fen % 3 * 50);
            TransactionKind::Repayment {
                amount: quote.total + extra,
                prepayment: Some(Prepayment::Settle),
            }
        }
        16 | 17 => TransactionKind::PenaltyWaiver {
            amount: part_of(position.outstanding_penalty, step),
        },
        18 => TransactionKind::Refund {
            amount: part_of(position.credit_balance, step),
        },
        _ => TransactionKind::WriteOff,
    };
    Some(LoanTransaction {
        value_date: date,
        kind,
    })
}

/// Somewhere between one fen and all of `whole`.
fn part_of(whole: Money, step: &Step) -> Money {
    let fen = whole.fen().max(1);
    Money::from_fen(1 + step.fen % fen)
}

/// The history the ledger accepts out of the generated steps.
fn history(contract: &LoanContract, steps: &[Step]) -> Vec<LoanTransaction> {
    let mut accepted = Vec::new();
    let mut date = DISBURSED;
    for step in steps {
        date += Duration::days(step.gap_days);
        let Some(candidate) = transaction(contract, &accepted, step, date) else {
            continue;
        };
        accepted.push(candidate);
        if derive(contract, &accepted, date).is_err() {
            accepted.pop();
        }
    }
    accepted
}

fn refunded(history: &[LoanTransaction], as_of: Date) -> Money {
    let refunds = history.iter().filter(|t| t.value_date <= as_of);
    refunds
        .map(|t| match t.kind {
            TransactionKind::Refund { amount } => amount,
            _ => Money::ZERO,
        })
        .sum()
}

fn assert_whole(contract: &LoanContract, position: &LoanPosition) {
    let principal = contract.terms.principal;
    let scheduled: Money = position
        .installments
        .iter()
        .map(|i| i.installment.principal)
        .sum();
    assert_eq!(scheduled, principal, "effective schedule principal");
    assert!(position.principal_paid <= principal);
    assert_eq!(
        position.principal_paid + position.outstanding_principal,
        principal
    );

    let balances = [
        position.outstanding_principal,
        position.outstanding_interest,
        position.outstanding_penalty,
        position.overdue_principal,
        position.overdue_interest,
        position.credit_balance,
    ];
    assert!(balances.iter().all(|b| !b.is_negative()), "{balances:?}");
    for item in &position.installments {
        assert!(
            item.principal_paid <= item.installment.principal,
            "{item:?}"
        );
        assert!(item.interest_paid <= item.installment.interest, "{item:?}");
        assert!(
            item.penalty_paid + item.penalty_waived <= item.penalty_accrued,
            "{item:?}"
        );
        assert!(!item.principal_paid.is_negative() && !item.interest_paid.is_negative());
    }
}

fn assert_allocations_add_up(position: &LoanPosition, refunds: Money) {
    let mut total = Allocation::default();
    for a in &position.allocations {
        assert!(
            [a.penalty, a.interest, a.principal, a.excess]
                .iter()
                .all(|m| !m.is_negative()),
            "{a:?}"
        );
        total.penalty += a.penalty;
        total.interest += a.interest;
        total.principal += a.principal;
        total.excess += a.excess;
    }
    assert_eq!(total.principal, position.principal_paid);
    assert_eq!(total.interest, position.interest_paid);
    assert_eq!(total.penalty, position.penalty_paid);
    assert_eq!(total.excess, position.credit_balance + refunds);
}

/// The position without its allocations, which differ in length.
fn without_allocations(mut position: LoanPosition) -> LoanPosition {
    position.allocations.clear();
    position
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn balances_stay_whole_and_non_negative_and_allocations_add_up(
        contract in contract_strategy(),
        steps in steps_strategy(),
        later in 0i64..400,
    ) {
        let history = history(&contract, &steps);
        let last = history.last().map_or(DISBURSED, |t| t.value_date);
        let as_of = last + Duration::days(later);

        let position = derive(&contract, &history, as_of).unwrap();

        assert_whole(&contract, &position);
        assert_allocations_add_up(&position, refunded(&history, as_of));
        prop_assert_eq!(position.allocations.len(), history.len());
    }

    #[test]
    fn deriving_without_the_last_transaction_equals_deriving_before_it(
        contract in contract_strategy(),
        steps in steps_strategy(),
    ) {
        let history = history(&contract, &steps);
        let Some((last, prefix)) = history.split_last() else { return Ok(()); };
        let Some(before) = last.value_date.previous_day().filter(|d| *d >= DISBURSED) else {
            return Ok(());
        };

        let with_last = derive(&contract, &history, before).unwrap();
        let without_last = derive(&contract, prefix, before).unwrap();

        prop_assert_eq!(with_last.allocations.last(), Some(&Allocation::default()));
        let kept = &with_last.allocations[..prefix.len()];
        prop_assert_eq!(kept, &without_last.allocations[..]);
        prop_assert_eq!(without_allocations(with_last), without_allocations(without_last));
    }

    #[test]
    fn settling_with_the_quoted_amount_leaves_nothing_owed(
        contract in contract_strategy(),
        steps in steps_strategy(),
        later in 0i64..200,
    ) {
        let mut history = history(&contract, &steps);
        let last = history.last().map_or(DISBURSED, |t| t.value_date);
        let on = last + Duration::days(later);
        let before = derive(&contract, &history, on).unwrap();
        if !matches!(before.status, LoanStatus::Active | LoanStatus::WrittenOff) {
            return Ok(());
        }

        let quote = payoff_quote(&contract, &history, on).unwrap();
        if quote.total.is_zero() {
            // Money paid in advance already covers the settlement.
            return Ok(());
        }
        let kind = TransactionKind::Repayment {
            amount: quote.total,
            prepayment: Some(Prepayment::Settle),
        };
        history.push(LoanTransaction { value_date: on, kind });
        let settled = derive(&contract, &history, on).unwrap();

        prop_assert_eq!(quote.total, quote.principal + quote.interest + quote.penalty);
        prop_assert_eq!(settled.outstanding_principal, Money::ZERO);
        prop_assert_eq!(settled.outstanding_interest, Money::ZERO);
        prop_assert_eq!(settled.outstanding_penalty, Money::ZERO);
        prop_assert_eq!(settled.credit_balance, before.credit_balance);
        prop_assert_eq!(settled.allocations.last().map(|a| a.excess), Some(Money::ZERO));
        prop_assert!(matches!(settled.status, LoanStatus::Closed | LoanStatus::WrittenOff));
        assert_whole(&contract, &settled);
    }
}
