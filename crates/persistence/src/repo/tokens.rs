//! Refresh tokens, kept only as SHA-256 hashes.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::PersistenceError;
use crate::entities::refresh_token;

/// Stores the hash of a newly issued refresh token.
pub async fn insert(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    token_hash: &str,
    expires_at: OffsetDateTime,
) -> Result<(), PersistenceError> {
    let row = refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        created_at: Set(OffsetDateTime::now_utc()),
    };
    row.insert(db).await?;
    Ok(())
}

/// Revokes the token with this hash if it is live, returning its user.
/// A token can be used once: refreshing revokes it and issues a new one.
pub async fn take_live(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<Uuid>, PersistenceError> {
    let live = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .filter(refresh_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?;
    let Some(token) = live else {
        return Ok(None);
    };
    let revoked = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(token.id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok((revoked.rows_affected == 1).then_some(token.user_id))
}

/// Revokes every live refresh token of a user (logout everywhere).
pub async fn revoke_all(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), PersistenceError> {
    refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::RevokedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
