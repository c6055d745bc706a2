//! Named settings stored as text.

use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, sea_query::OnConflict};
use time::OffsetDateTime;

use crate::PersistenceError;
use crate::entities::setting;

/// The value of a setting, if it was ever set.
pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>, PersistenceError> {
    let row = setting::Entity::find_by_id(key.to_owned()).one(db).await?;
    Ok(row.map(|row| row.value))
}

/// Removes a setting, so its default applies again.
pub async fn delete(db: &impl ConnectionTrait, key: &str) -> Result<(), PersistenceError> {
    setting::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}

/// Sets a setting, creating or replacing it.
pub async fn put(
    db: &impl ConnectionTrait,
    key: &str,
    value: &str,
) -> Result<(), PersistenceError> {
    let row = setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(OffsetDateTime::now_utc()),
    };
    let upsert = OnConflict::column(setting::Column::Key)
        .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
        .to_owned();
    setting::Entity::insert(row)
        .on_conflict(upsert)
        .exec(db)
        .await?;
    Ok(())
}
