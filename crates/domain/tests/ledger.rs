//! Hand-worked ledger cases: allocation, penalty, days past due, overpayment,
//! waivers, write-off, reversal. Every expected value is worked out in the
//! comment above it. Loans are disbursed on 2025-01-15 with a 9 % penalty rate.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ledger_support;

use ledger_support::*;
use loanbook_domain::{
    AgingBucket, Component, DomainError, LoanRules, LoanStatus, RepaymentMethod, derive,
};
use time::macros::date;
use time::{Date, Duration};

#[test]
fn on_time_full_payments_close_the_loan() {
    let contract = three_month_loan();
    let payments = [
        pay(date!(2025 - 02 - 15), "1015.00"),
        pay(date!(2025 - 03 - 15), "1010.00"),
        pay(date!(2025 - 04 - 15), "1005.00"),
    ];

    let position = derive(&contract, &payments, date!(2025 - 04 - 15)).unwrap();

    assert_eq!(position.status, LoanStatus::Closed);
    assert_eq!(position.closed_on, Some(date!(2025 - 04 - 15)));
    // 1000 × 3 principal; 15 + 10 + 5 interest; nothing late.
    assert_eq!(position.principal_paid, money("3000.00"));
    assert_eq!(position.interest_paid, money("30.00"));
    assert_eq!(position.penalty_paid, money("0"));
    assert_eq!(position.outstanding_principal, money("0"));
    assert_eq!(position.outstanding_interest, money("0"));
    assert_eq!(position.days_past_due, 0);
    assert_eq!(
        position.allocations,
        [
            split("0", "15.00", "1000.00", "0"),
            split("0", "10.00", "1000.00", "0"),
            split("0", "5.00", "1000.00", "0"),
        ]
    );
    let paid_on: Vec<_> = position
        .installments
        .iter()
        .map(|i| i.paid_off_on)
        .collect();
    let due_on: Vec<_> = payments.iter().map(|p| Some(p.value_date)).collect();
    assert_eq!(paid_on, due_on);
}

#[test]
fn a_partial_late_payment_pays_penalty_then_interest_then_principal() {
    let contract = level_loan();
    let late = [pay(date!(2025 - 02 - 25), "100.00")];

    let position = derive(&contract, &late, date!(2025 - 02 - 25)).unwrap();

    // Ten days late on 810.66: 810.66 × 0.09 × 10 / 360 = 2.02665 → 2.03.
    // 100.00 − 2.03 penalty − 50.00 interest = 47.97 principal.
    assert_eq!(position.allocations, [split("2.03", "50.00", "47.97", "0")]);
    let first = position.installments[0];
    assert_eq!(first.penalty_accrued, money("2.03"));
    assert_eq!(first.principal_paid, money("47.97"));
    assert_eq!(position.outstanding_penalty, money("0"));
    // 810.66 − 47.97 = 762.69 of the first installment is still overdue.
    assert_eq!(position.overdue_principal, money("762.69"));
    assert_eq!(position.overdue_interest, money("0"));
    assert_eq!(position.days_past_due, 10);
}

#[test]
fn penalty_keeps_accruing_on_what_a_partial_payment_left_unpaid() {
    let contract = level_loan();
    let late = [pay(date!(2025 - 02 - 25), "100.00")];

    let position = derive(&contract, &late, date!(2025 - 03 - 07)).unwrap();

    // 2.03 fixed at the payment; then ten more days on 762.69:
    // 762.69 × 0.09 × 10 / 360 = 1.906725 → 1.91; 2.03 + 1.91 = 3.94.
    assert_eq!(position.installments[0].penalty_accrued, money("3.94"));
    assert_eq!(position.outstanding_penalty, money("1.91"));
    // 13 days to the end of February and 7 into March.
    assert_eq!(position.days_past_due, 20);
    assert_eq!(position.aging_bucket, AgingBucket::Days1To30);
}

#[test]
fn penalty_on_interest_also_charges_the_unpaid_interest() {
    let rules = LoanRules {
        penalty_on_interest: true,
        ..LoanRules::standard(rate("9"))
    };
    let contract = loan_with(
        RepaymentMethod::EqualInstallment,
        "10000.00",
        "6",
        12,
        rules,
    );

    let position = derive(&contract, &[], date!(2025 - 02 - 25)).unwrap();

    // (810.66 + 50.00) × 0.09 × 10 / 360 = 2.15165 → 2.15.
    assert_eq!(position.outstanding_penalty, money("2.15"));
}

#[test]
fn an_unpaid_loan_ages_through_every_bucket_boundary() {
    let contract = level_loan();
    let due = date!(2025 - 02 - 15);
    let cases = [
        (0, AgingBucket::Current),
        (1, AgingBucket::Days1To30),
        (30, AgingBucket::Days1To30),
        (31, AgingBucket::Days31To60),
        (60, AgingBucket::Days31To60),
        (61, AgingBucket::Days61To90),
        (90, AgingBucket::Days61To90),
        (91, AgingBucket::Days91To180),
        (180, AgingBucket::Days91To180),
        (181, AgingBucket::Days181Plus),
    ];

    for (days, bucket) in cases {
        let as_of = due + Duration::days(days);

        let position = derive(&contract, &[], as_of).unwrap();

        // The oldest unpaid installment is the first, due 2025-02-15.
        assert_eq!(i64::from(position.days_past_due), days, "{as_of}");
        assert_eq!(position.aging_bucket, bucket, "{as_of}");
    }
}

#[test]
fn each_installment_counts_its_own_days_overdue() {
    let contract = level_loan();

    let position = derive(&contract, &[], date!(2025 - 03 - 20)).unwrap();

    // Feb 15 → Mar 20 is 13 + 20 = 33 days; Mar 15 → Mar 20 is 5; Apr 15 not due.
    let days: Vec<u32> = position
        .installments
        .iter()
        .take(3)
        .map(|i| i.days_overdue)
        .collect();
    assert_eq!(days, [33, 5, 0]);
    assert_eq!(position.days_past_due, 33);
    // 810.66 plus the second installment's principal, 860.66 − 45.95 = 814.71,
    // where 45.95 = (10000 − 810.66) × 0.005 = 45.9467 rounded.
    assert_eq!(position.overdue_principal, money("1625.37"));
    assert_eq!(position.overdue_interest, money("95.95"));
}

#[test]
fn a_payment_on_the_due_date_is_on_time() {
    let contract = level_loan();
    let on_time = [pay(date!(2025 - 02 - 15), "860.66")];

    let position = derive(&contract, &on_time, date!(2025 - 02 - 16)).unwrap();

    assert_eq!(position.allocations, [split("0", "50.00", "810.66", "0")]);
    assert_eq!(position.outstanding_penalty, money("0"));
    assert_eq!(position.days_past_due, 0);
    assert_eq!(position.aging_bucket, AgingBucket::Current);
}

#[test]
fn a_payment_one_day_late_pays_one_day_of_penalty() {
    let contract = level_loan();
    let late = [pay(date!(2025 - 02 - 16), "860.66")];

    let position = derive(&contract, &late, date!(2025 - 02 - 16)).unwrap();

    // 810.66 × 0.09 × 1 / 360 = 0.202665 → 0.20, leaving 0.20 of principal.
    assert_eq!(
        position.allocations,
        [split("0.20", "50.00", "810.46", "0")]
    );
    assert_eq!(position.overdue_principal, money("0.20"));
}

#[test]
fn grace_days_delay_past_due_and_forgive_penalty_paid_within_them() {
    let rules = LoanRules {
        grace_days: 3,
        ..LoanRules::standard(rate("9"))
    };
    let contract = loan_with(
        RepaymentMethod::EqualInstallment,
        "10000.00",
        "6",
        12,
        rules,
    );
    let within_grace = [pay(date!(2025 - 02 - 18), "860.66")];

    let last_grace_day = derive(&contract, &[], date!(2025 - 02 - 18)).unwrap();
    let after_grace = derive(&contract, &[], date!(2025 - 02 - 19)).unwrap();
    let paid_in_grace = derive(&contract, &within_grace, date!(2025 - 03 - 01)).unwrap();

    assert_eq!(last_grace_day.days_past_due, 0);
    assert_eq!(last_grace_day.outstanding_penalty, money("0"));
    assert_eq!(last_grace_day.overdue_principal, money("0"));
    // Past due from the due date once grace is over: 4 days,
    // 810.66 × 0.09 × 4 / 360 = 0.81066 → 0.81.
    assert_eq!(after_grace.days_past_due, 4);
    assert_eq!(after_grace.outstanding_penalty, money("0.81"));
    assert_eq!(
        paid_in_grace.allocations,
        [split("0", "50.00", "810.66", "0")]
    );
    assert_eq!(paid_in_grace.installments[0].penalty_accrued, money("0"));
}

#[test]
fn a_partial_payment_within_grace_does_not_forgive_the_grace_days() {
    let rules = LoanRules {
        grace_days: 3,
        ..LoanRules::standard(rate("9"))
    };
    let contract = loan_with(
        RepaymentMethod::EqualInstallment,
        "10000.00",
        "6",
        12,
        rules,
    );
    let partial = [pay(date!(2025 - 02 - 17), "460.66")];

    let position = derive(&contract, &partial, date!(2025 - 02 - 25)).unwrap();

    // Within grace nothing is owed yet: 50.00 interest, 410.66 principal.
    assert_eq!(position.allocations, [split("0", "50.00", "410.66", "0")]);
    // Feb 15–17 on 810.66: 810.66 × 0.09 × 2 / 360 = 0.405333 → 0.41, and
    // Feb 17–25 on 400.00: 400 × 0.09 × 8 / 360 = 0.80; 0.41 + 0.80 = 1.21.
    assert_eq!(position.outstanding_penalty, money("1.21"));
    assert_eq!(position.days_past_due, 10);
}

#[test]
fn money_beyond_the_balance_is_a_credit_balance_until_refunded() {
    let contract = three_month_loan();
    let overpaid = [pay(date!(2025 - 01 - 20), "3100.00")];
    let mut refunded = overpaid.to_vec();
    refunded.push(refund(date!(2025 - 01 - 25), "30.00"));

    let after_payment = derive(&contract, &overpaid, date!(2025 - 01 - 20)).unwrap();
    let part_refunded = derive(&contract, &refunded, date!(2025 - 01 - 25)).unwrap();
    refunded.push(refund(date!(2025 - 01 - 26), "40.00"));
    let all_refunded = derive(&contract, &refunded, date!(2025 - 01 - 26)).unwrap();

    // Every installment in advance: interest 15 + 10 + 5 = 30, principal
    // 3000; 3100 − 3030 = 70.00 is credit.
    assert_eq!(
        after_payment.allocations,
        [split("0", "30.00", "3000.00", "70.00")]
    );
    assert_eq!(after_payment.status, LoanStatus::Overpaid);
    assert_eq!(after_payment.credit_balance, money("70.00"));
    assert_eq!(after_payment.closed_on, None);
    assert_eq!(part_refunded.status, LoanStatus::Overpaid);
    assert_eq!(part_refunded.credit_balance, money("40.00"));
    assert_eq!(all_refunded.status, LoanStatus::Closed);
    assert_eq!(all_refunded.credit_balance, money("0"));
    assert_eq!(all_refunded.closed_on, Some(date!(2025 - 01 - 26)));
}

#[test]
fn a_refund_beyond_the_credit_balance_or_without_one_is_refused() {
    let contract = three_month_loan();
    let too_much = [
        pay(date!(2025 - 01 - 20), "3100.00"),
        refund(date!(2025 - 01 - 25), "70.01"),
    ];
    let no_credit = [refund(date!(2025 - 01 - 25), "1.00")];

    let refused = derive(&contract, &too_much, date!(2025 - 01 - 25));
    let illegal = derive(&contract, &no_credit, date!(2025 - 01 - 25));

    assert_eq!(
        refused,
        Err(DomainError::TransactionRule(
            "refund is more than the credit balance"
        ))
    );
    assert_eq!(
        illegal,
        Err(DomainError::IllegalTransition {
            state: "active",
            event: "refund the credit balance"
        })
    );
}

#[test]
fn unpaid_penalty_alone_is_not_past_due_and_waiving_it_closes_the_loan() {
    let order = [
        Component::Interest,
        Component::Principal,
        Component::Penalty,
    ];
    let contract = loan_with(
        RepaymentMethod::EqualPrincipal,
        "1000.00",
        "6",
        1,
        ordered(order),
    );
    let mut history = vec![pay(date!(2025 - 02 - 20), "1005.00")];

    let paid_late = derive(&contract, &history, date!(2025 - 03 - 20)).unwrap();
    history.push(waive(date!(2025 - 03 - 20), "1.25"));
    let waived = derive(&contract, &history, date!(2025 - 03 - 20)).unwrap();

    // Interest 1000 × 0.005 = 5.00 first, then principal; the penalty of five
    // days, 1000 × 0.09 × 5 / 360 = 1.25, is left and stops growing.
    assert_eq!(paid_late.allocations, [split("0", "5.00", "1000.00", "0")]);
    assert_eq!(paid_late.outstanding_penalty, money("1.25"));
    assert_eq!(paid_late.days_past_due, 0);
    assert_eq!(paid_late.status, LoanStatus::Active);
    assert_eq!(waived.outstanding_penalty, money("0"));
    assert_eq!(waived.installments[0].penalty_waived, money("1.25"));
    assert_eq!(waived.status, LoanStatus::Closed);
    assert_eq!(waived.closed_on, Some(date!(2025 - 03 - 20)));
}

#[test]
fn a_waiver_reduces_penalty_and_may_not_exceed_it() {
    let contract = level_loan();
    let partial = pay(date!(2025 - 02 - 25), "100.00");
    let waived = [partial, waive(date!(2025 - 03 - 07), "1.00")];
    let too_much = [partial, waive(date!(2025 - 03 - 07), "1.92")];

    let position = derive(&contract, &waived, date!(2025 - 03 - 07)).unwrap();
    let refused = derive(&contract, &too_much, date!(2025 - 03 - 07));

    // 1.91 outstanding on Mar 7 (see the partial-payment case) − 1.00 = 0.91.
    assert_eq!(position.outstanding_penalty, money("0.91"));
    assert_eq!(position.allocations[1], split("0", "0", "0", "0"));
    assert_eq!(
        refused,
        Err(DomainError::TransactionRule(
            "waiver is more than the outstanding penalty"
        ))
    );
}

#[test]
fn a_written_off_loan_stops_accruing_and_takes_recoveries() {
    let contract = level_loan();
    let written_off = [write_off(date!(2025 - 03 - 15))];
    let recovered = [written_off[0], pay(date!(2025 - 04 - 20), "100.00")];

    let position = derive(&contract, &written_off, date!(2025 - 04 - 15)).unwrap();
    let recovery = derive(&contract, &recovered, date!(2025 - 04 - 20)).unwrap();

    // Fixed at the write-off: 28 days on 810.66,
    // 810.66 × 0.09 × 28 / 360 = 5.67462 → 5.67; nothing after it.
    assert_eq!(position.status, LoanStatus::WrittenOff);
    assert_eq!(position.outstanding_penalty, money("5.67"));
    assert_eq!(position.outstanding_principal, money("10000.00"));
    // Feb 15 → Apr 15 is 13 + 31 + 15 = 59 days.
    assert_eq!(position.days_past_due, 59);
    // 100.00 − 5.67 − 50.00 = 44.33 principal.
    assert_eq!(
        recovery.allocations[1],
        split("5.67", "50.00", "44.33", "0")
    );
    assert_eq!(recovery.status, LoanStatus::WrittenOff);
}

#[test]
fn a_back_dated_payment_changes_the_penalty_after_it() {
    let contract = level_loan();
    let on_feb_25 = pay(date!(2025 - 02 - 25), "860.66");
    let back_dated = [pay(date!(2025 - 02 - 20), "500.00"), on_feb_25];

    let alone = derive(&contract, &[on_feb_25], date!(2025 - 02 - 25)).unwrap();
    let with_back_dated = derive(&contract, &back_dated, date!(2025 - 02 - 25)).unwrap();

    // Alone: 10 days on 810.66 = 2.03; 860.66 − 2.03 − 50.00 = 808.63.
    assert_eq!(alone.allocations, [split("2.03", "50.00", "808.63", "0")]);
    // Back-dated first: 5 days on 810.66, 810.66 × 0.09 × 5 / 360 = 1.01333
    // → 1.01, and 500 − 1.01 − 50.00 = 448.99 principal, leaving 361.67;
    // then 5 days on 361.67, 361.67 × 0.09 × 5 / 360 = 0.45209 → 0.45. The
    // rest, 860.66 − 0.45 − 361.67 = 498.54, pays the second installment in
    // advance: its interest 45.95, then 452.59 principal (361.67 + 452.59 =
    // 814.26).
    assert_eq!(
        with_back_dated.allocations,
        [
            split("1.01", "50.00", "448.99", "0"),
            split("0.45", "45.95", "814.26", "0")
        ]
    );
    assert_eq!(
        with_back_dated.installments[0].penalty_accrued,
        money("1.46")
    );
}

#[test]
fn reversing_the_only_repayment_leaves_the_loan_as_if_never_paid() {
    let contract = level_loan();
    let as_of = date!(2025 - 03 - 07);
    let paid = derive(&contract, &[pay(date!(2025 - 02 - 20), "500.00")], as_of).unwrap();

    let reversed = derive(&contract, &[], as_of).unwrap();

    assert_ne!(paid.installments, reversed.installments);
    // 20 days on the whole 810.66: 810.66 × 0.09 × 20 / 360 = 4.0533 → 4.05.
    assert_eq!(reversed.outstanding_penalty, money("4.05"));
    assert_eq!(reversed.principal_paid, money("0"));
    assert_eq!(reversed.outstanding_principal, money("10000.00"));
    assert!(
        reversed
            .installments
            .iter()
            .all(|i| i.principal_paid.is_zero())
    );
}

#[test]
fn transactions_after_the_as_of_date_are_ignored() {
    let contract = three_month_loan();
    let later = [pay(date!(2025 - 02 - 15), "1015.00")];

    let position = derive(&contract, &later, date!(2025 - 02 - 10)).unwrap();

    assert_eq!(position.allocations, [split("0", "0", "0", "0")]);
    assert_eq!(position.principal_paid, money("0"));
}

#[test]
fn a_transaction_before_the_disbursement_is_refused() {
    let contract = three_month_loan();
    let early = [pay(date!(2025 - 01 - 14), "100.00")];

    let refused = derive(&contract, &early, date!(2025 - 02 - 01));

    assert_eq!(
        refused,
        Err(DomainError::TransactionRule(
            "a transaction is dated before the disbursement"
        ))
    );
}

#[test]
fn a_repayment_on_a_closed_loan_is_refused() {
    let contract = three_month_loan();
    let history = [
        pay(date!(2025 - 01 - 20), "3030.00"),
        pay(date!(2025 - 01 - 21), "1.00"),
    ];

    let refused = derive(&contract, &history, date!(2025 - 01 - 21));

    let expected = DomainError::IllegalTransition {
        state: "closed",
        event: "record a repayment",
    };
    assert_eq!(refused, Err(expected));
}

#[test]
fn a_zero_repayment_and_an_as_of_before_disbursement_are_refused() {
    let contract = three_month_loan();
    let before: Date = date!(2025 - 01 - 01);

    let zero = derive(
        &contract,
        &[pay(date!(2025 - 02 - 01), "0")],
        date!(2025 - 02 - 01),
    );
    let too_early = derive(&contract, &[], before);

    assert_eq!(zero, Err(DomainError::NotPositive));
    assert!(matches!(too_early, Err(DomainError::InvalidDate(_))));
}

#[test]
fn allocation_components_round_trip_through_their_names() {
    let names = Component::ALL.map(|part| part.as_str());

    assert_eq!(names, ["penalty", "interest", "principal"]);
    assert_eq!(
        Component::ALL,
        LoanRules::standard(rate("9")).allocation_order
    );
    for part in Component::ALL {
        assert_eq!(part.as_str().parse::<Component>(), Ok(part));
    }
    assert!("fees".parse::<Component>().is_err());
}
