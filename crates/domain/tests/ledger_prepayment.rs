//! Hand-worked prepayment cases: reduce-installment, reduce-term, settlement
//! and its pay-off quote. The loan is 12000.00 at 6 %, equal principal over 12
//! months from 2025-01-15: 1000.00 principal a month and interest of
//! installment k = (12000 − 1000(k − 1)) × 0.005 (60.00, 55.00, 50.00, …).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ledger_support;

use ledger_support::*;
use loanbook_domain::{
    DomainError, LoanPosition, LoanStatus, Money, Prepayment, derive, payoff_quote,
};
use time::macros::date;

fn principals(position: &LoanPosition) -> Vec<Money> {
    position
        .installments
        .iter()
        .map(|i| i.installment.principal)
        .collect()
}

fn interests(position: &LoanPosition) -> Vec<Money> {
    position
        .installments
        .iter()
        .map(|i| i.installment.interest)
        .collect()
}

fn amounts(texts: &[&str]) -> Vec<Money> {
    texts.iter().map(|text| money(text)).collect()
}

#[test]
fn reduce_installment_keeps_the_count_and_lowers_the_payment() {
    let contract = twelve_month_loan();
    let history = [
        pay(date!(2025 - 02 - 15), "1060.00"),
        prepay(
            date!(2025 - 03 - 15),
            "6055.00",
            Prepayment::ReduceInstallment,
        ),
    ];

    let position = derive(&contract, &history, date!(2025 - 03 - 15)).unwrap();

    // The second installment, due that day, takes 55.00 + 1000.00; 5000.00
    // is prepaid, leaving 10000 − 5000 = 5000.00 over the 10 installments
    // left: 500.00 principal each, interest 5000 × 0.005 = 25.00, then
    // 4500 × 0.005 = 22.50, … 500 × 0.005 = 2.50.
    assert_eq!(position.allocations[1], split("0", "55.00", "6000.00", "0"));
    let mut expected = vec!["1000.00", "1000.00", "5500.00"];
    expected.extend(["500.00"; 9]);
    assert_eq!(principals(&position), amounts(&expected));
    assert_eq!(position.installments[2].principal_paid, money("5000.00"));
    assert_eq!(
        position.installments[2].installment.interest,
        money("25.00")
    );
    assert_eq!(
        position.installments[11].installment.interest,
        money("2.50")
    );
    // 0.005 × 500 × (10 + 9 + … + 1) = 0.005 × 500 × 55 = 137.50.
    assert_eq!(position.outstanding_interest, money("137.50"));
    assert_eq!(position.outstanding_principal, money("5000.00"));
    assert_eq!(
        principals(&position).into_iter().sum::<Money>(),
        money("12000.00")
    );
    assert_eq!(position.maturity_date, date!(2026 - 01 - 15));
}

#[test]
fn reduce_term_keeps_the_payment_and_drops_installments_from_the_end() {
    let contract = twelve_month_loan();
    let history = [
        pay(date!(2025 - 02 - 15), "1060.00"),
        prepay(date!(2025 - 03 - 15), "5555.00", Prepayment::ReduceTerm),
    ];

    let position = derive(&contract, &history, date!(2025 - 03 - 15)).unwrap();

    // 5555 − 1055 = 4500.00 prepaid, leaving 10000 − 4500 = 5500.00 at the
    // kept 1000.00 a month: five of 1000.00 and a last of 500.00, due
    // 2025-09-15. Interest 5500 × 0.005 = 27.50, 22.50, 17.50, 12.50, 7.50,
    // and 500 × 0.005 = 2.50.
    let expected = [
        "1000.00", "1000.00", "5500.00", "1000.00", "1000.00", "1000.00",
    ];
    let mut expected = expected.to_vec();
    expected.extend(["1000.00", "500.00"]);
    assert_eq!(principals(&position), amounts(&expected));
    let interest = [
        "60.00", "55.00", "27.50", "22.50", "17.50", "12.50", "7.50", "2.50",
    ];
    assert_eq!(interests(&position), amounts(&interest));
    assert_eq!(position.maturity_date, date!(2025 - 09 - 15));
    assert_eq!(
        principals(&position).into_iter().sum::<Money>(),
        money("12000.00")
    );
}

#[test]
fn a_prepayment_mid_period_first_pays_what_is_overdue() {
    let contract = twelve_month_loan();
    let history = [
        pay(date!(2025 - 02 - 15), "1060.00"),
        prepay(
            date!(2025 - 04 - 01),
            "5000.00",
            Prepayment::ReduceInstallment,
        ),
    ];

    let position = derive(&contract, &history, date!(2025 - 04 - 01)).unwrap();

    // The second installment is 17 days late: 1000 × 0.09 × 17 / 360 = 4.25.
    // 5000 − 4.25 − 55.00 − 1000.00 = 3940.75 prepaid, leaving
    // 10000 − 3940.75 = 6059.25 over 10: 6059.25 / 10 = 605.925 → 605.93, the
    // last 6059.25 − 9 × 605.93 = 605.88. The running period's interest falls
    // with the principal: 6059.25 × 0.005 = 30.29625 → 30.30.
    assert_eq!(
        position.allocations[1],
        split("4.25", "55.00", "4940.75", "0")
    );
    assert_eq!(
        position.installments[2].installment.principal,
        money("4546.68")
    );
    assert_eq!(
        position.installments[2].installment.interest,
        money("30.30")
    );
    assert_eq!(
        position.installments[3].installment.principal,
        money("605.93")
    );
    assert_eq!(
        position.installments[11].installment.principal,
        money("605.88")
    );
    assert_eq!(
        principals(&position).into_iter().sum::<Money>(),
        money("12000.00")
    );
}

#[test]
fn money_paid_in_advance_is_prepaid_principal_after_a_re_amortisation() {
    let contract = twelve_month_loan();
    let history = [
        pay(date!(2025 - 02 - 15), "1590.00"),
        prepay(
            date!(2025 - 03 - 01),
            "5000.00",
            Prepayment::ReduceInstallment,
        ),
    ];

    let position = derive(&contract, &history, date!(2025 - 03 - 01)).unwrap();

    // 1590 paid the first installment (1060) and 530 of the second in
    // advance (55.00 interest, 475.00 principal). The prepayment takes that
    // 530 back as principal with its own 5000: 11000 − 5530 = 5470.00 over
    // 11 installments, 5470 / 11 = 497.2727 → 497.27, the last
    // 5470 − 10 × 497.27 = 497.30, interest 5470 × 0.005 = 27.35.
    assert_eq!(
        position.allocations,
        [
            split("0", "60.00", "1530.00", "0"),
            split("0", "0", "5000.00", "0")
        ]
    );
    assert_eq!(
        position.installments[1].installment.principal,
        money("6027.27")
    );
    assert_eq!(position.installments[1].principal_paid, money("5530.00"));
    assert_eq!(
        position.installments[1].installment.interest,
        money("27.35")
    );
    assert_eq!(
        position.installments[11].installment.principal,
        money("497.30")
    );
    assert_eq!(position.interest_paid, money("60.00"));
    assert_eq!(
        principals(&position).into_iter().sum::<Money>(),
        money("12000.00")
    );
}

#[test]
fn a_prepayment_of_all_the_principal_must_be_a_settlement() {
    let contract = twelve_month_loan();
    let history = [prepay(
        date!(2025 - 01 - 20),
        "12000.00",
        Prepayment::ReduceTerm,
    )];

    let refused = derive(&contract, &history, date!(2025 - 01 - 20));

    assert_eq!(
        refused,
        Err(DomainError::TransactionRule(
            "the prepayment repays all the principal: settle the loan instead"
        ))
    );
}

#[test]
fn settling_charges_interest_from_the_last_due_date_at_a_360_day_year() {
    let contract = twelve_month_loan();
    let paid = pay(date!(2025 - 02 - 15), "1060.00");
    let settled = [
        paid,
        prepay(date!(2025 - 03 - 05), "11033.00", Prepayment::Settle),
    ];

    let quote = payoff_quote(&contract, &[paid], date!(2025 - 03 - 05)).unwrap();
    let position = derive(&contract, &settled, date!(2025 - 03 - 05)).unwrap();

    // Feb 15 → Mar 5 is 18 days: 11000 × 0.06 × 18 / 360 = 33.00.
    assert_eq!(quote.principal, money("11000.00"));
    assert_eq!(quote.interest, money("33.00"));
    assert_eq!(quote.penalty, money("0"));
    assert_eq!(quote.total, money("11033.00"));
    assert_eq!(
        position.allocations[1],
        split("0", "33.00", "11000.00", "0")
    );
    assert_eq!(position.status, LoanStatus::Closed);
    assert_eq!(position.closed_on, Some(date!(2025 - 03 - 05)));
    // The later installments are gone: one settlement installment is left.
    assert_eq!(principals(&position), amounts(&["1000.00", "11000.00"]));
    assert_eq!(interests(&position), amounts(&["60.00", "33.00"]));
    assert_eq!(position.maturity_date, date!(2025 - 03 - 05));
}

#[test]
fn settling_with_less_than_the_quote_is_refused_and_more_is_credit() {
    let contract = twelve_month_loan();
    let paid = pay(date!(2025 - 02 - 15), "1060.00");
    let short = [
        paid,
        prepay(date!(2025 - 03 - 05), "11032.99", Prepayment::Settle),
    ];
    let over = [
        paid,
        prepay(date!(2025 - 03 - 05), "11050.00", Prepayment::Settle),
    ];

    let refused = derive(&contract, &short, date!(2025 - 03 - 05));
    let overpaid = derive(&contract, &over, date!(2025 - 03 - 05)).unwrap();

    assert_eq!(
        refused,
        Err(DomainError::TransactionRule(
            "amount is less than the pay-off amount"
        ))
    );
    // 11050.00 − 11033.00 = 17.00.
    assert_eq!(overpaid.status, LoanStatus::Overpaid);
    assert_eq!(overpaid.credit_balance, money("17.00"));
}

#[test]
fn settling_an_overdue_loan_pays_its_penalty_and_due_interest() {
    let contract = twelve_month_loan();
    let as_of = date!(2025 - 03 - 25);

    let quote = payoff_quote(&contract, &[], as_of).unwrap();
    let settled = [prepay(as_of, "12143.67", Prepayment::Settle)];
    let position = derive(&contract, &settled, as_of).unwrap();

    // Penalty: Feb 15 → Mar 25 is 38 days, 1000 × 0.09 × 38 / 360 = 9.50, and
    // Mar 15 → Mar 25 is 10 days, 1000 × 0.09 × 10 / 360 = 2.50.
    // Interest: 60.00 + 55.00 due, and 10 days on the 10000 not yet due,
    // 10000 × 0.06 × 10 / 360 = 16.667 → 16.67; 131.67 in all.
    assert_eq!(quote.penalty, money("12.00"));
    assert_eq!(quote.interest, money("131.67"));
    assert_eq!(quote.principal, money("12000.00"));
    assert_eq!(quote.total, money("12143.67"));
    assert_eq!(
        position.allocations,
        [split("12.00", "131.67", "12000.00", "0")]
    );
    assert_eq!(position.status, LoanStatus::Closed);
}

#[test]
fn settling_counts_interest_paid_in_advance_and_the_quote_is_what_settle_needs() {
    let contract = twelve_month_loan();
    let ahead = pay(date!(2025 - 02 - 15), "1590.00");
    let on = date!(2025 - 03 - 05);

    let quote = payoff_quote(&contract, &[ahead], on).unwrap();
    let settled = [ahead, prepay(on, "10501.58", Prepayment::Settle)];
    let position = derive(&contract, &settled, on).unwrap();

    // 475.00 of principal was paid in advance, so 11000 − 475 = 10525.00 bore
    // interest for 18 days: 10525 × 0.06 × 18 / 360 = 31.575 → 31.58. The
    // 55.00 interest paid in advance covers it; 55.00 − 31.58 = 23.42 more
    // goes to principal: 11000 − 475 − 23.42 = 10501.58 is left to pay.
    assert_eq!(quote.interest, money("0"));
    assert_eq!(quote.principal, money("10501.58"));
    assert_eq!(quote.total, money("10501.58"));
    assert_eq!(
        position.allocations,
        [
            split("0", "91.58", "1498.42", "0"),
            split("0", "0", "10501.58", "0")
        ]
    );
    assert_eq!(position.status, LoanStatus::Closed);
    assert_eq!(position.credit_balance, money("0"));
}

#[test]
fn a_closed_loan_quotes_nothing_to_pay() {
    let contract = three_month_loan();
    let paid = [pay(date!(2025 - 01 - 20), "3030.00")];

    let quote = payoff_quote(&contract, &paid, date!(2025 - 02 - 01)).unwrap();

    assert_eq!(quote.total, money("0"));
}

#[test]
fn prepayment_rules_round_trip_through_their_names() {
    let names = Prepayment::ALL.map(|rule| rule.as_str());

    assert_eq!(names, ["reduce_term", "reduce_installment", "settle"]);
    for rule in Prepayment::ALL {
        assert_eq!(rule.as_str().parse::<Prepayment>(), Ok(rule));
    }
    assert!("early".parse::<Prepayment>().is_err());
}

#[test]
fn reduce_term_on_an_equal_installment_loan_keeps_the_level_payment() {
    let contract = loan(
        loanbook_domain::RepaymentMethod::EqualInstallment,
        "3000.00",
        "6",
        3,
    );
    let history = [
        pay(date!(2025 - 02 - 15), "1010.02"),
        prepay(date!(2025 - 03 - 01), "1000.00", Prepayment::ReduceTerm),
    ];

    let position = derive(&contract, &history, date!(2025 - 03 - 01)).unwrap();

    // Level payment 3000 × 0.005 × 1.005³ / (1.005³ − 1) = 15.226127 / 0.015075125
    // = 1010.0166 → 1010.02; the first installment is 15.00 interest and 995.02
    // principal, leaving 2004.98. Prepaying 1000.00 leaves 1004.98: interest
    // 1004.98 × 0.005 = 5.0249 → 5.02, and 1010.02 − 5.02 = 1005.00 covers all
    // 1004.98, so the second installment is the last (1004.98 + 5.02 = 1010.00
    // still due) and the third is dropped.
    assert_eq!(principals(&position), amounts(&["995.02", "2004.98"]));
    assert_eq!(interests(&position), amounts(&["15.00", "5.02"]));
    let second = position.installments[1];
    let still_due = second.installment.payment - second.principal_paid;
    assert_eq!(still_due, money("1010.00"));
    assert_eq!(position.maturity_date, date!(2025 - 03 - 15));
}

#[test]
fn re_amortising_a_written_off_loan_is_refused() {
    let contract = twelve_month_loan();
    let history = [
        write_off(date!(2025 - 01 - 20)),
        prepay(date!(2025 - 01 - 25), "500.00", Prepayment::ReduceTerm),
    ];

    let refused = derive(&contract, &history, date!(2025 - 01 - 25));

    assert_eq!(
        refused,
        Err(DomainError::IllegalTransition {
            state: "written_off",
            event: "re-amortise the schedule"
        })
    );
}
