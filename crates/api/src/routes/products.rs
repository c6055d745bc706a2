//! Loan products (DESIGN §6).

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use loanbook_persistence::repo::products;

use crate::dto::products::{ProductRequest, ProductView};
use crate::error::ApiError;
use crate::http::{Actor, Body, Permission, check_if_match, if_match};
use crate::state::AppState;

/// Registers the product routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(read)
        .service(update);
}

fn product_etag(record: &products::ProductRecord) -> String {
    format!("\"{}-{}\"", record.product.id, record.version)
}

fn respond(status: actix_web::http::StatusCode, record: &products::ProductRecord) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, product_etag(record)))
        .json(ProductView::from(record))
}

/// Creates a product; fields left out take the default product's values.
#[utoipa::path(post, path = "/api/v1/loan-products", tag = "products",
    description = "Roles: admin.",
    request_body = ProductRequest,
    responses(
        (status = 201, body = ProductView, description = "Created"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-products")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    Body(request): Body<ProductRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ProductManage)?;
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let defaults = products::find(&txn, "default").await?;
    let product = request.create(&defaults.product)?;
    let created = products::insert(&txn, &product)
        .await
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict { .. } => {
                ApiError::conflict("a product with this id exists", "已存在相同编号的产品")
            }
            other => other,
        })?;
    txn.commit().await?;
    Ok(respond(actix_web::http::StatusCode::CREATED, &created))
}

/// Lists every product, inactive ones included.
#[utoipa::path(get, path = "/api/v1/loan-products", tag = "products",
    description = "Roles: every role.",
    responses(
        (status = 200, body = Vec<ProductView>, description = "Every product, by id"),
        (status = 401, response = crate::error::responses::Unauthorized)))]
#[get("/loan-products")]
pub async fn list(state: web::Data<AppState>, actor: Actor) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ProductRead)?;
    let all = products::list(&state.db).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(ProductView::from).collect::<Vec<_>>()))
}

/// Reads a product.
#[utoipa::path(get, path = "/api/v1/loan-products/{id}", tag = "products",
    description = "Roles: every role.",
    params(("id" = String, Path, description = "Product id, e.g. `default`")),
    responses(
        (status = 200, body = ProductView, description = "The product; the ETag names its version"),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/loan-products/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ProductRead)?;
    let record = products::find(&state.db, &id).await?;
    Ok(respond(actix_web::http::StatusCode::OK, &record))
}

/// Changes a product. Loans already booked keep the rules they were made
/// with; applications are checked against the product when created.
#[utoipa::path(patch, path = "/api/v1/loan-products/{id}", tag = "products",
    description = "Roles: admin.",
    params(("id" = String, Path, description = "Product id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read")),
    request_body = ProductRequest,
    responses(
        (status = 200, body = ProductView, description = "Updated"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 412, response = crate::error::responses::PreconditionFailed),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[patch("/loan-products/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<String>,
    Body(request): Body<ProductRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ProductManage)?;
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let current = products::find(&txn, &id).await?;
    check_if_match(if_match(&req).as_deref(), &product_etag(&current))?;
    let product = request.update(&current.product)?;
    let updated = products::update(&txn, &current, &product).await?;
    txn.commit().await?;
    Ok(respond(actix_web::http::StatusCode::OK, &updated))
}
