//! Refresh tokens, stored as hashes so a leaked table grants nothing.

use sea_orm::entity::prelude::*;

/// A row of `refresh_tokens`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "refresh_tokens")]
pub struct Model {
    /// Identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Whose token it is.
    pub user_id: Uuid,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// When it stops working.
    pub expires_at: TimeDateTimeWithTimeZone,
    /// Set on logout, rotation or revocation.
    pub revoked_at: Option<TimeDateTimeWithTimeZone>,
    /// Issue time.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
