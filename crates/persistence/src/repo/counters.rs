//! Gap-free named sequences (loan numbers, note numbers), advanced inside the
//! caller's transaction so a rolled-back command gives its number back.

use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::PersistenceError;
use crate::entities::counter;

/// The next value of the sequence `name`, starting at 1.
pub async fn next(db: &impl ConnectionTrait, name: &str) -> Result<i64, PersistenceError> {
    let seed = counter::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(0),
    };
    let keep = OnConflict::column(counter::Column::Name)
        .do_nothing()
        .to_owned();
    counter::Entity::insert(seed)
        .on_conflict(keep)
        .try_insert()
        .exec(db)
        .await?;

    counter::Entity::update_many()
        .col_expr(
            counter::Column::Value,
            Expr::col(counter::Column::Value).add(1),
        )
        .filter(counter::Column::Name.eq(name))
        .exec(db)
        .await?;

    let row = counter::Entity::find_by_id(name.to_owned()).one(db).await?;
    row.map(|row| row.value).ok_or(PersistenceError::NotFound)
}
