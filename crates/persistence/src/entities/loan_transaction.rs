//! Immutable money facts on a loan: repayments, waivers, write-offs, refunds.

use sea_orm::entity::prelude::*;

/// A row of `loan_transactions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_transactions")]
pub struct Model {
    /// Identifier (time-ordered UUID, so it also orders recording).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The loan.
    pub loan_id: Uuid,
    /// `repayment`, `penalty_waiver`, `write_off`, `refund`.
    pub kind: String,
    /// Amount in fen.
    pub amount_fen: i64,
    /// The value date.
    pub value_date: TimeDate,
    /// `reduce_term`, `reduce_installment` or `settle` for a prepayment.
    pub prepayment: Option<String>,
    /// How the money came: `bank_transfer`, `cash`, …
    pub method: String,
    /// The payer's or bank's reference.
    pub reference: String,
    /// The client's idempotency key, unique per loan.
    pub idempotency_key: Option<String>,
    /// Who recorded it.
    pub recorded_by: Uuid,
    /// When it was recorded.
    pub recorded_at: TimeDateTimeWithTimeZone,
    /// When it was reversed.
    pub reversed_at: Option<TimeDateTimeWithTimeZone>,
    /// Who reversed it.
    pub reversed_by: Option<Uuid>,
    /// Why it was reversed.
    pub reversal_reason: Option<String>,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
