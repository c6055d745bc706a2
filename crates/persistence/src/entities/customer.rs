//! Borrowing customers (客户).

use sea_orm::entity::prelude::*;

/// A row of `customers`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    /// Identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Registered name.
    pub name: String,
    /// Unified social credit code, 18 characters.
    pub credit_code: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub phone: String,
    /// Contact email.
    pub email: String,
    /// Registered address.
    pub address: String,
    /// Credit limit in fen.
    pub credit_limit_fen: i64,
    /// The sales user who manages the customer.
    pub account_manager_id: Option<Uuid>,
    /// Identifier in an outside system.
    pub external_id: Option<String>,
    /// Who created it.
    pub created_by: Uuid,
    /// Creation time.
    pub created_at: TimeDateTimeWithTimeZone,
    /// Last change.
    pub updated_at: TimeDateTimeWithTimeZone,
    /// Optimistic-lock version, the ETag.
    pub version: i32,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
