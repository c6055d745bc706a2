//! Credit assessments (信用评估) and the scorecard that grades them.

use actix_web::{HttpResponse, get, post, put, web};

use crate::dto::assessments::{AssessmentRequest, AssessmentView, RiskRulesBody};
use crate::error::ApiError;
use crate::http::{Actor, Body, Permission};
use crate::services::assessments;
use crate::state::AppState;

/// Registers the assessment routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(assess)
        .service(list)
        .service(read_rules)
        .service(set_rules);
}

/// Records a credit assessment of a submitted application. Loanbook computes
/// the debt ratio, profit margin, the customer's exposure and headroom under
/// its credit limit, its repayment history with the lender, and a risk grade
/// A–E with the reasons that decided it. Each assessment is kept; an
/// application cannot be approved without one.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/assessment", tag = "applications",
    description = "Roles: reviewer, manager; never the application's creator.",
    params(("id" = uuid::Uuid, Path, description = "Application id")),
    request_body = AssessmentRequest,
    responses(
        (status = 201, body = AssessmentView, description = "The stored assessment with its computed figures"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/assessment")]
pub async fn assess(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<uuid::Uuid>,
    Body(request): Body<AssessmentRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ApplicationReview)?;
    let entry = request.parse()?;
    let stored = assessments::record(&state, &actor, *id, entry).await?;
    Ok(HttpResponse::Created().json(AssessmentView::from(&stored)))
}

/// Lists an application's assessments, oldest first.
#[utoipa::path(get, path = "/api/v1/loan-applications/{id}/assessments", tag = "applications",
    description = "Roles: admin, sales (customers they manage), reviewer, manager, cashier, auditor.",
    params(("id" = uuid::Uuid, Path, description = "Application id")),
    responses(
        (status = 200, body = Vec<AssessmentView>, description = "Every assessment, oldest first"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/loan-applications/{id}/assessments")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<uuid::Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::AssessmentRead)?;
    let all = assessments::list(&state, &actor, *id).await?;
    Ok(HttpResponse::Ok().json(all.iter().map(AssessmentView::from).collect::<Vec<_>>()))
}

/// The scorecard that grades new assessments.
#[utoipa::path(get, path = "/api/v1/admin/risk-rules", tag = "admin",
    description = "Roles: admin, sales, reviewer, manager, cashier, auditor.",
    responses(
        (status = 200, body = RiskRulesBody, description = "The scorecard in force"),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden)))]
#[get("/admin/risk-rules")]
pub async fn read_rules(
    state: web::Data<AppState>,
    actor: Actor,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::AssessmentRead)?;
    let rules = assessments::rules(&state.db).await?;
    Ok(HttpResponse::Ok().json(RiskRulesBody::from(&rules)))
}

/// Replaces the scorecard. Earlier assessments keep the grade they got.
#[utoipa::path(put, path = "/api/v1/admin/risk-rules", tag = "admin",
    description = "Roles: admin.",
    request_body = RiskRulesBody,
    responses(
        (status = 200, body = RiskRulesBody, description = "The scorecard now in force"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[put("/admin/risk-rules")]
pub async fn set_rules(
    state: web::Data<AppState>,
    actor: Actor,
    Body(request): Body<RiskRulesBody>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::SettingsManage)?;
    let rules = request.parse()?;
    assessments::set_rules(&state, &rules).await?;
    Ok(HttpResponse::Ok().json(RiskRulesBody::from(&rules)))
}
