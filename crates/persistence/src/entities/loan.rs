//! Disbursed loans (借款) with the contract copy they were made with.

use sea_orm::entity::prelude::*;

/// A row of `loans`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loans")]
pub struct Model {
    /// Identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Human-facing loan number.
    pub loan_number: String,
    /// The loan note's number.
    pub note_number: String,
    /// The approved application.
    pub application_id: Uuid,
    /// The borrower.
    pub customer_id: Uuid,
    /// Status as last derived.
    pub status: String,
    /// Principal in fen.
    pub principal_fen: i64,
    /// Contract rate.
    pub annual_rate_e4: i64,
    /// Penalty rate, already multiplied and capped.
    pub penalty_rate_e4: i64,
    /// Whether penalty is also charged on unpaid interest.
    pub penalty_on_interest: bool,
    /// Days after a due date before an installment is overdue.
    pub grace_days: i32,
    /// Repayment method.
    pub repayment_method: String,
    /// Term in months.
    pub term_months: i32,
    /// Value date of the disbursement.
    pub disbursement_date: TimeDate,
    /// First due date when it differs from the regular one.
    pub first_due_date: Option<TimeDate>,
    /// Contract maturity.
    pub maturity_date: TimeDate,
    /// The bank's reference for the transfer.
    pub bank_reference: String,
    /// The cashier who disbursed.
    pub disbursed_by: Uuid,
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
