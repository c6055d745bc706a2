//! Explicit prepayments (提前还款): re-amortising the rest of the schedule, and
//! settling the loan early (提前结清).
//!
//! Both first let the payment date's normal allocation take what is overdue
//! and due, then replace the installments not yet due. Money that earlier
//! repayments had paid in advance on those installments is taken back and
//! applied again to the new ones, and their allocations are rewritten to
//! match; the principal of the effective schedule always sums to the loan.

use time::Date;

use super::Prepayment;
use super::book::{Advance, Book, Slot};
use crate::loan::LoanEvent;
use crate::schedule::{amortize, level_amount};
use crate::{AnnualRate, DayCount, DomainError, Installment, Money, RepaymentMethod};
use crate::{add_months, interest, monthly_interest};

/// A `reduce_term` or `reduce_installment` prepayment of `amount` on `date`.
///
/// What remains after the installments due on or before `date` goes to
/// principal, and the installments not yet due are re-amortised from the
/// lower balance with the contract's method and rate. Their interest is
/// `monthly_interest` of the new balance, so the running period's interest
/// falls with the principal (a broken first period keeps its actual days at
/// ACT/360, a bullet loan its ACT/365 days). The prepaid principal is shown
/// on the first re-amortised installment as principal already paid. Interest
/// paid in advance on the replaced installments becomes prepaid principal.
pub(super) fn reduce(
    book: &mut Book<'_>,
    tx: usize,
    date: Date,
    amount: Money,
    rule: Prepayment,
) -> Result<(), DomainError> {
    let left = book.allocate(tx, amount, date, Some(date));
    if left.is_zero() {
        return book.finish_payment(tx, date, Money::ZERO);
    }
    book.transition(LoanEvent::ScheduleReamortised)?;
    let start = book.first_future(date);
    if start >= book.slots.len() {
        return Err(DomainError::TransactionRule(
            "no installment is left to re-amortise",
        ));
    }

    let prepaid = take_back_as_prepaid(book, tx, start, left);
    let pool: Money = prepaid.iter().map(|a| a.principal).sum();
    let scheduled = scheduled_principal(book, start);
    if pool >= scheduled {
        return Err(DomainError::TransactionRule(
            "the prepayment repays all the principal: settle the loan instead",
        ));
    }

    let balance = scheduled - pool;
    let installments = reschedule(book, start, balance, rule);
    if rule == Prepayment::ReduceInstallment {
        let terms = &book.contract.terms;
        let count = installments.len();
        book.level = level_amount(balance, terms.annual_rate, terms.method, count);
    }
    replace_future(book, start, installments, pool);
    book.advances = prepaid;
    if let Some(allocation) = book.allocations.get_mut(tx) {
        allocation.principal += left;
    }
    book.finish_payment(tx, date, Money::ZERO)
}

/// Prepares a settlement on `date`: the installments not yet due become one
/// installment due on `date` with all their principal and interest on the
/// principal still unpaid, from the last due date on or before `date` (or the
/// disbursement) to `date` at annual rate / 360 per day. Future periods'
/// interest is gone. Overdue principal bears penalty, not this interest.
/// Money paid in advance on the replaced installments is applied to the new
/// one: its interest first to the settlement interest, the rest to principal.
pub(super) fn prepare_settlement(book: &mut Book<'_>, date: Date) {
    let start = book.first_future(date);
    let Some(settlement) = settlement_installment(book, start, date) else {
        return;
    };
    let pulled = pull_back(book, start);

    book.slots.truncate(start);
    book.slots.push(Slot::new(settlement));
    book.first_open = book.first_open.min(start);
    for advance in &pulled {
        reapply(book, start, advance);
    }
    book.advance_open(date);
}

/// The installment that replaces those from `start` on when settling on
/// `date`; `None` when every installment is already due.
fn settlement_installment(book: &Book<'_>, start: usize, date: Date) -> Option<Installment> {
    let number = book.slots.get(start)?.installment.number;
    let terms = &book.contract.terms;
    let future = book.slots.get(start..).unwrap_or_default();
    let unpaid: Money = future.iter().map(Slot::unpaid_principal).sum();
    let previous = start.checked_sub(1).and_then(|i| book.slots.get(i));
    let since = previous.map_or(terms.disbursement_date, Slot::due);

    let days = (date - since).whole_days();
    let accrued = interest(unpaid, terms.annual_rate, days, DayCount::Act360);
    let principal = scheduled_principal(book, start);
    Some(Installment {
        number,
        due_date: date,
        principal,
        interest: accrued,
        payment: principal + accrued,
        balance_after: Money::ZERO,
    })
}

/// A `settle` prepayment: refused below the pay-off amount; money beyond it
/// becomes a credit balance.
pub(super) fn settle(
    book: &mut Book<'_>,
    tx: usize,
    date: Date,
    amount: Money,
) -> Result<(), DomainError> {
    prepare_settlement(book, date);
    let (principal, interest, penalty) = book.unpaid_totals();
    if amount < principal + interest + penalty {
        return Err(DomainError::TransactionRule(
            "amount is less than the pay-off amount",
        ));
    }

    let excess = book.allocate(tx, amount, date, None);
    book.finish_payment(tx, date, excess)
}

/// Takes back every advance paid on installments from `start` on, resetting
/// what they had paid. Advances on earlier installments can never be taken
/// back again (they are due), so they are dropped.
fn pull_back(book: &mut Book<'_>, start: usize) -> Vec<Advance> {
    let advances = std::mem::take(&mut book.advances);
    for slot in book.slots.iter_mut().skip(start) {
        slot.principal_paid = Money::ZERO;
        slot.interest_paid = Money::ZERO;
    }
    advances.into_iter().filter(|a| a.slot >= start).collect()
}

/// Takes back the advances on installments from `start` on as principal
/// prepaid on the installment at `start`, together with this prepayment's
/// own `left` of transaction `tx`.
fn take_back_as_prepaid(book: &mut Book<'_>, tx: usize, start: usize, left: Money) -> Vec<Advance> {
    let own = Advance {
        slot: start,
        tx,
        interest: Money::ZERO,
        principal: left,
    };
    let pulled = pull_back(book, start);
    let mut prepaid = vec![own];
    prepaid.extend(pulled.iter().map(|a| as_prepaid_principal(book, a, start)));
    prepaid
}

/// Turns an advance into principal prepaid on the installment at `start`,
/// in its repayment's allocation too.
fn as_prepaid_principal(book: &mut Book<'_>, advance: &Advance, start: usize) -> Advance {
    if let Some(allocation) = book.allocations.get_mut(advance.tx) {
        allocation.interest -= advance.interest;
        allocation.principal += advance.interest;
    }
    Advance {
        slot: start,
        tx: advance.tx,
        interest: Money::ZERO,
        principal: advance.principal + advance.interest,
    }
}

/// Applies a taken-back advance to the settlement installment at `index`:
/// interest to its interest, what interest no longer needs to principal, and
/// anything beyond both to the credit balance.
fn reapply(book: &mut Book<'_>, index: usize, advance: &Advance) {
    let Some(slot) = book.slots.get_mut(index) else {
        return;
    };
    let to_interest = advance.interest.min(slot.unpaid_interest());
    let overflow = advance.interest - to_interest;
    let to_principal = (advance.principal + overflow).min(slot.unpaid_principal());
    let extra = advance.principal + overflow - to_principal;
    slot.interest_paid += to_interest;
    slot.principal_paid += to_principal;

    book.credit += extra;
    if let Some(allocation) = book.allocations.get_mut(advance.tx) {
        allocation.interest -= overflow;
        allocation.principal += to_principal - advance.principal;
        allocation.excess += extra;
    }
}

/// The scheduled principal of the installments from `start` on: the balance
/// the schedule has left after the installments due.
fn scheduled_principal(book: &Book<'_>, start: usize) -> Money {
    book.slots
        .iter()
        .skip(start)
        .map(|slot| slot.installment.principal)
        .sum()
}

/// Replaces the installments from `start` on by `new`, the first of
/// them also carrying the prepaid principal `pool`, already paid.
fn replace_future(book: &mut Book<'_>, start: usize, new: Vec<Installment>, pool: Money) {
    book.slots.truncate(start);
    book.slots.extend(new.into_iter().map(Slot::new));
    if let Some(first) = book.slots.get_mut(start) {
        first.installment.principal += pool;
        first.installment.payment += pool;
        first.principal_paid = pool;
    }
    book.first_open = book.first_open.min(start);
}

/// The new installments from `start` on for a balance of `balance`.
fn reschedule(book: &Book, start: usize, balance: Money, rule: Prepayment) -> Vec<Installment> {
    let terms = &book.contract.terms;
    let rate = terms.annual_rate;
    let dates: Vec<Date> = book.slots.iter().skip(start).map(Slot::due).collect();
    let number = book
        .slots
        .get(start)
        .map_or(1, |slot| slot.installment.number);
    let first_interest = broken_period_interest(book, start, balance);

    match (terms.method, rule) {
        (RepaymentMethod::Bullet, _) => bullet(book, balance, &dates, number),
        (
            RepaymentMethod::EqualInstallment | RepaymentMethod::EqualPrincipal,
            Prepayment::ReduceTerm,
        ) => keep_level(
            balance,
            rate,
            terms.method,
            book.level,
            &dates,
            first_interest,
            number,
        ),
        _ => amortize(balance, rate, terms.method, &dates, first_interest, number),
    }
}

/// The interest of a broken first period on `balance`, when the first
/// installment is among those re-amortised.
fn broken_period_interest(book: &Book<'_>, start: usize, balance: Money) -> Option<Money> {
    let terms = &book.contract.terms;
    let first_due = book.contract.schedule.first()?.due_date;
    let broken = first_due != add_months(terms.disbursement_date, 1);
    if start != 0 || !broken || terms.method == RepaymentMethod::Bullet {
        return None;
    }
    let days = (first_due - terms.disbursement_date).whole_days();
    Some(interest(balance, terms.annual_rate, days, DayCount::Act360))
}

/// A bullet loan's one installment for a lower principal, interest for its
/// actual days at ACT/365.
fn bullet(book: &Book<'_>, balance: Money, dates: &[Date], number: u32) -> Vec<Installment> {
    let terms = &book.contract.terms;
    let due_date = dates.last().copied().unwrap_or(terms.disbursement_date);
    let days = (due_date - terms.disbursement_date).whole_days();
    let charged = interest(balance, terms.annual_rate, days, DayCount::Act365);
    vec![Installment {
        number,
        due_date,
        principal: balance,
        interest: charged,
        payment: balance + charged,
        balance_after: Money::ZERO,
    }]
}

/// Reduce-term: keeps the level payment (equal installment) or level
/// principal (equal principal) and uses as few of `dates` as that needs; the
/// last one used absorbs the residue.
fn keep_level(
    balance: Money,
    rate: AnnualRate,
    method: RepaymentMethod,
    level: Money,
    dates: &[Date],
    first_interest: Option<Money>,
    first_number: u32,
) -> Vec<Installment> {
    let mut remaining = balance;
    let mut installments = Vec::new();
    for (index, due_date) in dates.iter().enumerate() {
        let regular = monthly_interest(remaining, rate);
        let charged = if index == 0 {
            first_interest.unwrap_or(regular)
        } else {
            regular
        };
        let wanted = match method {
            RepaymentMethod::EqualInstallment => (level - regular).non_negative(),
            _ => level,
        };
        let is_last = index + 1 == dates.len() || wanted >= remaining;
        let principal = if is_last { remaining } else { wanted };
        remaining -= principal;
        installments.push(Installment {
            number: first_number + u32::try_from(index).unwrap_or(u32::MAX),
            due_date: *due_date,
            principal,
            interest: charged,
            payment: principal + charged,
            balance_after: remaining,
        });
        if is_last {
            break;
        }
    }
    installments
}
