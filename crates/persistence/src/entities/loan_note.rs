//! Loan notes: which stored file is a loan's rendered loan note PDF.

use sea_orm::entity::prelude::*;

/// A row of `loan_notes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "loan_notes")]
pub struct Model {
    /// The loan the note belongs to.
    #[sea_orm(primary_key, auto_increment = false)]
    pub loan_id: Uuid,
    /// The stored file holding the PDF.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// When the PDF was rendered.
    pub rendered_at: TimeDateTimeWithTimeZone,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
