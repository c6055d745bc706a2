//! Schedule preview: what a loan's installments would be, before applying.

use actix_web::{HttpResponse, post, web};
use loanbook_domain::check_contract_rate;
use loanbook_domain::schedule::generate;

use crate::dto::schedule::{
    InstallmentView, SchedulePreview, SchedulePreviewRequest, ScheduleTotals,
};
use crate::error::{ApiError, FieldError};
use crate::http::{Actor, Body};
use crate::i18n::domain_message;
use crate::state::AppState;

/// Registers the preview route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(preview);
}

/// Computes a schedule. A rate above the legal cap is computed but warned about.
#[utoipa::path(post, path = "/api/v1/schedule-preview", tag = "schedules",
    description = "Roles: any authenticated user.",
    request_body = SchedulePreviewRequest,
    responses(
        (status = 200, body = SchedulePreview, description = "The schedule"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/schedule-preview")]
pub async fn preview(
    state: web::Data<AppState>,
    _actor: Actor,
    Body(request): Body<SchedulePreviewRequest>,
) -> Result<HttpResponse, ApiError> {
    let terms = request.parse()?;
    let installments = generate(&terms)
        .map_err(|e| ApiError::Validation(vec![FieldError::domain("first_due_date", &e)]))?;
    let warnings = match check_contract_rate(&state.lpr, terms.annual_rate, terms.disbursement_date)
    {
        Ok(()) => Vec::new(),
        Err(error) => vec![domain_message(&error).0],
    };
    Ok(HttpResponse::Ok().json(SchedulePreview {
        totals: ScheduleTotals::of(&installments),
        installments: installments.iter().map(InstallmentView::from).collect(),
        warnings,
    }))
}
