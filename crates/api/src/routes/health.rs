//! Liveness and readiness.

use actix_web::{HttpResponse, get, web};
use loanbook_persistence::ConnectionTrait;
use serde_json::json;

use crate::error::ApiError;
use crate::state::AppState;

/// Registers the health routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(live).service(ready);
}

/// The process is up.
#[utoipa::path(get, path = "/health/live", tag = "health", security(()),
    responses((status = 200, description = "The server is running", example = json!({"status": "ok"}))))]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

/// The database answers.
#[utoipa::path(get, path = "/health/ready", tag = "health", security(()),
    responses(
        (status = 200, description = "Ready to serve", example = json!({"status": "ok"})),
        (status = 503, description = "The database is unreachable", body = crate::error::Problem,
            content_type = "application/problem+json")))]
#[get("/health/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state.db.execute_unprepared("SELECT 1").await.map_err(|e| {
        ApiError::Unavailable(loanbook_persistence::PersistenceError::Unavailable(e))
    })?;
    Ok(HttpResponse::Ok().json(json!({"status": "ok"})))
}
