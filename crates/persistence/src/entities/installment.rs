//! The contract schedule fixed at disbursement.

use sea_orm::entity::prelude::*;

/// A row of `installments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "installments")]
pub struct Model {
    /// The loan.
    #[sea_orm(primary_key, auto_increment = false)]
    pub loan_id: Uuid,
    /// 1-based installment number.
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: i32,
    /// Due date.
    pub due_date: TimeDate,
    /// Principal part in fen.
    pub principal_fen: i64,
    /// Interest part in fen.
    pub interest_fen: i64,
    /// Payment in fen.
    pub payment_fen: i64,
    /// Balance after, in fen.
    pub balance_after_fen: i64,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
