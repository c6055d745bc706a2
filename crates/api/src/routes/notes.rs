//! A loan's printable documents: the loan note (借据) and the customer's
//! repayment schedule (还款计划表), each as PDF and as HTML. Who may read
//! them is who may read the loan.

use actix_web::http::header::{CACHE_CONTROL, ContentDisposition, DispositionType, ETAG};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder, get, web};
use loanbook_persistence::repo::loans;
use uuid::Uuid;

use crate::error::ApiError;
use crate::http::download::{content_disposition, if_none_match};
use crate::http::{Actor, Permission};
use crate::routes::loans::{AsOfQuery, as_of};
use crate::services::notes as service;
use crate::state::AppState;

/// The content type of PDF documents.
const PDF: &str = "application/pdf";

/// The content type of HTML documents.
const HTML: &str = "text/html; charset=utf-8";

/// Registers the document routes of loans.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(note_pdf)
        .service(note_html)
        .service(schedule_pdf)
        .service(schedule_html);
}

/// `inline` with the file name, so that browsers show the PDF and save it
/// under that name.
fn inline(file_name: &str) -> ContentDisposition {
    content_disposition(DispositionType::Inline, file_name)
}

/// A 200 with a document's common headers.
fn document(content_type: &str) -> HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type(content_type)
        .insert_header((CACHE_CONTROL, "private, no-cache"))
        .insert_header(("X-Content-Type-Options", "nosniff"));
    response
}

/// The loan note (借据) as the PDF issued at disbursement, byte for byte.
#[utoipa::path(get, path = "/api/v1/loans/{id}/note.pdf", tag = "loans",
    description = "Roles: every role, within the caller's scope (404 outside it). The PDF is \
        rendered once, when the loan is disbursed, stored by SHA-256 and served unchanged ever \
        after: ETag = the quoted SHA-256 of the body (If-None-Match with it gives 304), \
        Content-Disposition inline with the file name 借据-<note_number>.pdf (RFC 5987 \
        `filename*`). A loan disbursed while the server had no PDF font gets its note \
        rendered and stored by the first request made once a font is loaded. Without a font \
        the answer is 503, naming what is missing; note.html still works.",
    params(("id" = Uuid, Path, description = "Loan id"),
        ("If-None-Match" = Option<String>, Header, description = "The ETag last downloaded")),
    responses(
        (status = 200, description = "The loan note as PDF", content(("application/pdf")),
            headers(
                ("ETag" = String, description = "The quoted SHA-256 of the content"),
                ("Content-Disposition" = String,
                    description = "inline; filename 借据-<note_number>.pdf"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 503, response = crate::error::responses::PdfUnavailable)))]
#[get("/loans/{id}/note.pdf")]
pub async fn note_pdf(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let loan = loans::find(&state.db, actor.scope(), *id).await?;
    let note = service::stored_note(&state, &loan).await?;
    let tag = format!("\"{}\"", note.file.sha256);
    if if_none_match(&req, &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((ETAG, tag))
            .finish());
    }
    let stream = state.files.get(&note.file.sha256).await?;
    Ok(document(PDF)
        .insert_header((ETAG, tag))
        .insert_header(inline(&format!("借据-{}.pdf", loan.note_number)))
        .no_chunking(note.file.size)
        .streaming(stream))
}

/// The loan note (借据) as an HTML page, from the same data as the PDF.
#[utoipa::path(get, path = "/api/v1/loans/{id}/note.html", tag = "loans",
    description = "Roles: every role, within the caller's scope (404 outside it). Rendered on \
        each request from the loan, its customer and its approvals; it needs no font.",
    params(("id" = Uuid, Path, description = "Loan id")),
    responses(
        (status = 200, description = "The loan note as HTML", content(("text/html"))),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/loans/{id}/note.html")]
pub async fn note_html(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let loan = loans::find(&state.db, actor.scope(), *id).await?;
    let view = service::note_view(&state.db, &state, &loan).await?;
    Ok(document(HTML).body(loanbook_render::html::loan_note(&view)))
}

/// The customer's repayment schedule (还款计划表) as a PDF, as of a date.
#[utoipa::path(get, path = "/api/v1/loans/{id}/schedule.pdf", tag = "loans",
    description = "Roles: every role, within the caller's scope (404 outside it). The schedule \
        in force with principal, interest and penalty paid as of `as_of` (default: the \
        business date); rendered on each request, not stored. Content-Disposition inline with \
        the file name 还款计划表-<loan_number>.pdf. Without a PDF font the answer is 503, \
        naming what is missing; schedule.html still works.",
    params(("id" = Uuid, Path, description = "Loan id"), AsOfQuery),
    responses(
        (status = 200, description = "The schedule as PDF", content(("application/pdf")),
            headers(("Content-Disposition" = String,
                description = "inline; filename 还款计划表-<loan_number>.pdf"))),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid),
        (status = 503, response = crate::error::responses::PdfUnavailable)))]
#[get("/loans/{id}/schedule.pdf")]
pub async fn schedule_pdf(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<AsOfQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let date = as_of(&state, query.as_of.as_deref(), "as_of").await?;
    let view = service::schedule_view(&state, actor.scope(), *id, date).await?;
    let file_name = format!("还款计划表-{}.pdf", view.loan_number);
    let font = state.pdf_font()?;
    let pdf = service::render_pdf(font, view, loanbook_render::pdf::schedule).await?;
    Ok(document(PDF).insert_header(inline(&file_name)).body(pdf))
}

/// The customer's repayment schedule (还款计划表) as an HTML page.
#[utoipa::path(get, path = "/api/v1/loans/{id}/schedule.html", tag = "loans",
    description = "Roles: every role, within the caller's scope (404 outside it). The schedule \
        in force with principal, interest and penalty paid as of `as_of` (default: the \
        business date); rendered on each request; it needs no font.",
    params(("id" = Uuid, Path, description = "Loan id"), AsOfQuery),
    responses(
        (status = 200, description = "The schedule as HTML", content(("text/html"))),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loans/{id}/schedule.html")]
pub async fn schedule_html(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<AsOfQuery>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::LoanRead)?;
    let date = as_of(&state, query.as_of.as_deref(), "as_of").await?;
    let view = service::schedule_view(&state, actor.scope(), *id, date).await?;
    Ok(document(HTML).body(loanbook_render::html::schedule(&view)))
}
