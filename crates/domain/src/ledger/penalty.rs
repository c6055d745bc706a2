//! Penalty interest (罚息) and its waivers.
//!
//! Penalty is simple interest at the penalty rate / 360 per day on what an
//! overdue installment leaves unpaid (principal, and interest when the product
//! says so; never penalty). It is fixed per installment at each fixing date —
//! every payment, waiver and write-off, and the as-of date — as
//! `round_half_up(base × rate × days / 360)` for the days since it was last
//! fixed, so the base is always what was unpaid during those days and a
//! back-dated payment changes the penalty after it.

use time::Date;

use super::book::{Book, Slot, grace_end};
use super::{Component, LoanRules};
use crate::loan::LoanEvent;
use crate::{DayCount, DomainError, Money, interest};

impl Book<'_> {
    /// Fixes the penalty of every open installment due before `date`.
    pub(super) fn fix_penalties(&mut self, date: Date) {
        if !self.accruing {
            return;
        }
        let rules = self.contract.rules;
        let open = self.slots.iter_mut().skip(self.first_open);
        for slot in open.take_while(|slot| slot.due() < date) {
            fix_slot(slot, date, &rules);
        }
    }

    /// Forgives `amount` of penalty, oldest installment first.
    pub(super) fn waive(&mut self, date: Date, amount: Money) -> Result<(), DomainError> {
        self.transition(LoanEvent::PenaltyWaived)?;
        self.fix_penalties(date);
        let (_, _, outstanding) = self.unpaid_totals();
        if amount > outstanding {
            return Err(DomainError::TransactionRule(
                "waiver is more than the outstanding penalty",
            ));
        }

        let mut left = amount;
        for slot in self.slots.iter_mut().skip(self.first_open) {
            let waived = left.min(slot.unpaid(Component::Penalty).non_negative());
            slot.penalty_waived += waived;
            left -= waived;
        }

        self.advance_open(date);
        if self.is_settled() {
            self.transition(LoanEvent::FullyRepaid)?;
            self.mark_closed(date);
        }
        Ok(())
    }
}

/// Fixes one installment's penalty from its last fixing date to `date`.
fn fix_slot(slot: &mut Slot, date: Date, rules: &LoanRules) {
    if date <= slot.fixed_to {
        return;
    }
    let days = (date - slot.fixed_to).whole_days();
    let mut base = slot.unpaid(Component::Principal);
    if rules.penalty_on_interest {
        base += slot.unpaid(Component::Interest);
    }
    let amount = interest(base, rules.penalty_rate, days, DayCount::Act360);
    slot.fixed_to = date;

    if date > grace_end(slot.due(), rules.grace_days) {
        slot.penalty_accrued += slot.grace_penalty + amount;
        slot.grace_penalty = Money::ZERO;
    } else {
        slot.grace_penalty += amount;
    }
}
