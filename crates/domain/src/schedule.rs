//! Repayment schedules (还款计划) for the four repayment methods.
//!
//! Pure functions from loan terms to installments. Interest is rounded half-up
//! per installment and the last installment absorbs every residue, so the
//! principal parts always sum exactly to the loan amount.

use std::str::FromStr;

use rust_decimal::Decimal;
use time::Date;

use crate::dates::{add_months, monthly_dates};
use crate::rate::{interest, monthly_interest};
use crate::{AnnualRate, DayCount, DomainError, Money, TermMonths};

/// How a loan is repaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RepaymentMethod {
    /// 等额本息: a level payment of principal and interest.
    EqualInstallment,
    /// 等额本金: level principal, interest on the opening balance.
    EqualPrincipal,
    /// 先息后本: interest monthly, all principal with the last installment.
    InterestOnly,
    /// 到期一次还本付息: principal and ACT/365 interest once at maturity.
    Bullet,
}

impl RepaymentMethod {
    /// Every method, in the order the API documents them.
    pub const ALL: [RepaymentMethod; 4] = [
        RepaymentMethod::EqualInstallment,
        RepaymentMethod::EqualPrincipal,
        RepaymentMethod::InterestOnly,
        RepaymentMethod::Bullet,
    ];

    /// The API and storage name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RepaymentMethod::EqualInstallment => "equal_installment",
            RepaymentMethod::EqualPrincipal => "equal_principal",
            RepaymentMethod::InterestOnly => "interest_only",
            RepaymentMethod::Bullet => "bullet",
        }
    }

    /// The Chinese name, as printed on a loan note.
    pub fn chinese_name(&self) -> &'static str {
        match self {
            RepaymentMethod::EqualInstallment => "等额本息",
            RepaymentMethod::EqualPrincipal => "等额本金",
            RepaymentMethod::InterestOnly => "先息后本",
            RepaymentMethod::Bullet => "到期一次还本付息",
        }
    }
}

impl FromStr for RepaymentMethod {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        RepaymentMethod::ALL
            .into_iter()
            .find(|method| method.as_str() == text)
            .ok_or_else(|| DomainError::UnknownRepaymentMethod(text.to_owned()))
    }
}

/// What a schedule is computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleTerms {
    /// The amount lent.
    pub principal: Money,
    /// The contract rate.
    pub annual_rate: AnnualRate,
    /// The number of monthly periods (for a bullet loan, months to maturity).
    pub term: TermMonths,
    /// How the loan is repaid.
    pub method: RepaymentMethod,
    /// The value date of the disbursement; interest runs from it.
    pub disbursement_date: Date,
    /// A first due date other than one month after disbursement makes the
    /// first period broken; `None` means the regular one. A bullet loan has
    /// one due date, its maturity, and ignores this.
    pub first_due_date: Option<Date>,
}

/// One installment (期) of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Installment {
    /// 1-based number of the installment.
    pub number: u32,
    /// The day it falls due; paying on it is on time.
    pub due_date: Date,
    /// Principal part.
    pub principal: Money,
    /// Interest part.
    pub interest: Money,
    /// Principal plus interest.
    pub payment: Money,
    /// Outstanding principal after this installment is paid.
    pub balance_after: Money,
}

/// Computes the schedule of a loan.
pub fn generate(terms: &ScheduleTerms) -> Result<Vec<Installment>, DomainError> {
    if !terms.principal.is_positive() {
        return Err(DomainError::NotPositive);
    }
    if terms.method == RepaymentMethod::Bullet {
        let maturity = add_months(terms.disbursement_date, terms.term.months());
        return Ok(vec![bullet(terms, maturity)]);
    }
    let due_dates = due_dates(terms)?;
    let first_interest = first_period_interest(terms, due_dates[0]);
    Ok(amortize(
        terms.principal,
        terms.annual_rate,
        terms.method,
        &due_dates,
        first_interest,
        1,
    ))
}

/// The due dates of every installment, anchored to the first due date's day.
fn due_dates(terms: &ScheduleTerms) -> Result<Vec<Date>, DomainError> {
    let regular_first = add_months(terms.disbursement_date, 1);
    let months = terms.term.months();
    let Some(first) = terms.first_due_date.filter(|d| *d != regular_first) else {
        return Ok(monthly_dates(terms.disbursement_date, 1, months));
    };
    if first <= terms.disbursement_date {
        return Err(DomainError::InvalidDate(
            "first_due_date must be after the disbursement",
        ));
    }
    if (first - terms.disbursement_date).whole_days() > 62 {
        return Err(DomainError::InvalidDate(
            "first_due_date must be within two months of the disbursement",
        ));
    }
    Ok(monthly_dates(first, 0, months))
}

/// The first period's interest when it is broken: its actual days at ACT/360.
fn first_period_interest(terms: &ScheduleTerms, first_due: Date) -> Option<Money> {
    let regular_first = add_months(terms.disbursement_date, 1);
    if first_due == regular_first {
        return None;
    }
    let days = (first_due - terms.disbursement_date).whole_days();
    Some(interest(
        terms.principal,
        terms.annual_rate,
        days,
        DayCount::Act360,
    ))
}

/// A bullet loan: one installment at maturity, interest for the actual days.
fn bullet(terms: &ScheduleTerms, maturity: Date) -> Installment {
    let days = (maturity - terms.disbursement_date).whole_days();
    let interest = interest(terms.principal, terms.annual_rate, days, DayCount::Act365);
    Installment {
        number: 1,
        due_date: maturity,
        principal: terms.principal,
        interest,
        payment: terms.principal + interest,
        balance_after: Money::ZERO,
    }
}

/// Amortizes `principal` over the given due dates by `method` (not bullet),
/// numbering from `first_number`. `first_interest` overrides the interest of
/// the first period (a broken period); its principal part stays regular.
///
/// Also used to re-amortize the rest of a schedule after a prepayment.
pub fn amortize(
    principal: Money,
    rate: AnnualRate,
    method: RepaymentMethod,
    due_dates: &[Date],
    first_interest: Option<Money>,
    first_number: u32,
) -> Vec<Installment> {
    let count = due_dates.len();
    let level = level_amount(principal, rate, method, count);
    let mut balance = principal;
    let mut number = first_number;
    let last = first_number.saturating_add(u32::try_from(count).unwrap_or(u32::MAX)) - 1;
    // A mapped slice iterator knows its length, so collecting it fills the
    // vector without a capacity check per installment.
    due_dates
        .iter()
        .map(|due_date| {
            let regular_interest = monthly_interest(balance, rate);
            let principal_part = if number == last {
                balance
            } else {
                regular_principal(method, level, regular_interest).min(balance)
            };
            let charged_interest = match first_interest {
                Some(broken) if number == first_number => broken,
                _ => regular_interest,
            };
            balance -= principal_part;
            let installment = Installment {
                number,
                due_date: *due_date,
                principal: principal_part,
                interest: charged_interest,
                payment: principal_part + charged_interest,
                balance_after: balance,
            };
            number += 1;
            installment
        })
        .collect()
}

/// The principal part of a non-last regular installment.
fn regular_principal(method: RepaymentMethod, level: Money, interest: Money) -> Money {
    match method {
        RepaymentMethod::EqualInstallment => (level - interest).non_negative(),
        RepaymentMethod::EqualPrincipal => level,
        RepaymentMethod::InterestOnly | RepaymentMethod::Bullet => Money::ZERO,
    }
}

/// The level payment (equal installment) or level principal (equal principal).
pub fn level_amount(
    principal: Money,
    rate: AnnualRate,
    method: RepaymentMethod,
    count: usize,
) -> Money {
    let n = Decimal::from(count.max(1));
    match method {
        RepaymentMethod::EqualPrincipal => Money::round_half_up(principal.amount() / n),
        RepaymentMethod::EqualInstallment => level_payment(principal, rate, count),
        RepaymentMethod::InterestOnly | RepaymentMethod::Bullet => Money::ZERO,
    }
}

/// P·r(1+r)^n / ((1+r)^n − 1), rounded half-up; P/n at zero rate.
fn level_payment(principal: Money, rate: AnnualRate, count: usize) -> Money {
    let n = Decimal::from(count.max(1));
    if rate.is_zero() {
        return Money::round_half_up(principal.amount() / n);
    }
    let r = rate.fraction() / Decimal::from(12);
    let growth = power(Decimal::ONE + r, count);
    let numerator = principal.amount() * r * growth;
    Money::round_half_up(numerator / (growth - Decimal::ONE))
}

/// `base` raised to `exponent` by repeated squaring.
fn power(base: Decimal, exponent: usize) -> Decimal {
    let mut result = Decimal::ONE;
    let mut square = base;
    let mut remaining = exponent;
    while remaining > 0 {
        if remaining % 2 == 1 {
            result *= square;
        }
        square *= square;
        remaining /= 2;
    }
    result
}
