//! Turns a finished replay into the [`LoanPosition`] the API shows.
//!
//! Days past due are counted from the due date of the oldest installment with
//! unpaid principal or interest, once it is past its grace days; unpaid
//! penalty alone does not make a loan past due.

use time::Date;

use super::book::{Book, Slot};
use super::{AgingBucket, Component, InstallmentPosition, LoanPosition};
use crate::Money;

/// The position on `as_of` of a book replayed up to it.
pub(super) fn position(book: Book<'_>, as_of: Date) -> LoanPosition {
    let grace = book.contract.rules.grace_days;
    let slots = &book.slots;
    let days_past_due = slots
        .iter()
        .skip(book.first_open)
        .find(|slot| slot.owes_scheduled())
        .filter(|slot| slot.is_overdue(as_of, grace))
        .map_or(0, |slot| days_between(slot.due(), as_of));
    let overdue = |component| -> Money {
        let past_due = slots.iter().filter(|slot| slot.is_overdue(as_of, grace));
        past_due.map(|slot| slot.unpaid(component)).sum()
    };
    let paid = |part: fn(&Slot) -> Money| slots.iter().map(part).sum::<Money>();
    let (principal, interest, penalty) = book.unpaid_totals();

    LoanPosition {
        as_of,
        status: book.status,
        installments: slots.iter().map(|s| installment(s, as_of, grace)).collect(),
        outstanding_principal: principal,
        outstanding_interest: interest,
        outstanding_penalty: penalty,
        overdue_principal: overdue(Component::Principal),
        overdue_interest: overdue(Component::Interest),
        credit_balance: book.credit,
        days_past_due,
        aging_bucket: AgingBucket::from_days_past_due(days_past_due),
        maturity_date: slots.last().map_or(as_of, Slot::due),
        principal_paid: paid(|slot| slot.principal_paid),
        interest_paid: paid(|slot| slot.interest_paid),
        penalty_paid: paid(|slot| slot.penalty_paid),
        closed_on: book.closed_on,
        allocations: book.allocations,
    }
}

/// One installment's position on `as_of`.
fn installment(slot: &Slot, as_of: Date, grace_days: u32) -> InstallmentPosition {
    let days_overdue = if slot.is_overdue(as_of, grace_days) {
        days_between(slot.due(), as_of)
    } else {
        0
    };
    InstallmentPosition {
        installment: slot.installment,
        principal_paid: slot.principal_paid,
        interest_paid: slot.interest_paid,
        penalty_accrued: slot.penalty_accrued,
        penalty_paid: slot.penalty_paid,
        penalty_waived: slot.penalty_waived,
        days_overdue,
        paid_off_on: slot.paid_off_on,
    }
}

/// Whole days from `from` to `to`, saturating at `u32::MAX`.
fn days_between(from: Date, to: Date) -> u32 {
    u32::try_from((to - from).whole_days()).unwrap_or(u32::MAX)
}
