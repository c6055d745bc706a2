//! Users and their roles.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Page, PageRequest, into_page};
use crate::PersistenceError;
use crate::entities::user;

/// A stored user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    /// Identifier.
    pub id: Uuid,
    /// Login name.
    pub username: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Name shown to people.
    pub display_name: String,
    /// Role names.
    pub roles: Vec<String>,
    /// The customer of a `customer` user.
    pub customer_id: Option<Uuid>,
    /// False once disabled.
    pub active: bool,
    /// Creation time.
    pub created_at: OffsetDateTime,
}

/// What a new user is made from.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Name shown to people.
    pub display_name: String,
    /// Role names.
    pub roles: Vec<String>,
    /// The customer of a `customer` user.
    pub customer_id: Option<Uuid>,
}

/// Changes to a user; `None` keeps the stored value.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    /// New display name.
    pub display_name: Option<String>,
    /// New roles.
    pub roles: Option<Vec<String>>,
    /// New password hash.
    pub password_hash: Option<String>,
    /// Enable or disable.
    pub active: Option<bool>,
}

fn record(row: user::Model) -> UserRecord {
    let roles = row
        .roles
        .split(',')
        .filter(|role| !role.is_empty())
        .map(str::to_owned)
        .collect();
    UserRecord {
        id: row.id,
        username: row.username,
        password_hash: row.password_hash,
        display_name: row.display_name,
        roles,
        customer_id: row.customer_id,
        active: row.active,
        created_at: row.created_at,
    }
}

/// Stores a new user.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewUser,
) -> Result<UserRecord, PersistenceError> {
    let now = OffsetDateTime::now_utc();
    let row = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        username: Set(new.username),
        password_hash: Set(new.password_hash),
        display_name: Set(new.display_name),
        roles: Set(new.roles.join(",")),
        customer_id: Set(new.customer_id),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(record(row.insert(db).await?))
}

/// The user with this id.
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<UserRecord, PersistenceError> {
    let row = user::Entity::find_by_id(id).one(db).await?;
    row.map(record).ok_or(PersistenceError::NotFound)
}

/// The user with this login name, if any.
pub async fn find_by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<UserRecord>, PersistenceError> {
    let row = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await?;
    Ok(row.map(record))
}

/// How many users exist.
pub async fn count(db: &impl ConnectionTrait) -> Result<u64, PersistenceError> {
    Ok(user::Entity::find().count(db).await?)
}

/// A page of users in creation order.
pub async fn list(
    db: &impl ConnectionTrait,
    page: PageRequest,
) -> Result<Page<UserRecord>, PersistenceError> {
    let mut query = user::Entity::find().order_by_asc(user::Column::Id);
    if let Some(after) = page.after {
        query = query.filter(user::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let items = rows.into_iter().map(record).collect();
    Ok(into_page(items, page.limit, |user| user.id))
}

/// Applies changes to a user.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    changes: UserChanges,
) -> Result<UserRecord, PersistenceError> {
    let row = user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(PersistenceError::NotFound)?;
    let mut active: user::ActiveModel = row.into();
    if let Some(name) = changes.display_name {
        active.display_name = Set(name);
    }
    if let Some(roles) = changes.roles {
        active.roles = Set(roles.join(","));
    }
    if let Some(hash) = changes.password_hash {
        active.password_hash = Set(hash);
    }
    if let Some(flag) = changes.active {
        active.active = Set(flag);
    }
    active.updated_at = Set(OffsetDateTime::now_utc());
    Ok(record(active.update(db).await?))
}
