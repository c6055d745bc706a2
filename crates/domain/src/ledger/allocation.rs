//! Allocation (冲销顺序) of a repayment over the open installments.
//!
//! Installments are paid in due-date order — the overdue ones first, then the
//! current and later ones in advance, scheduled interest included — and each
//! one in the product's component order before the next is touched. Money
//! paid on an installment before its due date is remembered as an advance, so
//! a later prepayment that changes that installment can apply it again.

use time::Date;

use super::book::{Advance, Book, Slot};
use super::{Allocation, Component};
use crate::Money;

impl Book<'_> {
    /// Allocates `amount`, received on `date`, over the open installments —
    /// only those due on or before `due_by` when given — and returns what is
    /// left over. The split is added to the allocation of transaction `tx`.
    pub(super) fn allocate(
        &mut self,
        tx: usize,
        amount: Money,
        date: Date,
        due_by: Option<Date>,
    ) -> Money {
        let order = self.contract.rules.allocation_order;
        let mut left = amount;
        let mut paid_total = Allocation::default();

        for (index, slot) in self.slots.iter_mut().enumerate().skip(self.first_open) {
            if !left.is_positive() || due_by.is_some_and(|limit| slot.due() > limit) {
                break;
            }
            let paid = pay_slot(slot, order, left);
            left -= paid.total();
            paid_total.absorb(&paid);
            if slot.due() > date && paid.total().is_positive() {
                let (interest, principal) = (paid.interest, paid.principal);
                self.advances.push(Advance {
                    slot: index,
                    tx,
                    interest,
                    principal,
                });
            }
        }

        if let Some(allocation) = self.allocations.get_mut(tx) {
            allocation.absorb(&paid_total);
        }
        self.advance_open(date);
        left
    }
}

/// Pays one installment in `order` from `amount`; returns what it took.
fn pay_slot(slot: &mut Slot, order: [Component; 3], amount: Money) -> Allocation {
    let mut paid = Allocation::default();
    let mut left = amount;
    for component in order {
        let take = left.min(slot.unpaid(component).non_negative());
        slot.pay(component, take);
        *paid.part_mut(component) += take;
        left -= take;
    }

    if !slot.owes_scheduled() {
        // Paid in full within its grace days: the grace penalty is forgiven.
        slot.grace_penalty = Money::ZERO;
    }
    paid
}

impl Allocation {
    /// The amount paid to one component.
    pub(super) fn part_mut(&mut self, component: Component) -> &mut Money {
        match component {
            Component::Penalty => &mut self.penalty,
            Component::Interest => &mut self.interest,
            Component::Principal => &mut self.principal,
        }
    }

    /// Adds another split to this one.
    pub(super) fn absorb(&mut self, other: &Allocation) {
        self.penalty += other.penalty;
        self.interest += other.interest;
        self.principal += other.principal;
        self.excess += other.excess;
    }
}
