//! A named setting (business date, approval threshold, …) as text.

use sea_orm::entity::prelude::*;

/// A row of `settings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "settings")]
pub struct Model {
    /// The setting's name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Its value as text.
    pub value: String,
    /// When it last changed.
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
