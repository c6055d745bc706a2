//! Customers.

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use loanbook_persistence::repo::customers;

use crate::dto::customers::{CreateCustomerRequest, CustomerView, UpdateCustomerRequest};
use crate::error::ApiError;
use crate::http::{
    Actor, Body, ListQuery, Paged, Permission, Role, check_if_match, etag, if_match, page_request,
};
use crate::state::AppState;

/// Registers the customer routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(read)
        .service(update);
}

/// Creates a customer. A sales user becomes its account manager.
#[utoipa::path(post, path = "/api/v1/customers", tag = "customers",
    description = "Roles: admin, sales.",
    request_body = CreateCustomerRequest,
    responses(
        (status = 201, body = CustomerView, description = "Created"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/customers")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    Body(request): Body<CreateCustomerRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::CustomerWrite)?;
    let mut details = request.parse()?;
    if !actor.has(Role::Admin) {
        details.account_manager_id = Some(actor.user_id);
    }
    check_account_manager(&state, details.account_manager_id).await?;
    let customer = customers::insert(&state.db, details, actor.user_id)
        .await
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict { .. } => ApiError::conflict(
                "a customer with this credit code or external id exists",
                "已存在相同统一社会信用代码或外部编号的客户",
            ),
            other => other,
        })?;
    Ok(HttpResponse::Created()
        .insert_header((ETAG, etag(customer.id, customer.version)))
        .json(CustomerView::from(&customer)))
}

/// Lists the customers the caller may see.
#[utoipa::path(get, path = "/api/v1/customers", tag = "customers",
    description = "Roles: every role; sales see the customers they manage, a customer user only its own.",
    params(ListQuery),
    responses(
        (status = 200, body = Paged<CustomerView>, description = "A page of customers"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/customers")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::CustomerRead)?;
    let page = customers::list(&state.db, actor.scope(), page_request(&query)?).await?;
    Ok(HttpResponse::Ok().json(Paged {
        items: page.items.iter().map(CustomerView::from).collect(),
        next_cursor: page.next_cursor.map(|c| c.to_string()),
    }))
}

/// Reads a customer.
#[utoipa::path(get, path = "/api/v1/customers/{id}", tag = "customers",
    description = "Roles: every role, within the caller's scope (404 outside it).",
    params(("id" = uuid::Uuid, Path, description = "Customer id")),
    responses(
        (status = 200, body = CustomerView, description = "The customer; the ETag header names its version"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/customers/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::CustomerRead)?;
    let customer = customers::find(&state.db, actor.scope(), *id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(customer.id, customer.version)))
        .json(CustomerView::from(&customer)))
}

/// Changes a customer. `If-Match` with the ETag guards against lost updates.
#[utoipa::path(patch, path = "/api/v1/customers/{id}", tag = "customers",
    description = "Roles: admin, sales (customers they manage). Only an admin may change the account manager.",
    params(("id" = uuid::Uuid, Path, description = "Customer id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = UpdateCustomerRequest,
    responses(
        (status = 200, body = CustomerView, description = "Updated"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 412, body = crate::error::Problem, content_type = "application/problem+json", description = "The ETag is stale"),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[patch("/customers/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<uuid::Uuid>,
    Body(request): Body<UpdateCustomerRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::CustomerWrite)?;
    if request.account_manager_id.is_some() && !actor.has(Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let current = customers::find(&txn, actor.scope(), *id).await?;
    check_if_match(
        if_match(&req).as_deref(),
        &etag(current.id, current.version),
    )?;
    let details = request.apply(&current.details)?;
    if details.account_manager_id != current.details.account_manager_id {
        check_account_manager(&state, details.account_manager_id).await?;
    }
    let updated = customers::update(&txn, &current, details).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok()
        .insert_header((ETAG, etag(updated.id, updated.version)))
        .json(CustomerView::from(&updated)))
}

/// An account manager must be an existing, active sales user.
async fn check_account_manager(state: &AppState, id: Option<uuid::Uuid>) -> Result<(), ApiError> {
    let Some(id) = id else {
        return Ok(());
    };
    let user = loanbook_persistence::repo::users::find(&state.db, id)
        .await
        .ok();
    let is_sales = user.is_some_and(|u| u.active && u.roles.iter().any(|r| r == "sales"));
    if is_sales {
        return Ok(());
    }
    Err(ApiError::field(
        "account_manager_id",
        "the account manager must be an active sales user",
        "客户经理须为有效的销售用户",
    ))
}
