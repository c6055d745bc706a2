//! Review actions on an application: approvals, returns, rejections.

use sea_orm::entity::prelude::*;

/// A row of `approvals`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "approvals")]
pub struct Model {
    /// Identifier.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The application reviewed.
    pub application_id: Uuid,
    /// `approved`, `returned`, `rejected`, `submitted`, `withdrawn`, …
    pub action: String,
    /// Who acted.
    pub actor_id: Uuid,
    /// True when the actor acted with the manager role.
    pub as_manager: bool,
    /// The reviewer's comment.
    pub comment: String,
    /// When.
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No navigable relations are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
