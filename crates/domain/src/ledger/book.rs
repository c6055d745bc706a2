//! The replay state: the effective schedule with what was paid on each
//! installment, the status, the credit balance and the allocations so far.
//!
//! A [`Book`] lives only while one list of transactions is replayed; nothing
//! here is stored. Slots before `first_open` owe nothing, so each transaction
//! touches only the installments still open.

use time::{Date, Duration};

use super::{Allocation, Component, LoanContract};
use crate::loan::{LoanEvent, LoanStatus, apply};
use crate::schedule::level_amount;
use crate::{DomainError, Installment, Money};

/// One installment of the effective schedule and what was paid on it.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    pub installment: Installment,
    pub principal_paid: Money,
    pub interest_paid: Money,
    pub penalty_accrued: Money,
    pub penalty_paid: Money,
    pub penalty_waived: Money,
    /// Penalty of days within the grace period: owed only if the installment
    /// is still unpaid after it, forgiven if it is paid in full within it.
    pub grace_penalty: Money,
    /// Penalty is fixed up to this date (the due date at first).
    pub fixed_to: Date,
    pub paid_off_on: Option<Date>,
}

impl Slot {
    /// A fresh installment with nothing paid.
    pub fn new(installment: Installment) -> Self {
        Slot {
            installment,
            principal_paid: Money::ZERO,
            interest_paid: Money::ZERO,
            penalty_accrued: Money::ZERO,
            penalty_paid: Money::ZERO,
            penalty_waived: Money::ZERO,
            grace_penalty: Money::ZERO,
            fixed_to: installment.due_date,
            paid_off_on: None,
        }
    }

    /// The due date.
    pub fn due(&self) -> Date {
        self.installment.due_date
    }

    /// What is still owed of one component.
    pub fn unpaid(&self, component: Component) -> Money {
        match component {
            Component::Penalty => {
                let settled = self.penalty_paid + self.penalty_waived;
                self.penalty_accrued - settled
            }
            Component::Interest => self.installment.interest - self.interest_paid,
            Component::Principal => self.installment.principal - self.principal_paid,
        }
    }

    /// Records a payment on one component.
    pub fn pay(&mut self, component: Component, amount: Money) {
        match component {
            Component::Penalty => self.penalty_paid += amount,
            Component::Interest => self.interest_paid += amount,
            Component::Principal => self.principal_paid += amount,
        }
    }

    /// Principal still owed.
    pub fn unpaid_principal(&self) -> Money {
        self.unpaid(Component::Principal)
    }

    /// Interest still owed.
    pub fn unpaid_interest(&self) -> Money {
        self.unpaid(Component::Interest)
    }

    /// True while scheduled principal or interest is unpaid.
    pub fn owes_scheduled(&self) -> bool {
        self.unpaid(Component::Principal).is_positive()
            || self.unpaid(Component::Interest).is_positive()
    }

    /// True when nothing at all is owed on it.
    pub fn is_settled(&self) -> bool {
        !self.owes_scheduled() && !self.unpaid(Component::Penalty).is_positive()
    }

    /// True when it is unpaid and past due on `date`.
    pub fn is_overdue(&self, date: Date, grace_days: u32) -> bool {
        self.owes_scheduled() && date > grace_end(self.due(), grace_days)
    }
}

/// The last day of an installment's grace period.
pub(super) fn grace_end(due: Date, grace_days: u32) -> Date {
    due.checked_add(Duration::days(i64::from(grace_days)))
        .unwrap_or(Date::MAX)
}

/// Money an earlier repayment paid on an installment before it fell due.
#[derive(Debug, Clone, Copy)]
pub(super) struct Advance {
    pub slot: usize,
    pub tx: usize,
    pub interest: Money,
    pub principal: Money,
}

/// The state of a replay.
#[derive(Debug, Clone)]
pub(super) struct Book<'a> {
    pub contract: &'a LoanContract,
    pub slots: Vec<Slot>,
    pub status: LoanStatus,
    pub credit: Money,
    /// Every slot before this index owes nothing.
    pub first_open: usize,
    /// False once written off: penalty no longer accrues.
    pub accruing: bool,
    /// The level payment (or level principal) that reduce-term keeps.
    pub level: Money,
    pub closed_on: Option<Date>,
    pub advances: Vec<Advance>,
    pub allocations: Vec<Allocation>,
}

impl<'a> Book<'a> {
    /// The state right after disbursement, for `transactions` transactions.
    pub fn new(contract: &'a LoanContract, transactions: usize) -> Self {
        let terms = &contract.terms;
        let count = contract.schedule.len();
        Book {
            contract,
            slots: contract.schedule.iter().copied().map(Slot::new).collect(),
            status: LoanStatus::Active,
            credit: Money::ZERO,
            first_open: 0,
            accruing: true,
            level: level_amount(terms.principal, terms.annual_rate, terms.method, count),
            closed_on: None,
            advances: Vec::new(),
            allocations: vec![Allocation::default(); transactions],
        }
    }

    /// Moves the status through the loan state machine.
    pub fn transition(&mut self, event: LoanEvent) -> Result<(), DomainError> {
        self.status = apply(self.status, event)?;
        Ok(())
    }

    /// Moves `first_open` past every slot that owes nothing, dating them.
    pub fn advance_open(&mut self, date: Date) {
        while let Some(slot) = self.slots.get_mut(self.first_open) {
            if !slot.is_settled() {
                break;
            }
            slot.paid_off_on.get_or_insert(date);
            self.first_open += 1;
        }
    }

    /// True when no installment owes anything.
    pub fn is_settled(&self) -> bool {
        self.first_open >= self.slots.len()
    }

    /// The index of the first installment due after `date`.
    pub fn first_future(&self, date: Date) -> usize {
        self.slots.partition_point(|slot| slot.due() <= date)
    }

    /// Credits the excess of a repayment and closes or overpays the loan when
    /// nothing is owed any more.
    pub fn finish_payment(
        &mut self,
        tx: usize,
        date: Date,
        excess: Money,
    ) -> Result<(), DomainError> {
        self.advance_open(date);
        if let Some(allocation) = self.allocations.get_mut(tx) {
            allocation.excess += excess;
        }
        self.credit += excess;

        if excess.is_positive() {
            self.transition(LoanEvent::Overpaid)?;
        } else if self.is_settled() {
            self.transition(LoanEvent::FullyRepaid)?;
        }
        self.mark_closed(date);
        Ok(())
    }

    /// Dates the closing once the status is closed.
    pub fn mark_closed(&mut self, date: Date) {
        if self.status == LoanStatus::Closed {
            self.closed_on.get_or_insert(date);
        }
    }

    /// Unpaid principal, interest and penalty over every installment.
    pub fn unpaid_totals(&self) -> (Money, Money, Money) {
        let open = self.slots.get(self.first_open..).unwrap_or_default();
        let sum = |component| {
            open.iter()
                .map(|slot| slot.unpaid(component))
                .sum::<Money>()
        };
        (
            sum(Component::Principal),
            sum(Component::Interest),
            sum(Component::Penalty),
        )
    }

    /// A write-off: penalty is fixed to its date and stops accruing.
    pub fn write_off(&mut self, date: Date) -> Result<(), DomainError> {
        self.transition(LoanEvent::WrittenOff)?;
        self.fix_penalties(date);
        self.accruing = false;
        Ok(())
    }

    /// Pays back part or all of the credit balance.
    pub fn refund(&mut self, date: Date, amount: Money) -> Result<(), DomainError> {
        let event = if amount >= self.credit {
            LoanEvent::CreditRefunded
        } else {
            LoanEvent::CreditPartlyRefunded
        };
        self.transition(event)?;
        if amount > self.credit {
            return Err(DomainError::TransactionRule(
                "refund is more than the credit balance",
            ));
        }

        self.credit -= amount;
        self.mark_closed(date);
        Ok(())
    }
}
