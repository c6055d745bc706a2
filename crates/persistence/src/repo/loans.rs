//! Loans, their fixed schedules and their transactions.

use loanbook_domain::ledger::{
    LoanContract, LoanRules, LoanTransaction, Prepayment, TransactionKind,
};
use loanbook_domain::loan::LoanStatus;
use loanbook_domain::{AnnualRate, Installment, Money, ScheduleTerms};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
    sea_query::{Expr, ExprTrait},
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{
    Page, PageRequest, Scope, customer_condition, into_page, money_of, parse, rate_of, term_of,
    term_to_db,
};
use crate::PersistenceError;
use crate::entities::{installment, loan, loan_transaction};

/// A stored loan with the contract it was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanRecord {
    /// Identifier.
    pub id: Uuid,
    /// Loan number.
    pub loan_number: String,
    /// Loan note number.
    pub note_number: String,
    /// The approved application.
    pub application_id: Uuid,
    /// The borrower.
    pub customer_id: Uuid,
    /// Status as last derived.
    pub status: LoanStatus,
    /// The schedule's inputs.
    pub terms: ScheduleTerms,
    /// Penalty rate, already multiplied and capped.
    pub penalty_rate: AnnualRate,
    /// Whether penalty is charged on unpaid interest too.
    pub penalty_on_interest: bool,
    /// Grace days after a due date.
    pub grace_days: u32,
    /// Contract maturity.
    pub maturity_date: Date,
    /// The bank's reference.
    pub bank_reference: String,
    /// The cashier who disbursed.
    pub disbursed_by: Uuid,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Version, the ETag.
    pub version: i32,
}

impl LoanRecord {
    /// The contract the ledger replays transactions against.
    pub fn contract(&self, schedule: Vec<Installment>) -> LoanContract {
        let mut rules = LoanRules::standard(self.penalty_rate);
        rules.penalty_on_interest = self.penalty_on_interest;
        rules.grace_days = self.grace_days;
        LoanContract {
            terms: self.terms,
            schedule,
            rules,
        }
    }
}

/// A loan about to be booked.
#[derive(Debug, Clone)]
pub struct NewLoan {
    /// Loan number.
    pub loan_number: String,
    /// Loan note number.
    pub note_number: String,
    /// The approved application.
    pub application_id: Uuid,
    /// The borrower.
    pub customer_id: Uuid,
    /// The schedule's inputs.
    pub terms: ScheduleTerms,
    /// Penalty rate.
    pub penalty_rate: AnnualRate,
    /// The product's rule: penalty on unpaid interest too.
    pub penalty_on_interest: bool,
    /// The product's grace days.
    pub grace_days: u32,
    /// The fixed schedule.
    pub schedule: Vec<Installment>,
    /// The bank's reference.
    pub bank_reference: String,
    /// The cashier.
    pub disbursed_by: Uuid,
}

/// A stored loan transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionRecord {
    /// Identifier.
    pub id: Uuid,
    /// The loan.
    pub loan_id: Uuid,
    /// What happened.
    pub kind: TransactionKind,
    /// The value date.
    pub value_date: Date,
    /// How the money came.
    pub method: String,
    /// The payer's or bank's reference.
    pub reference: String,
    /// The client's idempotency key.
    pub idempotency_key: Option<String>,
    /// Who recorded it.
    pub recorded_by: Uuid,
    /// When.
    pub recorded_at: OffsetDateTime,
    /// When reversed, if it was.
    pub reversed_at: Option<OffsetDateTime>,
    /// Why reversed.
    pub reversal_reason: Option<String>,
}

impl TransactionRecord {
    /// The fact the ledger replays.
    pub fn as_domain(&self) -> LoanTransaction {
        LoanTransaction {
            value_date: self.value_date,
            kind: self.kind,
        }
    }

    /// The amount moved (zero for a write-off).
    pub fn amount(&self) -> Money {
        match self.kind {
            TransactionKind::Repayment { amount, .. }
            | TransactionKind::PenaltyWaiver { amount }
            | TransactionKind::Refund { amount } => amount,
            TransactionKind::WriteOff => Money::ZERO,
        }
    }
}

/// A transaction about to be recorded.
#[derive(Debug, Clone)]
pub struct NewTransaction {
    /// The loan.
    pub loan_id: Uuid,
    /// What happened.
    pub kind: TransactionKind,
    /// The value date.
    pub value_date: Date,
    /// How the money came.
    pub method: String,
    /// The payer's or bank's reference.
    pub reference: String,
    /// The client's idempotency key.
    pub idempotency_key: Option<String>,
    /// Who records it.
    pub recorded_by: Uuid,
}

fn record(row: loan::Model) -> Result<LoanRecord, PersistenceError> {
    let terms = ScheduleTerms {
        principal: money_of(row.principal_fen),
        annual_rate: rate_of(row.annual_rate_e4),
        term: term_of(row.term_months)?,
        method: parse("repayment_method", &row.repayment_method)?,
        disbursement_date: row.disbursement_date,
        first_due_date: row.first_due_date,
    };
    Ok(LoanRecord {
        id: row.id,
        loan_number: row.loan_number,
        note_number: row.note_number,
        application_id: row.application_id,
        customer_id: row.customer_id,
        status: parse("status", &row.status)?,
        terms,
        penalty_rate: rate_of(row.penalty_rate_e4),
        penalty_on_interest: row.penalty_on_interest,
        grace_days: u32::try_from(row.grace_days).unwrap_or(0),
        maturity_date: row.maturity_date,
        bank_reference: row.bank_reference,
        disbursed_by: row.disbursed_by,
        created_at: row.created_at,
        version: row.version,
    })
}

/// Books a loan and its schedule.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewLoan,
) -> Result<LoanRecord, PersistenceError> {
    let now = OffsetDateTime::now_utc();
    let maturity = new
        .schedule
        .last()
        .map_or(new.terms.disbursement_date, |i| i.due_date);
    let row = loan::ActiveModel {
        id: Set(Uuid::now_v7()),
        loan_number: Set(new.loan_number),
        note_number: Set(new.note_number),
        application_id: Set(new.application_id),
        customer_id: Set(new.customer_id),
        status: Set(LoanStatus::Active.as_str().to_owned()),
        principal_fen: Set(new.terms.principal.fen()),
        annual_rate_e4: Set(new.terms.annual_rate.ten_thousandths()),
        penalty_rate_e4: Set(new.penalty_rate.ten_thousandths()),
        penalty_on_interest: Set(new.penalty_on_interest),
        grace_days: Set(i32::try_from(new.grace_days).unwrap_or(i32::MAX)),
        repayment_method: Set(new.terms.method.as_str().to_owned()),
        term_months: Set(term_to_db(new.terms.term)),
        disbursement_date: Set(new.terms.disbursement_date),
        first_due_date: Set(new.terms.first_due_date),
        maturity_date: Set(maturity),
        bank_reference: Set(new.bank_reference),
        disbursed_by: Set(new.disbursed_by),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    let loan = record(row.insert(db).await?)?;
    insert_schedule(db, loan.id, &new.schedule).await?;
    Ok(loan)
}

async fn insert_schedule(
    db: &impl ConnectionTrait,
    loan_id: Uuid,
    schedule: &[Installment],
) -> Result<(), PersistenceError> {
    let rows = schedule.iter().map(|i| installment::ActiveModel {
        loan_id: Set(loan_id),
        number: Set(i32::try_from(i.number).unwrap_or(i32::MAX)),
        due_date: Set(i.due_date),
        principal_fen: Set(i.principal.fen()),
        interest_fen: Set(i.interest.fen()),
        payment_fen: Set(i.payment.fen()),
        balance_after_fen: Set(i.balance_after.fen()),
    });
    // Chunks keep each INSERT under SQLite's bound-parameter limit.
    let rows: Vec<_> = rows.collect();
    for chunk in rows.chunks(100) {
        installment::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

fn scoped(scope: Scope) -> Select<loan::Entity> {
    loan::Entity::find().filter(customer_condition(scope, loan::Column::CustomerId))
}

/// The loan with this id, if the scope lets the reader see it.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: Uuid,
) -> Result<LoanRecord, PersistenceError> {
    let row = scoped(scope)
        .filter(loan::Column::Id.eq(id))
        .one(db)
        .await?;
    record(row.ok_or(PersistenceError::NotFound)?)
}

/// Filters for listing loans.
#[derive(Debug, Clone, Default)]
pub struct LoanFilter {
    /// Only this customer's.
    pub customer_id: Option<Uuid>,
    /// Only in this status.
    pub status: Option<LoanStatus>,
    /// Only loans disbursed on or before this date.
    pub disbursed_on_or_before: Option<Date>,
}

/// A page of loans the scope lets the reader see.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    filter: &LoanFilter,
    page: PageRequest,
) -> Result<Page<LoanRecord>, PersistenceError> {
    let mut query = scoped(scope).order_by_asc(loan::Column::Id);
    if let Some(customer) = filter.customer_id {
        query = query.filter(loan::Column::CustomerId.eq(customer));
    }
    if let Some(status) = filter.status {
        query = query.filter(loan::Column::Status.eq(status.as_str()));
    }
    if let Some(date) = filter.disbursed_on_or_before {
        query = query.filter(loan::Column::DisbursementDate.lte(date));
    }
    if let Some(after) = page.after {
        query = query.filter(loan::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let items = rows
        .into_iter()
        .map(record)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(into_page(items, page.limit, |l| l.id))
}

/// The fixed schedule of a loan.
pub async fn schedule(
    db: &impl ConnectionTrait,
    loan_id: Uuid,
) -> Result<Vec<Installment>, PersistenceError> {
    let rows = installment::Entity::find()
        .filter(installment::Column::LoanId.eq(loan_id))
        .order_by_asc(installment::Column::Number)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(installment_of).collect())
}

fn installment_of(row: installment::Model) -> Installment {
    Installment {
        number: u32::try_from(row.number).unwrap_or(0),
        due_date: row.due_date,
        principal: money_of(row.principal_fen),
        interest: money_of(row.interest_fen),
        payment: money_of(row.payment_fen),
        balance_after: money_of(row.balance_after_fen),
    }
}

/// The fixed schedules of several loans in two round trips less than one
/// query per loan: one query for all of them, grouped by loan.
pub async fn schedules_of(
    db: &impl ConnectionTrait,
    loan_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<Installment>>, PersistenceError> {
    let rows = installment::Entity::find()
        .filter(installment::Column::LoanId.is_in(loan_ids.iter().copied()))
        .order_by_asc(installment::Column::LoanId)
        .order_by_asc(installment::Column::Number)
        .all(db)
        .await?;
    let mut grouped: std::collections::HashMap<Uuid, Vec<Installment>> = Default::default();
    for row in rows {
        grouped
            .entry(row.loan_id)
            .or_default()
            .push(installment_of(row));
    }
    Ok(grouped)
}

/// The transactions of several loans in one query, grouped by loan, each in
/// replay order.
pub async fn transactions_of(
    db: &impl ConnectionTrait,
    loan_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<TransactionRecord>>, PersistenceError> {
    let rows = loan_transaction::Entity::find()
        .filter(loan_transaction::Column::LoanId.is_in(loan_ids.iter().copied()))
        .order_by_asc(loan_transaction::Column::ValueDate)
        .order_by_asc(loan_transaction::Column::Id)
        .all(db)
        .await?;
    let mut grouped: std::collections::HashMap<Uuid, Vec<TransactionRecord>> = Default::default();
    for row in rows {
        grouped
            .entry(row.loan_id)
            .or_default()
            .push(transaction(row)?);
    }
    Ok(grouped)
}

/// Stores the status the ledger derived, bumping the version.
pub async fn set_status(
    db: &impl ConnectionTrait,
    loan: &LoanRecord,
    status: LoanStatus,
) -> Result<(), PersistenceError> {
    loan::Entity::update_many()
        .col_expr(loan::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            loan::Column::Version,
            Expr::col(loan::Column::Version).add(1),
        )
        .col_expr(
            loan::Column::UpdatedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .filter(loan::Column::Id.eq(loan.id))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes the loan's row lock (PostgreSQL) so that commands on one loan run
/// one after another; SQLite already serialises writers.
pub async fn lock(db: &impl ConnectionTrait, loan_id: Uuid) -> Result<(), PersistenceError> {
    loan::Entity::update_many()
        .col_expr(
            loan::Column::Version,
            Expr::col(loan::Column::Version).add(1),
        )
        .filter(loan::Column::Id.eq(loan_id))
        .exec(db)
        .await?;
    Ok(())
}

fn kind_of(row: &loan_transaction::Model) -> Result<TransactionKind, PersistenceError> {
    let amount = money_of(row.amount_fen);
    let kind = match row.kind.as_str() {
        "repayment" => {
            let prepayment = match row.prepayment.as_deref() {
                Some(text) => Some(parse::<Prepayment>("prepayment", text)?),
                None => None,
            };
            TransactionKind::Repayment { amount, prepayment }
        }
        "penalty_waiver" => TransactionKind::PenaltyWaiver { amount },
        "write_off" => TransactionKind::WriteOff,
        "refund" => TransactionKind::Refund { amount },
        other => return Err(PersistenceError::corrupt("transaction kind", other)),
    };
    Ok(kind)
}

/// The storage name of a transaction kind.
pub fn kind_name(kind: &TransactionKind) -> &'static str {
    match kind {
        TransactionKind::Repayment { .. } => "repayment",
        TransactionKind::PenaltyWaiver { .. } => "penalty_waiver",
        TransactionKind::WriteOff => "write_off",
        TransactionKind::Refund { .. } => "refund",
    }
}

fn transaction(row: loan_transaction::Model) -> Result<TransactionRecord, PersistenceError> {
    Ok(TransactionRecord {
        kind: kind_of(&row)?,
        id: row.id,
        loan_id: row.loan_id,
        value_date: row.value_date,
        method: row.method,
        reference: row.reference,
        idempotency_key: row.idempotency_key,
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
        reversed_at: row.reversed_at,
        reversal_reason: row.reversal_reason,
    })
}

/// Every transaction of a loan, reversed ones included, in value-date order
/// and then recording order: the order the ledger replays them in.
pub async fn transactions(
    db: &impl ConnectionTrait,
    loan_id: Uuid,
) -> Result<Vec<TransactionRecord>, PersistenceError> {
    let rows = loan_transaction::Entity::find()
        .filter(loan_transaction::Column::LoanId.eq(loan_id))
        .order_by_asc(loan_transaction::Column::ValueDate)
        .order_by_asc(loan_transaction::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(transaction).collect()
}

/// The transaction recorded on this loan under an idempotency key, if any.
pub async fn find_by_idempotency_key(
    db: &impl ConnectionTrait,
    loan_id: Uuid,
    key: &str,
) -> Result<Option<TransactionRecord>, PersistenceError> {
    let row = loan_transaction::Entity::find()
        .filter(loan_transaction::Column::LoanId.eq(loan_id))
        .filter(loan_transaction::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?;
    row.map(transaction).transpose()
}

/// Records a transaction.
pub async fn insert_transaction(
    db: &impl ConnectionTrait,
    new: NewTransaction,
) -> Result<TransactionRecord, PersistenceError> {
    let (amount, prepayment) = match new.kind {
        TransactionKind::Repayment { amount, prepayment } => {
            (amount, prepayment.map(|p| p.as_str().to_owned()))
        }
        TransactionKind::PenaltyWaiver { amount } | TransactionKind::Refund { amount } => {
            (amount, None)
        }
        TransactionKind::WriteOff => (Money::ZERO, None),
    };
    let row = loan_transaction::ActiveModel {
        id: Set(Uuid::now_v7()),
        loan_id: Set(new.loan_id),
        kind: Set(kind_name(&new.kind).to_owned()),
        amount_fen: Set(amount.fen()),
        value_date: Set(new.value_date),
        prepayment: Set(prepayment),
        method: Set(new.method),
        reference: Set(new.reference),
        idempotency_key: Set(new.idempotency_key),
        recorded_by: Set(new.recorded_by),
        recorded_at: Set(OffsetDateTime::now_utc()),
        reversed_at: Set(None),
        reversed_by: Set(None),
        reversal_reason: Set(None),
    };
    transaction(row.insert(db).await?)
}

/// Marks a transaction reversed; it stays stored and is left out of replay.
pub async fn mark_reversed(
    db: &impl ConnectionTrait,
    transaction_id: Uuid,
    reversed_by: Uuid,
    reason: &str,
) -> Result<(), PersistenceError> {
    let result = loan_transaction::Entity::update_many()
        .col_expr(
            loan_transaction::Column::ReversedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .col_expr(
            loan_transaction::Column::ReversedBy,
            Expr::value(reversed_by),
        )
        .col_expr(
            loan_transaction::Column::ReversalReason,
            Expr::value(reason),
        )
        .filter(loan_transaction::Column::Id.eq(transaction_id))
        .filter(loan_transaction::Column::ReversedAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected != 1 {
        return Err(PersistenceError::Conflict(
            "transaction already reversed".into(),
        ));
    }
    Ok(())
}
