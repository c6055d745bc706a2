//! Administration: the business date.

use actix_web::{HttpResponse, delete, get, put, web};
use loanbook_persistence::repo::settings;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::dto::{Fields, format_date};
use crate::error::ApiError;
use crate::http::{Actor, Body, Permission};
use crate::state::{AppState, BUSINESS_DATE_KEY};

/// Registers the admin routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(read_business_date)
        .service(set_business_date)
        .service(clear_business_date);
}

/// The business date.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BusinessDate {
    /// `YYYY-MM-DD`.
    #[schema(format = Date, example = "2026-12-03")]
    pub business_date: String,
}

/// The date value dates are checked against and balances default to.
#[utoipa::path(get, path = "/api/v1/admin/business-date", tag = "admin",
    description = "Roles: any authenticated user.",
    responses(
        (status = 200, body = BusinessDate, description = "The business date"),
        (status = 401, response = crate::error::responses::Unauthorized)))]
#[get("/admin/business-date")]
pub async fn read_business_date(
    state: web::Data<AppState>,
    _actor: Actor,
) -> Result<HttpResponse, ApiError> {
    let date = state.business_date(&state.db).await?;
    Ok(HttpResponse::Ok().json(BusinessDate {
        business_date: format_date(date),
    }))
}

/// Fixes the business date (tests, replays, month-end catch-up).
#[utoipa::path(put, path = "/api/v1/admin/business-date", tag = "admin",
    description = "Roles: admin.",
    request_body = BusinessDate,
    responses(
        (status = 200, body = BusinessDate, description = "The new business date"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[put("/admin/business-date")]
pub async fn set_business_date(
    state: web::Data<AppState>,
    actor: Actor,
    Body(body): Body<BusinessDate>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::SettingsManage)?;
    let mut fields = Fields::new();
    let date = fields.date("business_date", &body.business_date);
    let Some(date) = date else {
        return Err(fields.into_error());
    };
    settings::put(&state.db, BUSINESS_DATE_KEY, &format_date(date)).await?;
    Ok(HttpResponse::Ok().json(BusinessDate {
        business_date: format_date(date),
    }))
}

/// Goes back to today in the business time zone as the business date.
#[utoipa::path(delete, path = "/api/v1/admin/business-date", tag = "admin",
    description = "Roles: admin. The business date is global: it is every loan's 'today'.",
    responses(
        (status = 200, body = BusinessDate, description = "Today's date, now the business date"),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden)))]
#[delete("/admin/business-date")]
pub async fn clear_business_date(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::SettingsManage)?;
    settings::delete(&state.db, BUSINESS_DATE_KEY).await?;
    let date = state.business_date(&state.db).await?;
    Ok(HttpResponse::Ok().json(BusinessDate {
        business_date: format_date(date),
    }))
}
