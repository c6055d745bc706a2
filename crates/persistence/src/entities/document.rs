//! Supporting documents attached to a customer, an application or a loan.

use sea_orm::entity::prelude::*;

/// A row of `documents`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    /// Identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `customer`, `application` or `loan`.
    pub owner_kind: String,
    /// The owning record's id.
    pub owner_id: Uuid,
    /// The customer the owner belongs to, for scoping.
    pub customer_id: Uuid,
    /// The declared document type.
    pub document_type: String,
    /// The file name the uploader gave.
    pub file_name: String,
    /// The stored file.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// The detected content type.
    pub content_type: String,
    /// Who uploaded it.
    pub uploaded_by: Uuid,
    /// When.
    pub uploaded_at: TimeDateTimeWithTimeZone,
    /// When it was soft-deleted.
    pub deleted_at: Option<TimeDateTimeWithTimeZone>,
    /// Who deleted it.
    pub deleted_by: Option<Uuid>,
    /// Why.
    pub deletion_reason: Option<String>,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
