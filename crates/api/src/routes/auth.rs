//! Login, token refresh, logout and the current user.

use actix_web::{HttpResponse, get, post, web};
use loanbook_persistence::repo::{tokens, users};
use time::{Duration, OffsetDateTime};

use crate::auth::passwords;
use crate::auth::tokens::{TokenKeys, hash_refresh_token, new_refresh_token};
use crate::dto::auth::{LoginRequest, MeResponse, RefreshRequest, TokenResponse};
use crate::error::ApiError;
use crate::http::{Actor, Body, Role};
use crate::state::AppState;

/// Registers the auth routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(login)
        .service(refresh)
        .service(logout)
        .service(me);
}

fn actor_of(user: &users::UserRecord) -> Actor {
    Actor {
        user_id: user.id,
        username: user.username.clone(),
        roles: user
            .roles
            .iter()
            .filter_map(|r| r.parse::<Role>().ok())
            .collect(),
        customer_id: user.customer_id,
    }
}

async fn issue(
    state: &AppState,
    keys: &TokenKeys,
    user: &users::UserRecord,
) -> Result<TokenResponse, ApiError> {
    let refresh_token = new_refresh_token();
    let expires = OffsetDateTime::now_utc() + Duration::seconds(keys.refresh_seconds);
    tokens::insert(
        &state.db,
        user.id,
        &hash_refresh_token(&refresh_token),
        expires,
    )
    .await?;
    Ok(TokenResponse {
        access_token: keys.issue(&actor_of(user))?,
        token_type: "Bearer".into(),
        expires_in: keys.access_seconds,
        refresh_token,
    })
}

/// Exchanges a username and password for tokens.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", security(()),
    description = "Roles: anyone. Returns a short-lived access token and a single-use refresh token.",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse, description = "Logged in"),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json", description = "Wrong username or password"),
        (status = 400, body = crate::error::Problem, content_type = "application/problem+json", description = "Malformed JSON"),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json", description = "Missing field")))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    keys: web::Data<TokenKeys>,
    Body(request): Body<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let user = users::find_by_username(&state.db, &request.username.to_ascii_lowercase()).await?;
    let verified = user
        .filter(|u| u.active)
        .filter(|u| passwords::verify(&request.password, &u.password_hash));
    let Some(user) = verified else {
        return Err(ApiError::Unauthorized("wrong username or password"));
    };
    Ok(HttpResponse::Ok().json(issue(&state, &keys, &user).await?))
}

/// Exchanges a refresh token for new tokens; the old one stops working.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", security(()),
    description = "Roles: anyone holding a live refresh token.",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenResponse, description = "New tokens"),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json", description = "Unknown, used, revoked or expired refresh token"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json", description = "Missing field")))]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    keys: web::Data<TokenKeys>,
    Body(request): Body<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let hash = hash_refresh_token(&request.refresh_token);
    let user_id = tokens::take_live(&txn, &hash, OffsetDateTime::now_utc())
        .await?
        .ok_or(ApiError::Unauthorized("the refresh token is not valid"))?;
    let user = users::find(&txn, user_id).await?;
    txn.commit().await?;
    if !user.active {
        return Err(ApiError::Unauthorized("the user is disabled"));
    }
    Ok(HttpResponse::Ok().json(issue(&state, &keys, &user).await?))
}

/// Revokes every refresh token of the caller.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    description = "Roles: any authenticated user. Access tokens already issued expire on their own.",
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json", description = "No valid token")))]
#[post("/auth/logout")]
pub async fn logout(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, ApiError> {
    tokens::revoke_all(&state.db, actor.user_id).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The caller's identity and roles.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    description = "Roles: any authenticated user.",
    responses(
        (status = 200, body = MeResponse, description = "The caller"),
        (status = 401, body = crate::error::Problem, content_type = "application/problem+json", description = "No valid token")))]
#[get("/me")]
pub async fn me(actor: Actor) -> HttpResponse {
    HttpResponse::Ok().json(MeResponse {
        id: actor.user_id.to_string(),
        username: actor.username,
        roles: actor.roles.iter().map(|r| r.as_str().to_owned()).collect(),
        customer_id: actor.customer_id.map(|id| id.to_string()),
    })
}
