//! Replaying a loan's transactions in value-date order onto a [`Book`].
//!
//! This is where a transaction list is checked (nothing before the
//! disbursement, sorted by value date) and where each transaction is turned
//! into its status event and its effect. Transactions dated after the replay
//! date are left out, so their allocations stay zero.

use time::Date;

use super::book::Book;
use super::{LoanContract, LoanTransaction, Prepayment, TransactionKind, prepayment};
use crate::loan::LoanEvent;
use crate::{DomainError, Money};

/// Replays the transactions dated on or before `until`, then fixes penalty.
pub(super) fn replay<'a>(
    contract: &'a LoanContract,
    transactions: &[LoanTransaction],
    until: Date,
) -> Result<Book<'a>, DomainError> {
    validate(contract, transactions, until)?;

    let mut book = Book::new(contract, transactions.len());
    for (index, transaction) in transactions.iter().enumerate() {
        if transaction.value_date > until {
            break;
        }
        book.record(index, transaction)?;
    }

    book.fix_penalties(until);
    Ok(book)
}

/// Refuses a contract or a transaction list the ledger cannot replay.
fn validate(
    contract: &LoanContract,
    transactions: &[LoanTransaction],
    until: Date,
) -> Result<(), DomainError> {
    let disbursed = contract.terms.disbursement_date;
    if contract.schedule.is_empty() {
        return Err(DomainError::TransactionRule("the loan has no schedule"));
    }
    let scheduled: Money = contract.schedule.iter().map(|i| i.principal).sum();
    if scheduled != contract.terms.principal {
        return Err(DomainError::TransactionRule(
            "schedule principal differs from the loan",
        ));
    }
    if until < disbursed {
        return Err(DomainError::InvalidDate(
            "the date is before the disbursement",
        ));
    }

    if transactions.iter().any(|t| t.value_date < disbursed) {
        return Err(DomainError::TransactionRule(
            "a transaction is dated before the disbursement",
        ));
    }
    if transactions
        .windows(2)
        .any(|pair| pair[1].value_date < pair[0].value_date)
    {
        return Err(DomainError::TransactionRule(
            "transactions are not in value-date order",
        ));
    }
    Ok(())
}

impl Book<'_> {
    /// Applies one transaction dated on or before the replay date.
    fn record(&mut self, index: usize, tx: &LoanTransaction) -> Result<(), DomainError> {
        let date = tx.value_date;
        match tx.kind {
            TransactionKind::Repayment { amount, prepayment } => {
                require_positive(amount)?;
                self.repay(index, date, amount, prepayment)
            }
            TransactionKind::PenaltyWaiver { amount } => {
                require_positive(amount)?;
                self.waive(date, amount)
            }
            TransactionKind::WriteOff => self.write_off(date),
            TransactionKind::Refund { amount } => {
                require_positive(amount)?;
                self.refund(date, amount)
            }
        }
    }

    /// A repayment, plain or with a prepayment rule.
    fn repay(
        &mut self,
        index: usize,
        date: Date,
        amount: Money,
        prepayment: Option<Prepayment>,
    ) -> Result<(), DomainError> {
        self.transition(LoanEvent::RepaymentRecorded)?;
        self.fix_penalties(date);

        match prepayment {
            None => {
                let excess = self.allocate(index, amount, date, None);
                self.finish_payment(index, date, excess)
            }
            Some(Prepayment::Settle) => prepayment::settle(self, index, date, amount),
            Some(rule) => prepayment::reduce(self, index, date, amount, rule),
        }
    }
}

/// Refuses a zero or negative amount.
fn require_positive(amount: Money) -> Result<(), DomainError> {
    if amount.is_positive() {
        Ok(())
    } else {
        Err(DomainError::NotPositive)
    }
}
