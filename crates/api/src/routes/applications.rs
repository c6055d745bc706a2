//! Loan applications and their transitions.

use actix_web::http::header::ETAG;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use loanbook_domain::application::ApplicationEvent;
use loanbook_persistence::repo::applications::{self as repo, ApplicationFilter};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::dto::Fields;
use crate::dto::applications::{
    ApplicationView, ApproveRequest, CreateApplicationRequest, DisburseRequest, TransitionRequest,
};
use crate::dto::loans::LoanView;
use crate::error::ApiError;
use crate::http::{Actor, Body, ListQuery, Paged, Permission, etag, if_match, page_request};
use crate::services::applications::{self as service, Disbursement, Loaded};
use crate::services::loans as loan_service;
use crate::state::AppState;

/// Registers the application routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(create)
        .service(list)
        .service(read)
        .service(submit)
        .service(withdraw)
        .service(return_for_information)
        .service(reject)
        .service(cancel)
        .service(approve)
        .service(disburse);
}

fn respond(status: actix_web::http::StatusCode, (app, actions): Loaded) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((ETAG, etag(app.id, app.version)))
        .json(ApplicationView::new(&app, &actions))
}

/// Creates a draft application.
#[utoipa::path(post, path = "/api/v1/loan-applications", tag = "applications",
    description = "Roles: sales (for customers they manage), customer (for itself). A rate above the legal cap (4 × one-year LPR on the date) is refused.",
    request_body = CreateApplicationRequest,
    responses(
        (status = 201, body = ApplicationView, description = "Created as draft"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications")]
pub async fn create(
    state: web::Data<AppState>,
    actor: Actor,
    Body(request): Body<CreateApplicationRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ApplicationWrite)?;
    let parsed = request.parse()?;
    let loaded = service::create(&state, &actor, parsed).await?;
    Ok(respond(actix_web::http::StatusCode::CREATED, loaded))
}

/// Filters of the application list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationListQuery {
    /// Page size, 1 to 200.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// Only this customer's applications.
    pub customer_id: Option<Uuid>,
    /// Only applications in this status.
    pub status: Option<String>,
}

/// Lists the applications the caller may see.
#[utoipa::path(get, path = "/api/v1/loan-applications", tag = "applications",
    description = "Roles: every role, within the caller's scope.",
    params(ApplicationListQuery),
    responses(
        (status = 200, body = Paged<ApplicationView>, description = "A page of applications"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loan-applications")]
pub async fn list(
    state: web::Data<AppState>,
    actor: Actor,
    query: web::Query<ApplicationListQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ApplicationRead)?;
    let paging = ListQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    };
    let mut fields = Fields::new();
    let status = query.status.as_deref().and_then(|s| {
        fields.check(
            "status",
            s.parse()
                .map_err(|_| loanbook_domain::DomainError::UnknownStatus(s.to_owned())),
        )
    });
    fields.finish()?;
    let filter = ApplicationFilter {
        customer_id: query.customer_id,
        status,
    };
    let page = repo::list(&state.db, actor.scope(), &filter, page_request(&paging)?).await?;
    let ids: Vec<Uuid> = page.items.iter().map(|app| app.id).collect();
    let actions = repo::actions_of(&state.db, &ids).await?;
    let items = page
        .items
        .iter()
        .map(|app| ApplicationView::new(app, actions.get(&app.id).map_or(&[], Vec::as_slice)))
        .collect();
    Ok(HttpResponse::Ok().json(Paged {
        items,
        next_cursor: page.next_cursor.map(|c| c.to_string()),
    }))
}

/// Reads an application with its approvals and history.
#[utoipa::path(get, path = "/api/v1/loan-applications/{id}", tag = "applications",
    description = "Roles: every role, within the caller's scope (404 outside it).",
    params(("id" = Uuid, Path, description = "Application id")),
    responses(
        (status = 200, body = ApplicationView, description = "The application"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/loan-applications/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ApplicationRead)?;
    let loaded = service::load(&state.db, &actor, *id).await?;
    Ok(respond(actix_web::http::StatusCode::OK, loaded))
}

async fn simple(
    state: &AppState,
    actor: &Actor,
    req: &HttpRequest,
    id: Uuid,
    step: (Permission, ApplicationEvent),
    comment: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let (permission, event) = step;
    actor.require(permission)?;
    let comment = comment.unwrap_or_default();
    let given = if_match(req);
    let loaded = service::transition(state, actor, id, event, &comment, given.as_deref()).await?;
    Ok(respond(actix_web::http::StatusCode::OK, loaded))
}

/// Sends a draft or returned application for review.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/submit", tag = "applications",
    description = "Roles: sales, customer. From draft or returned.",
    params(("id" = Uuid, Path, description = "Application id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 when stale")),
    responses(
        (status = 200, body = ApplicationView, description = "Submitted"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 412, response = crate::error::responses::PreconditionFailed)))]
#[post("/loan-applications/{id}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let step = (Permission::ApplicationWrite, ApplicationEvent::Submitted);
    simple(&state, &actor, &req, *id, step, None).await
}

/// Takes an application back before a decision.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/withdraw", tag = "applications",
    description = "Roles: sales, customer. From draft, submitted or returned.",
    params(("id" = Uuid, Path, description = "Application id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 when stale")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = ApplicationView, description = "Withdrawn"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 412, response = crate::error::responses::PreconditionFailed),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/withdraw")]
pub async fn withdraw(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    Body(body): Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    let step = (Permission::ApplicationWrite, ApplicationEvent::Withdrawn);
    simple(&state, &actor, &req, *id, step, body.comment).await
}

/// Returns a submitted application for more information.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/return", tag = "applications",
    description = "Roles: reviewer, manager. From submitted.",
    params(("id" = Uuid, Path, description = "Application id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 when stale")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = ApplicationView, description = "Returned"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 412, response = crate::error::responses::PreconditionFailed),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/return")]
pub async fn return_for_information(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    Body(body): Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    let step = (Permission::ApplicationReview, ApplicationEvent::Returned);
    simple(&state, &actor, &req, *id, step, body.comment).await
}

/// Refuses a submitted application.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/reject", tag = "applications",
    description = "Roles: reviewer, manager. From submitted.",
    params(("id" = Uuid, Path, description = "Application id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 when stale")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = ApplicationView, description = "Rejected"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 412, response = crate::error::responses::PreconditionFailed),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/reject")]
pub async fn reject(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    Body(body): Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    let step = (Permission::ApplicationReview, ApplicationEvent::Rejected);
    simple(&state, &actor, &req, *id, step, body.comment).await
}

/// Calls off an approved application before disbursement.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/cancel", tag = "applications",
    description = "Roles: reviewer, manager. From approved.",
    params(("id" = Uuid, Path, description = "Application id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 when stale")),
    request_body = TransitionRequest,
    responses(
        (status = 200, body = ApplicationView, description = "Cancelled"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 412, response = crate::error::responses::PreconditionFailed),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/cancel")]
pub async fn cancel(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    Body(body): Body<TransitionRequest>,
) -> Result<HttpResponse, ApiError> {
    let step = (Permission::ApplicationReview, ApplicationEvent::Cancelled);
    simple(&state, &actor, &req, *id, step, body.comment).await
}

/// Approves, possibly with changed terms. Above the approval threshold or the
/// customer's credit limit a second approval, one of them by a manager, is
/// needed: until then the status stays `submitted` and `approvals` grows.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/approve", tag = "applications",
    description = "Roles: reviewer, manager. From submitted. The creator never approves; one person never gives both approvals.",
    params(("id" = Uuid, Path, description = "Application id"),
        ("If-Match" = Option<String>, Header, description = "The ETag last read; 412 when stale")),
    request_body = ApproveRequest,
    responses(
        (status = 200, body = ApplicationView, description = "Approval recorded"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 412, response = crate::error::responses::PreconditionFailed),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/approve")]
pub async fn approve(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    Body(body): Body<ApproveRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::ApplicationReview)?;
    let given = if_match(&req);
    let loaded = service::approve(&state, &actor, *id, &body, given.as_deref()).await?;
    Ok(respond(actix_web::http::StatusCode::OK, loaded))
}

/// Books the loan of an approved application and issues its loan note.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/disburse", tag = "applications",
    description = "Roles: cashier. From approved. The value date may not be after the business date.",
    params(("id" = Uuid, Path, description = "Application id")),
    request_body = DisburseRequest,
    responses(
        (status = 201, body = LoanView, description = "The new loan"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/disburse")]
pub async fn disburse(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    Body(body): Body<DisburseRequest>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanDisburse)?;
    let mut fields = Fields::new();
    let date = fields.date("disbursement_date", &body.disbursement_date);
    let first_due = body
        .first_due_date
        .as_deref()
        .map(|d| fields.date("first_due_date", d));
    let reference = fields.text("bank_reference", &body.bank_reference, 100);
    let (Some(date), Some(bank_reference)) = (date, reference) else {
        return Err(fields.into_error());
    };
    fields.finish()?;
    let disbursement = Disbursement {
        date,
        first_due_date: first_due.flatten(),
        bank_reference,
    };
    let loan = service::disburse(&state, &actor, *id, disbursement).await?;
    let today = state.business_date(&state.db).await?;
    let loaded = loan_service::load(&state.db, actor.scope(), loan.id, today).await?;
    Ok(HttpResponse::Created()
        .insert_header((ETAG, etag(loan.id, loaded.loan.version)))
        .json(LoanView::new(&loaded.loan, &loaded.position)))
}
