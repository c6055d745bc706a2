//! Users (admin).

use actix_web::{HttpResponse, get, patch, post, web};
use loanbook_persistence::repo::users::{self, UserChanges};

use crate::auth::passwords;
use crate::dto::users::{CreateUserRequest, UpdateUserRequest, UserView};
use crate::error::ApiError;
use crate::http::{Actor, Body, ListQuery, Paged, Permission, page_request};
use crate::services::users as service;
use crate::state::AppState;

/// Registers the user routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(read)
        .service(update);
}

/// Creates a user with roles; a `customer` user must name its customer.
#[utoipa::path(post, path = "/api/v1/users", tag = "users",
    description = "Roles: admin.",
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserView, description = "Created"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/users")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    Body(request): Body<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::UserManage)?;
    let user = service::create(&state.db, &request).await?;
    Ok(HttpResponse::Created().json(UserView::from(&user)))
}

/// Lists users.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    description = "Roles: admin, auditor.",
    params(ListQuery),
    responses(
        (status = 200, body = Paged<UserView>, description = "A page of users"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::UserRead)?;
    let page = users::list(&state.db, page_request(&query)?).await?;
    Ok(HttpResponse::Ok().json(Paged {
        items: page.items.iter().map(UserView::from).collect(),
        next_cursor: page.next_cursor.map(|c| c.to_string()),
    }))
}

/// Reads a user.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users",
    description = "Roles: admin, auditor.",
    params(("id" = uuid::Uuid, Path, description = "User id")),
    responses(
        (status = 200, body = UserView, description = "The user"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/users/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::UserRead)?;
    let user = users::find(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}

/// Changes a user's name, roles, password or active flag.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users",
    description = "Roles: admin.",
    params(("id" = uuid::Uuid, Path, description = "User id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserView, description = "Updated"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[patch("/users/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<uuid::Uuid>,
    Body(request): Body<UpdateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::UserManage)?;
    let roles = match &request.roles {
        Some(names) => Some(service::parse_roles(names)?),
        None => None,
    };
    let password_hash = match &request.password {
        Some(password) => {
            service::check_password(password)?;
            Some(passwords::hash(password)?)
        }
        None => None,
    };
    service::keep_an_admin(&state.db, *id, roles.as_deref(), request.active).await?;
    let display_name = match &request.display_name {
        Some(name) => Some(service::check_display_name(name)?),
        None => None,
    };
    let changes = UserChanges {
        display_name,
        roles: roles.map(|r| r.iter().map(|r| r.as_str().to_owned()).collect()),
        password_hash,
        active: request.active,
    };
    let user = users::update(&state.db, *id, changes).await?;
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}
