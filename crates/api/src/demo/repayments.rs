//! The demo's loans after disbursement: each borrower gets a habit (on time,
//! late, partial, prepaying, settling early, delinquent, overpaying), and
//! each repayment is queued on the date that habit gives, recorded by the
//! cashier through the loan service, and sometimes reversed and paid again.
//! Nothing is queued after today. How much each repayment is comes from
//! `payments`.

use loanbook_domain::ledger::{InstallmentPosition, LoanPosition, Prepayment};
use loanbook_domain::{LoanStatus, RepaymentMethod};
use loanbook_persistence::repo::Scope;
use loanbook_persistence::repo::loans::LoanRecord;
use time::Date;
use uuid::Uuid;

use super::payments::{Kind, Payment, due_through};
use super::staff::Who;
use super::{Book, Event, explain, is_refusal, names, shift};
use crate::error::ApiError;
use crate::http::Permission;
use crate::services::loans::{self as loan_service, LoadedLoan, RepaymentInput};

/// How a borrower repays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Profile {
    /// Pays what is due, mostly on the due date, sometimes a few days early.
    OnTime,
    /// Often pays days or weeks late, and then owes penalty.
    Late,
    /// Sometimes pays only part of what is due.
    Partial,
    /// Once prepays principal and keeps the installment.
    ReduceTerm,
    /// Once prepays principal and keeps the term.
    ReduceInstallment,
    /// Once pays the loan off early.
    Settle,
    /// Stops paying after a few installments, or never pays.
    Delinquent,
    /// Pays too much on the last installment.
    Overpay,
}

/// How many borrowers in a hundred have each habit.
const PROFILE_WEIGHTS: [(Profile, u64); 8] = [
    (Profile::OnTime, 40),
    (Profile::Late, 18),
    (Profile::Partial, 8),
    (Profile::ReduceTerm, 5),
    (Profile::ReduceInstallment, 5),
    (Profile::Settle, 8),
    (Profile::Delinquent, 10),
    (Profile::Overpay, 6),
];

/// A loan being repaid, carried from one repayment event to the next.
#[derive(Debug, Clone)]
pub(super) struct LoanRun {
    /// The loan.
    pub(super) id: Uuid,
    /// The loan number, for messages.
    pub(super) number: String,
    /// The borrower's habit.
    pub(super) profile: Profile,
    /// Repayments recorded so far, reversed ones included.
    pub(super) payments: u32,
    /// The repayment number that prepays or settles, or after which a
    /// delinquent borrower stops paying.
    pub(super) special_at: u32,
    /// The repayment number to reverse, if any.
    reverse_at: Option<u32>,
    /// Value date of the last transaction.
    last_value: Date,
    /// Value date of the pending repayment.
    pub(super) value_date: Date,
    /// Due date of the installment the pending repayment is for.
    pub(super) target_due: Date,
}

impl Book {
    /// Gives a new loan its borrower's habit and queues its first
    /// repayment, unless the borrower never pays.
    pub(super) fn start_repayments(
        &mut self,
        loan: &LoanRecord,
        installments: u32,
        first_due: Date,
    ) {
        let run = self.new_run(loan, installments);
        let never_pays = run.profile == Profile::Delinquent && run.special_at == 0;
        if !never_pays {
            self.schedule_payment(run, first_due);
        }
    }

    /// Draws the borrower's habit and the repayments it marks.
    fn new_run(&mut self, loan: &LoanRecord, installments: u32) -> LoanRun {
        let mut profile = self.rng.weighted(&PROFILE_WEIGHTS);
        let bullet = loan.terms.method == RepaymentMethod::Bullet;
        if bullet && matches!(profile, Profile::ReduceTerm | Profile::ReduceInstallment) {
            profile = Profile::Settle;
        }
        let special_at = match profile {
            Profile::Delinquent => self.rng.below(u64::from(installments)),
            Profile::Settle => 1 + self.rng.below(u64::from(installments.max(2) - 1)),
            _ => 1 + self.rng.below(u64::from((installments / 2).max(1))),
        };
        let reverse_at = self
            .rng
            .chance(7)
            .then(|| 1 + self.rng.below(u64::from(installments.min(6))));
        let date = loan.terms.disbursement_date;
        LoanRun {
            id: loan.id,
            number: loan.loan_number.clone(),
            profile,
            payments: 0,
            special_at: u32::try_from(special_at).unwrap_or(1),
            reverse_at: reverse_at.and_then(|n| u32::try_from(n).ok()),
            last_value: date,
            value_date: date,
            target_due: date,
        }
    }

    /// Queues the repayment for the installment due on `due`, on the date the
    /// borrower's habits give; nothing after today.
    fn schedule_payment(&mut self, mut run: LoanRun, due: Date) {
        let special = run.payments + 1 == run.special_at;
        let offset = match run.profile {
            Profile::Settle if special => -self.rng.range(3, 20),
            Profile::ReduceTerm | Profile::ReduceInstallment if special => 0,
            Profile::Late if self.rng.chance(40) => self.rng.range(3, 40),
            _ if self.rng.chance(20) => -self.rng.range(1, 5),
            _ => 0,
        };
        let value = shift(due, offset).max(run.last_value);
        if value > self.today {
            return;
        }
        run.value_date = value;
        run.target_due = due;
        // Bank statements arrive late: the cashier backdates some repayments.
        let booked = if self.rng.chance(15) {
            self.after(value, 1, 3)
        } else {
            value
        };
        self.push(booked, Event::Repay(run));
    }

    /// Records the pending repayment and queues what follows: the next
    /// repayment, or a reversal of this one.
    pub(super) async fn repay(&mut self, when: Date, mut run: LoanRun) -> anyhow::Result<()> {
        let loaded = loan_service::load(&self.state.db, Scope::All, run.id, run.value_date)
            .await
            .map_err(explain)?;
        if loaded.position.status != LoanStatus::Active {
            return Ok(());
        }
        let payment = self.payment_for(&run, &loaded.position).await?;
        if !payment.amount.is_positive() {
            self.next_payment(run, &loaded.position);
            return Ok(());
        }
        let (repayment_id, after, payment) = self.record(&run, payment, &loaded.position).await?;
        self.count(&run, payment, &after, repayment_id, when);

        run.payments += 1;
        run.last_value = run.value_date;
        if after.position.status != LoanStatus::Active {
            return Ok(());
        }
        if run.reverse_at == Some(run.payments) && payment.prepayment.is_none() {
            let at = self.after(when, 1, 3);
            self.push(at, Event::Reverse(run, repayment_id));
            return Ok(());
        }
        self.next_payment(run, &after.position);
        Ok(())
    }

    /// Records the payment as the cashier. A prepayment the service refuses
    /// is counted, reported and replaced by a regular payment of what is due.
    async fn record(
        &mut self,
        run: &LoanRun,
        payment: Payment,
        position: &LoanPosition,
    ) -> anyhow::Result<(Uuid, LoadedLoan, Payment)> {
        match self.record_once(run, payment).await {
            Ok((id, loaded)) => Ok((id, loaded, payment)),
            Err(error) if payment.prepayment.is_some() && is_refusal(&error) => {
                self.stats.refused += 1;
                eprintln!(
                    "warning: loan {}: {:?} prepayment of {} on {} refused: {}",
                    run.number,
                    payment.kind,
                    payment.amount,
                    run.value_date,
                    explain(error)
                );
                let regular = Payment {
                    amount: due_through(position, run.value_date.max(run.target_due)),
                    prepayment: None,
                    kind: Kind::Regular,
                };
                let (id, loaded) = self.record_once(run, regular).await.map_err(explain)?;
                Ok((id, loaded, regular))
            }
            Err(error) => Err(explain(error)),
        }
    }

    async fn record_once(
        &mut self,
        run: &LoanRun,
        payment: Payment,
    ) -> Result<(Uuid, LoadedLoan), ApiError> {
        let method = self.rng.weighted(&names::PAYMENT_METHODS);
        let input = RepaymentInput {
            amount: payment.amount,
            paid_on: run.value_date,
            method: method.to_owned(),
            reference: names::bank_reference(&mut self.rng, run.value_date),
            prepayment: payment.prepayment,
            idempotency_key: None,
        };
        let cashier = self.actor(Who::Cashier);
        cashier.require(Permission::RepaymentRecord)?;
        loan_service::record_repayment(&self.state, cashier, run.id, input).await
    }

    fn count(&mut self, run: &LoanRun, payment: Payment, after: &LoadedLoan, id: Uuid, when: Date) {
        let stats = &mut self.stats;
        stats.repayments += 1;
        stats.backdated += u64::from(when > run.value_date);
        stats.with_penalty += u64::from(after.allocation_of(id).penalty.is_positive());
        match payment.kind {
            Kind::Partial => stats.partial += 1,
            Kind::Overpay => stats.overpaid += 1,
            Kind::Prepay(Prepayment::ReduceTerm) => stats.reduce_term += 1,
            Kind::Prepay(Prepayment::ReduceInstallment) => stats.reduce_installment += 1,
            Kind::Prepay(Prepayment::Settle) => stats.settled += 1,
            Kind::Regular if run.value_date > run.target_due => stats.late += 1,
            Kind::Regular if run.value_date < run.target_due => stats.early += 1,
            Kind::Regular => stats.on_time += 1,
        }
    }

    /// Queues the next installment's repayment, or a catch-up of what a
    /// partial payment left on the last one.
    fn next_payment(&mut self, run: LoanRun, position: &LoanPosition) {
        if run.profile == Profile::Delinquent && run.payments >= run.special_at {
            return;
        }
        let paid_on = run.value_date;
        let next = position
            .installments
            .iter()
            .find(|i| i.installment.due_date > paid_on && owes(i));
        let due = match next {
            Some(next) => next.installment.due_date,
            None if position.installments.iter().any(owes) => {
                shift(paid_on, self.rng.range(10, 30))
            }
            None => return,
        };
        self.schedule_payment(run, due);
    }

    /// Reverses a repayment the bank returned; the borrower pays again, now
    /// late, a few days later.
    pub(super) async fn reverse(
        &mut self,
        when: Date,
        mut run: LoanRun,
        id: Uuid,
    ) -> anyhow::Result<()> {
        let reason = self.rng.pick(&names::REVERSAL_REASONS);
        let cashier = self.actor(Who::Cashier);
        cashier
            .require(Permission::RepaymentRecord)
            .map_err(explain)?;
        let after = loan_service::reverse_repayment(&self.state, cashier, run.id, id, reason)
            .await
            .map_err(explain)?;
        self.stats.reversed += 1;

        let oldest_unpaid = after.position.installments.iter().find(|i| owes(i));
        let Some(oldest) = oldest_unpaid else {
            return Ok(());
        };
        let value = self.after(when, 2, 7).max(run.last_value);
        if value > self.today {
            return Ok(());
        }
        run.value_date = value;
        run.target_due = oldest.installment.due_date;
        self.push(value, Event::Repay(run));
        Ok(())
    }
}

/// Principal or interest still unpaid on an installment.
fn owes(position: &InstallmentPosition) -> bool {
    let i = &position.installment;
    position.principal_paid < i.principal || position.interest_paid < i.interest
}
