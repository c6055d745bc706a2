//! Builders shared by the ledger tests: loans disbursed on 2025-01-15 with a
//! 9 % penalty rate, and transactions on them.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use loanbook_domain::{
    AnnualRate, Component, LoanContract, LoanRules, LoanTransaction, Money, Prepayment,
    RepaymentMethod, ScheduleTerms, TermMonths, TransactionKind,
};
use time::Date;
use time::macros::date;

/// The disbursement date of every test loan.
pub const DISBURSED: Date = date!(2025 - 01 - 15);

/// An amount from its decimal text.
pub fn money(text: &str) -> Money {
    Money::parse(text).unwrap()
}

/// A rate from its percentage text.
pub fn rate(text: &str) -> AnnualRate {
    AnnualRate::parse_percent(text).unwrap()
}

/// A loan disbursed on 2025-01-15 with the standard rules at 9 % penalty.
pub fn loan(method: RepaymentMethod, amount: &str, percent: &str, months: u32) -> LoanContract {
    let rules = LoanRules::standard(rate("9"));
    loan_with(method, amount, percent, months, rules)
}

/// A loan disbursed on 2025-01-15 with the given rules.
pub fn loan_with(
    method: RepaymentMethod,
    principal: &str,
    percent: &str,
    months: u32,
    rules: LoanRules,
) -> LoanContract {
    let terms = ScheduleTerms {
        principal: money(principal),
        annual_rate: rate(percent),
        term: TermMonths::new(months).unwrap(),
        method,
        disbursement_date: DISBURSED,
        first_due_date: None,
    };
    LoanContract::from_terms(terms, rules).unwrap()
}

/// 3000.00 at 6 %, equal principal over 3 months: 1000.00 principal a month,
/// interest 3000 × 0.005 = 15.00, 2000 × 0.005 = 10.00, 1000 × 0.005 = 5.00.
pub fn three_month_loan() -> LoanContract {
    loan(RepaymentMethod::EqualPrincipal, "3000.00", "6", 3)
}

/// 12000.00 at 6 %, equal principal over 12 months: 1000.00 principal a
/// month, interest of installment k = (12000 − 1000(k − 1)) × 0.005, so 60.00,
/// 55.00, 50.00, … 5.00.
pub fn twelve_month_loan() -> LoanContract {
    loan(RepaymentMethod::EqualPrincipal, "12000.00", "6", 12)
}

/// 10000.00 at 6 %, equal installment over 12 months. The level payment is
/// 10000 × 0.005 × 1.005¹² / (1.005¹² − 1) = 53.08389 / 0.06167781 = 860.664 →
/// 860.66; the first installment is interest 10000 × 0.005 = 50.00 and
/// principal 860.66 − 50.00 = 810.66, due 2025-02-15.
pub fn level_loan() -> LoanContract {
    loan(RepaymentMethod::EqualInstallment, "10000.00", "6", 12)
}

/// A plain repayment.
pub fn pay(value_date: Date, amount: &str) -> LoanTransaction {
    let kind = TransactionKind::Repayment {
        amount: money(amount),
        prepayment: None,
    };
    LoanTransaction { value_date, kind }
}

/// A repayment with a prepayment rule.
pub fn prepay(value_date: Date, amount: &str, rule: Prepayment) -> LoanTransaction {
    let kind = TransactionKind::Repayment {
        amount: money(amount),
        prepayment: Some(rule),
    };
    LoanTransaction { value_date, kind }
}

/// A penalty waiver.
pub fn waive(value_date: Date, amount: &str) -> LoanTransaction {
    let kind = TransactionKind::PenaltyWaiver {
        amount: money(amount),
    };
    LoanTransaction { value_date, kind }
}

/// A refund of credit balance.
pub fn refund(value_date: Date, amount: &str) -> LoanTransaction {
    let kind = TransactionKind::Refund {
        amount: money(amount),
    };
    LoanTransaction { value_date, kind }
}

/// A write-off.
pub fn write_off(value_date: Date) -> LoanTransaction {
    LoanTransaction {
        value_date,
        kind: TransactionKind::WriteOff,
    }
}

/// An allocation written as penalty, interest, principal, excess.
pub fn split(
    penalty: &str,
    interest: &str,
    principal: &str,
    excess: &str,
) -> loanbook_domain::Allocation {
    loanbook_domain::Allocation {
        penalty: money(penalty),
        interest: money(interest),
        principal: money(principal),
        excess: money(excess),
    }
}

/// Standard rules with another allocation order.
pub fn ordered(order: [Component; 3]) -> LoanRules {
    LoanRules {
        allocation_order: order,
        ..LoanRules::standard(rate("9"))
    }
}
