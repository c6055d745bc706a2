//! Credit assessments (信用评估) of loan applications.

use sea_orm::entity::prelude::*;

/// A row of `credit_assessments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_assessments")]
pub struct Model {
    /// Identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The application assessed.
    pub application_id: Uuid,
    /// Its customer.
    pub customer_id: Uuid,
    /// The business date the figures are for.
    pub as_of: TimeDate,
    /// Revenue in fen.
    pub revenue_fen: i64,
    /// Net profit in fen, negative for a loss.
    pub net_profit_fen: i64,
    /// Total assets in fen.
    pub total_assets_fen: i64,
    /// Total liabilities in fen.
    pub total_liabilities_fen: i64,
    /// Years in business.
    pub years_in_business: i32,
    /// Who ran the external credit check.
    pub credit_check_source: String,
    /// When it was run.
    pub credit_check_date: TimeDate,
    /// Its rating.
    pub credit_check_rating: String,
    /// Its notes.
    pub credit_check_notes: String,
    /// The reviewer's opinion.
    pub opinion: String,
    /// The amount asked for, in fen.
    pub requested_amount_fen: i64,
    /// The customer's credit limit then, in fen.
    pub credit_limit_fen: i64,
    /// Outstanding principal of active loans then, in fen.
    pub exposure_fen: i64,
    /// Whether the request would exceed the limit.
    pub exceeds_credit_limit: bool,
    /// Loans the customer had.
    pub loans_count: i32,
    /// Late installments.
    pub late_installments: i32,
    /// Worst delay in days.
    pub worst_days_past_due: i32,
    /// Debt ratio in hundredths of a percent.
    pub debt_ratio_e2: Option<i64>,
    /// Net profit margin in hundredths of a percent.
    pub profit_margin_e2: Option<i64>,
    /// Scorecard points.
    pub score: i32,
    /// Grade A–E.
    pub risk_grade: String,
    /// The reasons, a JSON array.
    pub reasons: String,
    /// Who assessed.
    pub assessed_by: Uuid,
    /// When.
    pub assessed_at: TimeDateTimeWithTimeZone,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
