//! How much a borrower pays each time, by their habit: what is due, part of
//! it, what is due plus a prepayment of principal, the pay-off quote, or the
//! last installment with too much. It reads the loan's position and draws
//! from the generator; recording is `repayments`' job.

use loanbook_domain::Money;
use loanbook_domain::ledger::{InstallmentPosition, LoanPosition, Prepayment};
use time::Date;

use super::repayments::{LoanRun, Profile};
use super::staff::Who;
use super::{Book, explain};
use crate::services::loans as loan_service;

/// What kind of repayment was recorded, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// What is due, paid as due.
    Regular,
    /// Less than is due.
    Partial,
    /// A prepayment of principal, or the pay-off.
    Prepay(Prepayment),
    /// More than the last installment asks.
    Overpay,
}

/// A repayment about to be recorded.
#[derive(Debug, Clone, Copy)]
pub(super) struct Payment {
    /// What the borrower pays.
    pub(super) amount: Money,
    /// The prepayment rule to ask the service for, if any.
    pub(super) prepayment: Option<Prepayment>,
    /// What the summary counts it as.
    pub(super) kind: Kind,
}

impl Book {
    /// What the borrower pays this time, by their habits.
    pub(super) async fn payment_for(
        &mut self,
        run: &LoanRun,
        position: &LoanPosition,
    ) -> anyhow::Result<Payment> {
        let date = run.value_date;
        let owed = due_through(position, date.max(run.target_due));
        let special = run.payments + 1 == run.special_at;
        let last = !position
            .installments
            .iter()
            .any(|i| i.installment.due_date > run.target_due);
        let regular = Payment {
            amount: owed,
            prepayment: None,
            kind: Kind::Regular,
        };
        let payment = match run.profile {
            Profile::Partial if !last && self.rng.chance(45) => self.partial(owed),
            Profile::ReduceTerm if special => {
                self.prepay(owed, position, date, Prepayment::ReduceTerm)
            }
            Profile::ReduceInstallment if special => {
                self.prepay(owed, position, date, Prepayment::ReduceInstallment)
            }
            Profile::Settle if special => Some(self.settle(run).await?),
            Profile::Overpay if last => Some(self.overpay(owed)),
            _ => None,
        };
        Ok(payment.unwrap_or(regular))
    }

    fn partial(&mut self, owed: Money) -> Option<Payment> {
        let fen = owed.fen() * self.rng.range(40, 90) / 100 / 100 * 100;
        (fen > 0).then(|| Payment {
            amount: Money::from_fen(fen),
            prepayment: None,
            kind: Kind::Partial,
        })
    }

    /// What is due plus 15–45 % of the principal not yet due, in hundreds of
    /// yuan, when at least two installments are left to re-amortise.
    fn prepay(
        &mut self,
        owed: Money,
        position: &LoanPosition,
        date: Date,
        rule: Prepayment,
    ) -> Option<Payment> {
        let future: Vec<&InstallmentPosition> = position
            .installments
            .iter()
            .filter(|i| i.installment.due_date > date)
            .collect();
        if future.len() < 2 {
            return None;
        }
        let principal: i64 = future
            .iter()
            .map(|i| {
                (i.installment.principal - i.principal_paid)
                    .non_negative()
                    .fen()
            })
            .sum();
        let extra = principal * self.rng.range(15, 45) / 100 / 10_000 * 10_000;
        (extra > 0 && extra < principal).then(|| Payment {
            amount: owed + Money::from_fen(extra),
            prepayment: Some(rule),
            kind: Kind::Prepay(rule),
        })
    }

    /// The pay-off quote's total for the value date.
    async fn settle(&mut self, run: &LoanRun) -> anyhow::Result<Payment> {
        let cashier = self.actor(Who::Cashier);
        let quote = loan_service::payoff_quote(&self.state.db, cashier, run.id, run.value_date)
            .await
            .map_err(explain)?;
        Ok(Payment {
            amount: quote.total,
            prepayment: Some(Prepayment::Settle),
            kind: Kind::Prepay(Prepayment::Settle),
        })
    }

    /// The last installment with 100 to 3,000 yuan too much.
    fn overpay(&mut self, owed: Money) -> Payment {
        let extra = Money::from_fen(self.rng.range(1, 30) * 10_000);
        Payment {
            amount: owed + extra,
            prepayment: None,
            kind: Kind::Overpay,
        }
    }
}

/// Everything unpaid, penalty included, on the installments due on or
/// before `date`, or on the next one when nothing is due yet.
pub(super) fn due_through(position: &LoanPosition, date: Date) -> Money {
    position
        .installments
        .iter()
        .filter(|i| i.installment.due_date <= date)
        .map(unpaid)
        .sum()
}

fn unpaid(position: &InstallmentPosition) -> Money {
    let i = &position.installment;
    let principal = (i.principal - position.principal_paid).non_negative();
    let interest = (i.interest - position.interest_paid).non_negative();
    let penalty = position.penalty_accrued - position.penalty_paid - position.penalty_waived;
    principal + interest + penalty.non_negative()
}
