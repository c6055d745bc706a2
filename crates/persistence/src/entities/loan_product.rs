//! Loan products: ranges and rules applications and loans are made with.

use sea_orm::entity::prelude::*;

/// A row of `loan_products`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_products")]
pub struct Model {
    /// Short code, the API identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Allowed repayment methods, comma-separated API names.
    pub repayment_methods: String,
    /// Smallest amount in fen.
    pub min_amount_fen: i64,
    /// Largest amount in fen.
    pub max_amount_fen: i64,
    /// Shortest term.
    pub min_term_months: i32,
    /// Longest term.
    pub max_term_months: i32,
    /// Lowest annual rate, ten-thousandths of a percent.
    pub min_rate_e4: i64,
    /// Highest annual rate, ten-thousandths of a percent.
    pub max_rate_e4: i64,
    /// Grace days after a due date.
    pub grace_days: i32,
    /// Penalty multiplier in ten-thousandths (15000 = 1.5).
    pub penalty_multiplier_e4: i64,
    /// Penalty also on unpaid interest.
    pub penalty_on_interest: bool,
    /// Manager needed above this, in fen.
    pub approval_threshold_fen: i64,
    /// Reminder days before a due date.
    pub reminder_days_before: i32,
    /// Dunning days after a due date, comma-separated.
    pub dunning_days: String,
    /// Required document types, comma-separated.
    pub required_document_types: String,
    /// Open for new applications.
    pub active: bool,
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
