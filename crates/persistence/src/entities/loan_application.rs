//! Loan applications (借款申请) with applied and approved terms.

use sea_orm::entity::prelude::*;

/// A row of `loan_applications`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_applications")]
pub struct Model {
    /// Identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The borrowing customer.
    pub customer_id: Uuid,
    /// Lifecycle status, lower snake case.
    pub status: String,
    /// The loan product.
    pub product_id: String,
    /// Applied amount in fen.
    pub amount_fen: i64,
    /// Applied term.
    pub term_months: i32,
    /// Applied repayment method.
    pub repayment_method: String,
    /// Applied rate, ten-thousandths of a percent.
    pub annual_rate_e4: i64,
    /// What the money is for.
    pub purpose: String,
    /// Where repayment comes from.
    pub repayment_source: String,
    /// Approved amount in fen.
    pub approved_amount_fen: Option<i64>,
    /// Approved term.
    pub approved_term_months: Option<i32>,
    /// Approved method.
    pub approved_repayment_method: Option<String>,
    /// Approved rate.
    pub approved_annual_rate_e4: Option<i64>,
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
