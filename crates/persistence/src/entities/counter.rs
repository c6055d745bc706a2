//! Named sequences for loan and note numbers.

use sea_orm::entity::prelude::*;

/// A row of `counters`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "counters")]
pub struct Model {
    /// The sequence's name, e.g. `loan_number:2026`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The last value handed out.
    pub value: i64,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
