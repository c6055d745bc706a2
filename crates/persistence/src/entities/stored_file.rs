//! Stored files: each distinct file's bytes once, named by SHA-256.

use sea_orm::entity::prelude::*;

/// A row of `stored_files`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stored_files")]
pub struct Model {
    /// Lower-case hex SHA-256 of the bytes, also the object's key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// The content type detected when it was first stored.
    pub content_type: String,
    /// When it was first stored.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
