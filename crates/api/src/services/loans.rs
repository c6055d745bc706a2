//! Loans: deriving a loan's position from its transactions, recording and
//! reversing repayments, pay-off quotes.

use loanbook_domain::ledger::{self, LoanPosition, PayoffQuote, Prepayment, TransactionKind};
use loanbook_domain::loan::LoanStatus;
use loanbook_domain::{DomainError, Money};
use loanbook_persistence::ConnectionTrait;
use loanbook_persistence::repo::loans::{
    self, LoanFilter, LoanRecord, NewTransaction, TransactionRecord,
};
use loanbook_persistence::repo::{PageRequest, Scope};
use time::Date;
use tracing::instrument;
use uuid::Uuid;

use crate::error::{ApiError, FieldError};
use crate::http::{Actor, Permission};
use crate::state::AppState;

/// A loan with everything the ledger needs and what it derived.
#[derive(Debug)]
pub struct LoadedLoan {
    /// The stored loan.
    pub loan: LoanRecord,
    /// All its transactions, reversed ones included.
    pub transactions: Vec<TransactionRecord>,
    /// The position as of the requested date.
    pub position: LoanPosition,
}

impl LoadedLoan {
    /// The allocation of one of the loan's transactions.
    pub fn allocation_of(&self, id: Uuid) -> ledger::Allocation {
        let live = self.transactions.iter().filter(|t| t.reversed_at.is_none());
        live.zip(&self.position.allocations)
            .find(|(t, _)| t.id == id)
            .map(|(_, a)| *a)
            .unwrap_or_else(zero_allocation)
    }
}

/// An allocation of nothing (a reversed or future-dated transaction).
pub fn zero_allocation() -> ledger::Allocation {
    ledger::Allocation {
        penalty: Money::ZERO,
        interest: Money::ZERO,
        principal: Money::ZERO,
        excess: Money::ZERO,
    }
}

/// Replays a loan's live transactions up to `as_of`.
pub fn derive(
    loan: &LoanRecord,
    schedule: Vec<loanbook_domain::Installment>,
    transactions: &[TransactionRecord],
    as_of: Date,
) -> Result<LoanPosition, DomainError> {
    let live: Vec<_> = transactions
        .iter()
        .filter(|t| t.reversed_at.is_none())
        .map(TransactionRecord::as_domain)
        .collect();
    ledger::derive(&loan.contract(schedule), &live, as_of)
}

/// Loads a loan the actor may see and derives it as of `as_of`.
pub async fn load(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: Uuid,
    as_of: Date,
) -> Result<LoadedLoan, ApiError> {
    let loan = loans::find(db, scope, id).await?;
    let mut loaded = load_many(db, vec![loan], as_of).await?;
    loaded.pop().ok_or(ApiError::NotFound)
}

/// Derives a page of loans as of `as_of` with two queries for all of them
/// (schedules and transactions) instead of three per loan.
pub async fn load_many(
    db: &impl ConnectionTrait,
    page: Vec<LoanRecord>,
    as_of: Date,
) -> Result<Vec<LoadedLoan>, ApiError> {
    let ids: Vec<Uuid> = page.iter().map(|loan| loan.id).collect();
    let mut schedules = loans::schedules_of(db, &ids).await?;
    let mut histories = loans::transactions_of(db, &ids).await?;
    page.into_iter()
        .map(|loan| {
            let schedule = schedules.remove(&loan.id).unwrap_or_default();
            let transactions = histories.remove(&loan.id).unwrap_or_default();
            let date = as_of.max(loan.terms.disbursement_date);
            let position = derive(&loan, schedule, &transactions, date).map_err(|e| {
                ApiError::Internal(anyhow::anyhow!("loan {} does not replay: {e}", loan.id))
            })?;
            Ok(LoadedLoan {
                loan,
                transactions,
                position,
            })
        })
        .collect()
}

/// Value dates may not be after the business date; earlier ones need the
/// `backdate` permission.
pub fn check_value_date(
    actor: &Actor,
    field: &str,
    date: Date,
    today: Date,
) -> Result<(), ApiError> {
    if date > today {
        return Err(ApiError::field(
            field,
            format!("the value date may not be after the business date {today}"),
            format!("起息日不能晚于营业日 {today}"),
        ));
    }
    if date < today && !actor.can(Permission::Backdate) {
        return Err(ApiError::field(
            field,
            "a value date before the business date needs the backdate permission",
            "早于营业日的起息日需要补录权限",
        ));
    }
    Ok(())
}

/// A repayment to record.
#[derive(Debug, Clone)]
pub struct RepaymentInput {
    /// Amount.
    pub amount: Money,
    /// Value date.
    pub paid_on: Date,
    /// How the money came.
    pub method: String,
    /// Reference.
    pub reference: String,
    /// Prepayment option.
    pub prepayment: Option<Prepayment>,
    /// The client's idempotency key.
    pub idempotency_key: Option<String>,
}

/// Records a repayment in one transaction: the loan is locked, the ledger
/// replays every transaction with the new one, and the derived status is
/// stored. A repeat with the same idempotency key returns the first one.
#[instrument(skip_all, fields(loan_id = %loan_id))]
pub async fn record_repayment(
    state: &AppState,
    actor: &Actor,
    loan_id: Uuid,
    input: RepaymentInput,
) -> Result<(Uuid, LoadedLoan), ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    loans::find(&txn, actor.scope(), loan_id).await?;
    loans::lock(&txn, loan_id).await?;
    if let Some(key) = input.idempotency_key.as_deref()
        && let Some(existing) = loans::find_by_idempotency_key(&txn, loan_id, key).await?
    {
        check_same_request(&existing, &input)?;
        let today = state.business_date(&txn).await?;
        let loaded = load(&txn, Scope::All, loan_id, today).await?;
        return Ok((existing.id, loaded));
    }
    let today = state.business_date(&txn).await?;
    check_value_date(actor, "paid_on", input.paid_on, today)?;
    refuse_when_settled(&txn, loan_id).await?;

    let new = NewTransaction {
        loan_id,
        kind: TransactionKind::Repayment {
            amount: input.amount,
            prepayment: input.prepayment,
        },
        value_date: input.paid_on,
        method: input.method,
        reference: input.reference,
        idempotency_key: input.idempotency_key,
        recorded_by: actor.user_id,
    };
    let recorded = loans::insert_transaction(&txn, new).await?;
    let loaded = replay_and_store(&txn, loan_id, today)
        .await
        .map_err(refusal("amount"))?;
    txn.commit().await?;
    Ok((recorded.id, loaded))
}

/// A repeated idempotency key must come with the same request.
fn check_same_request(
    existing: &TransactionRecord,
    input: &RepaymentInput,
) -> Result<(), ApiError> {
    let same = existing.reversed_at.is_none()
        && existing.kind
            == (TransactionKind::Repayment {
                amount: input.amount,
                prepayment: input.prepayment,
            })
        && existing.value_date == input.paid_on
        && existing.method == input.method
        && existing.reference == input.reference;
    if same {
        return Ok(());
    }
    Err(ApiError::field(
        "Idempotency-Key",
        "this Idempotency-Key was used for a different request",
        "该 Idempotency-Key 已用于另一笔不同的请求",
    ))
}

/// A loan that is closed or holds a credit balance takes no further
/// repayments, whatever their value date: money for it is refunded, not
/// booked, so that a late-arriving statement cannot silently reopen it.
async fn refuse_when_settled(db: &impl ConnectionTrait, loan_id: Uuid) -> Result<(), ApiError> {
    let loan = loans::find(db, Scope::All, loan_id).await?;
    match loan.status {
        LoanStatus::Closed | LoanStatus::Overpaid => Err(ApiError::conflict(
            format!(
                "the loan is {}; it takes no further repayments",
                loan.status.as_str()
            ),
            format!("借款状态为 {}，不再接受还款", loan.status.as_str()),
        )),
        LoanStatus::Active | LoanStatus::WrittenOff => Ok(()),
    }
}

/// Reverses a repayment: it is marked reversed and the loan is re-derived
/// as if it never happened, every later transaction replayed.
#[instrument(skip_all, fields(loan_id = %loan_id, repayment_id = %repayment_id))]
pub async fn reverse_repayment(
    state: &AppState,
    actor: &Actor,
    loan_id: Uuid,
    repayment_id: Uuid,
    reason: &str,
) -> Result<LoadedLoan, ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    loans::find(&txn, actor.scope(), loan_id).await?;
    loans::lock(&txn, loan_id).await?;
    let transactions = loans::transactions(&txn, loan_id).await?;
    let target = transactions
        .iter()
        .find(|t| t.id == repayment_id && matches!(t.kind, TransactionKind::Repayment { .. }))
        .ok_or(ApiError::NotFound)?;
    if target.reversed_at.is_some() {
        return Err(ApiError::conflict(
            "the repayment is already reversed",
            "该还款已冲正",
        ));
    }
    loans::mark_reversed(&txn, repayment_id, actor.user_id, reason).await?;
    let today = state.business_date(&txn).await?;
    let loaded = replay_and_store(&txn, loan_id, today)
        .await
        .map_err(refusal("repayment_id"))?;
    txn.commit().await?;
    Ok(loaded)
}

/// Errors of a replay: a broken transaction rule is the caller's 422, an
/// illegal transition a 409.
fn refusal(field: &'static str) -> impl Fn(ReplayError) -> ApiError {
    move |error| match error {
        ReplayError::Api(api) => api,
        ReplayError::Domain(DomainError::IllegalTransition { state, event }) => {
            ApiError::Rule(DomainError::IllegalTransition { state, event })
        }
        ReplayError::Domain(other) => ApiError::Validation(vec![FieldError::domain(field, &other)]),
    }
}

/// Why a replay failed.
pub enum ReplayError {
    /// Storage or another API error.
    Api(ApiError),
    /// The ledger refused the transactions.
    Domain(DomainError),
}

impl From<ApiError> for ReplayError {
    fn from(error: ApiError) -> Self {
        ReplayError::Api(error)
    }
}

async fn replay_and_store(
    db: &impl ConnectionTrait,
    loan_id: Uuid,
    today: Date,
) -> Result<LoadedLoan, ReplayError> {
    let loan = loans::find(db, Scope::All, loan_id)
        .await
        .map_err(ApiError::from)?;
    let schedule = loans::schedule(db, loan_id).await.map_err(ApiError::from)?;
    let transactions = loans::transactions(db, loan_id)
        .await
        .map_err(ApiError::from)?;
    let latest = transactions
        .iter()
        .map(|t| t.value_date)
        .max()
        .unwrap_or(today);
    let as_of = today.max(latest).max(loan.terms.disbursement_date);
    let position = derive(&loan, schedule, &transactions, as_of).map_err(ReplayError::Domain)?;
    if position.status != loan.status {
        loans::set_status(db, &loan, position.status)
            .await
            .map_err(ApiError::from)?;
    }
    Ok(LoadedLoan {
        loan,
        transactions,
        position,
    })
}

/// What settling the loan on `date` takes.
pub async fn payoff_quote(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    date: Date,
) -> Result<PayoffQuote, ApiError> {
    let loan = loans::find(db, actor.scope(), id).await?;
    if date < loan.terms.disbursement_date {
        return Err(ApiError::field(
            "date",
            "the date is before the disbursement",
            "日期早于放款日",
        ));
    }
    let schedule = loans::schedule(db, id).await?;
    let transactions = loans::transactions(db, id).await?;
    let live: Vec<_> = transactions
        .iter()
        .filter(|t| t.reversed_at.is_none())
        .map(TransactionRecord::as_domain)
        .collect();
    ledger::payoff_quote(&loan.contract(schedule), &live, date)
        .map_err(|e| ApiError::Validation(vec![FieldError::domain("date", &e)]))
}

/// Outstanding principal of a customer's open loans as of a date.
pub async fn customer_exposure(
    db: &impl ConnectionTrait,
    customer_id: Uuid,
    as_of: Date,
) -> Result<Money, ApiError> {
    let filter = LoanFilter {
        customer_id: Some(customer_id),
        status: Some(LoanStatus::Active),
        ..Default::default()
    };
    let mut exposure = Money::ZERO;
    let mut after = None;
    loop {
        let page = loans::list(db, Scope::All, &filter, PageRequest { limit: 200, after }).await?;
        let next = page.next_cursor;
        for loaded in load_many(db, page.items, as_of).await? {
            exposure += loaded.position.outstanding_principal;
        }
        match next {
            Some(cursor) => after = Some(cursor),
            None => return Ok(exposure),
        }
    }
}
