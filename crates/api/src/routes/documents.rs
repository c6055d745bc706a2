//! Supporting documents (申请材料) of customers, applications and loans:
//! upload, list, metadata, download and soft deletion.

use actix_web::http::header::{CACHE_CONTROL, ContentDisposition, DispositionType, ETAG, LOCATION};
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use loanbook_domain::document::OwnerKind;
use loanbook_persistence::repo::documents;
use uuid::Uuid;

use crate::dto::Fields;
use crate::dto::documents::{DeleteDocumentRequest, DocumentListQuery, DocumentView};
use crate::error::ApiError;
use crate::http::download::{content_disposition, if_none_match};
use crate::http::upload::read_upload;
use crate::http::{Actor, Body, ListQuery, Paged, Permission, page_request};
use crate::services::documents as service;
use crate::state::AppState;

/// Registers the document routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(upload_to_application)
        .service(list_of_application)
        .service(upload_to_customer)
        .service(list_of_customer)
        .service(upload_to_loan)
        .service(list_of_loan)
        .service(read)
        .service(content)
        .service(remove);
}

/// Authorises, finds the owner, streams the upload to a temporary file and
/// stores it.
async fn upload(
    state: &AppState,
    actor: &Actor,
    req: &HttpRequest,
    owner: (OwnerKind, Uuid),
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    actor.require(service::upload_permission(owner.0))?;
    let owner = service::owner(&state.db, actor.scope(), owner).await?;
    let limit = state.document_max_bytes;
    let received = read_upload(req, payload, &state.files, "file", limit).await?;
    let document = service::upload(state, actor, owner, received).await?;
    Ok(HttpResponse::Created()
        .insert_header((LOCATION, format!("/api/v1/documents/{}", document.id)))
        .json(DocumentView::from(&document)))
}

async fn list(
    state: &AppState,
    actor: &Actor,
    owner: (OwnerKind, Uuid),
    query: &DocumentListQuery,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::DocumentRead)?;
    let paging = ListQuery {
        limit: query.limit,
        cursor: query.cursor.clone(),
    };
    let page = page_request(&paging)?;
    service::owner(&state.db, actor.scope(), owner).await?;
    let include_deleted = query.include_deleted.unwrap_or(false);
    let page = documents::list(&state.db, actor.scope(), owner, include_deleted, page).await?;
    Ok(HttpResponse::Ok().json(Paged {
        items: page.items.iter().map(DocumentView::from).collect(),
        next_cursor: page.next_cursor.map(|c| c.to_string()),
    }))
}

/// Uploads a supporting document (business licence 营业执照, financial
/// statements 财务报表, business plan 经营计划书, …) to an application.
#[utoipa::path(post, path = "/api/v1/loan-applications/{id}/documents", tag = "documents",
    description = "Roles: admin, reviewer, manager, sales (applications of customers they manage), \
        customer (its own applications). A multipart/form-data body with the parts `document_type` \
        and `file` (with a filename), in either order. The content must be PDF, JPEG, PNG, XLSX or \
        DOCX, judged by its bytes, and at most LOANBOOK_DOCUMENT_MAX_BYTES (default 20 MiB); the \
        same bytes are stored once, by SHA-256.",
    params(("id" = Uuid, Path, description = "Application id")),
    request_body(description = "The parts `document_type` and `file`, in either order",
        content((crate::dto::documents::UploadDocumentForm = "multipart/form-data",
            encoding(("file" = (content_type = "application/pdf, image/jpeg, image/png, \
                application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, \
                application/vnd.openxmlformats-officedocument.wordprocessingml.document"))),
            example = json!({"document_type": "business_licence", "file": "(the file's bytes)"})))),
    responses(
        (status = 201, body = DocumentView, description = "Stored; Location names the document"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 413, response = crate::error::responses::FileTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedFileType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loan-applications/{id}/documents")]
pub async fn upload_to_application(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    upload(&state, &actor, &req, (OwnerKind::Application, *id), payload).await
}

/// Lists an application's documents.
#[utoipa::path(get, path = "/api/v1/loan-applications/{id}/documents", tag = "documents",
    description = "Roles: every role, within the caller's scope (404 outside it). Deleted \
        documents only with include_deleted=true.",
    params(("id" = Uuid, Path, description = "Application id"), DocumentListQuery),
    responses(
        (status = 200, body = Paged<DocumentView>, description = "A page of documents, oldest first"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loan-applications/{id}/documents")]
pub async fn list_of_application(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<DocumentListQuery>,
) -> Result<HttpResponse, ApiError> {
    list(&state, &actor, (OwnerKind::Application, *id), &query).await
}

/// Uploads a supporting document to a customer.
#[utoipa::path(post, path = "/api/v1/customers/{id}/documents", tag = "documents",
    description = "Roles: admin, reviewer, manager, sales (customers they manage), customer \
        (itself). The same multipart/form-data body, types and limit as an application's upload.",
    params(("id" = Uuid, Path, description = "Customer id")),
    request_body(description = "The parts `document_type` and `file`, in either order",
        content((crate::dto::documents::UploadDocumentForm = "multipart/form-data",
            encoding(("file" = (content_type = "application/pdf, image/jpeg, image/png, \
                application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, \
                application/vnd.openxmlformats-officedocument.wordprocessingml.document"))),
            example = json!({"document_type": "business_licence", "file": "(the file's bytes)"})))),
    responses(
        (status = 201, body = DocumentView, description = "Stored; Location names the document"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 413, response = crate::error::responses::FileTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedFileType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/customers/{id}/documents")]
pub async fn upload_to_customer(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    upload(&state, &actor, &req, (OwnerKind::Customer, *id), payload).await
}

/// Lists a customer's own documents (not those of its applications or
/// loans).
#[utoipa::path(get, path = "/api/v1/customers/{id}/documents", tag = "documents",
    description = "Roles: every role, within the caller's scope (404 outside it). Deleted \
        documents only with include_deleted=true.",
    params(("id" = Uuid, Path, description = "Customer id"), DocumentListQuery),
    responses(
        (status = 200, body = Paged<DocumentView>, description = "A page of documents, oldest first"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/customers/{id}/documents")]
pub async fn list_of_customer(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<DocumentListQuery>,
) -> Result<HttpResponse, ApiError> {
    list(&state, &actor, (OwnerKind::Customer, *id), &query).await
}

/// Uploads a document to a loan, such as the signed contract.
#[utoipa::path(post, path = "/api/v1/loans/{id}/documents", tag = "documents",
    description = "Roles: admin, reviewer, manager, cashier, sales (loans of customers they \
        manage), customer (its own loans). The same multipart/form-data body, types and limit as \
        an application's upload. Documents of a loan cannot be deleted.",
    params(("id" = Uuid, Path, description = "Loan id")),
    request_body(description = "The parts `document_type` and `file`, in either order",
        content((crate::dto::documents::UploadDocumentForm = "multipart/form-data",
            encoding(("file" = (content_type = "application/pdf, image/jpeg, image/png, \
                application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, \
                application/vnd.openxmlformats-officedocument.wordprocessingml.document"))),
            example = json!({"document_type": "business_licence", "file": "(the file's bytes)"})))),
    responses(
        (status = 201, body = DocumentView, description = "Stored; Location names the document"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 413, response = crate::error::responses::FileTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedFileType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[post("/loans/{id}/documents")]
pub async fn upload_to_loan(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    upload(&state, &actor, &req, (OwnerKind::Loan, *id), payload).await
}

/// Lists a loan's documents.
#[utoipa::path(get, path = "/api/v1/loans/{id}/documents", tag = "documents",
    description = "Roles: every role, within the caller's scope (404 outside it). Deleted \
        documents only with include_deleted=true.",
    params(("id" = Uuid, Path, description = "Loan id"), DocumentListQuery),
    responses(
        (status = 200, body = Paged<DocumentView>, description = "A page of documents, oldest first"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 422, response = crate::error::responses::Invalid)))]
#[get("/loans/{id}/documents")]
pub async fn list_of_loan(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    query: web::Query<DocumentListQuery>,
) -> Result<HttpResponse, ApiError> {
    list(&state, &actor, (OwnerKind::Loan, *id), &query).await
}

/// Reads a document's metadata, deleted or not.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents",
    description = "Roles: every role, where the owning record is readable (404 outside the \
        caller's scope).",
    params(("id" = Uuid, Path, description = "Document id")),
    responses(
        (status = 200, body = DocumentView, description = "The document"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/documents/{id}")]
pub async fn read(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::DocumentRead)?;
    let document = documents::find(&state.db, actor.scope(), *id).await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(&document)))
}

/// Downloads a document's content, streamed from the file store.
#[utoipa::path(get, path = "/api/v1/documents/{id}/content", tag = "documents",
    description = "Roles: every role, where the owning record is readable (404 outside the \
        caller's scope). The body carries the detected Content-Type, Content-Disposition \
        attachment with the original file name (RFC 5987 `filename*` for non-ASCII names) and \
        ETag = the quoted SHA-256; If-None-Match with it gives 304.",
    params(("id" = Uuid, Path, description = "Document id"),
        ("If-None-Match" = Option<String>, Header, description = "The ETag last downloaded")),
    responses(
        (status = 200, description = "The file's bytes", content(
            ("application/pdf"), ("image/jpeg"), ("image/png"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
            headers(
                ("ETag" = String, description = "The quoted SHA-256 of the content"),
                ("Content-Disposition" = String, description = "attachment with the file name"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound)))]
#[get("/documents/{id}/content")]
pub async fn content(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    actor.require(Permission::DocumentRead)?;
    let document = documents::find(&state.db, actor.scope(), *id).await?;
    let tag = format!("\"{}\"", document.file.sha256);
    if if_none_match(&req, &tag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((ETAG, tag))
            .finish());
    }
    let stream = state.files.get(&document.file.sha256).await?;
    Ok(HttpResponse::Ok()
        .content_type(document.content_type.as_str())
        .insert_header((ETAG, tag))
        .insert_header(attachment(&document.file_name))
        .insert_header((CACHE_CONTROL, "private, no-cache"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .no_chunking(document.file.size)
        .streaming(stream))
}

/// `attachment` with the original file name.
fn attachment(file_name: &str) -> ContentDisposition {
    content_disposition(DispositionType::Attachment, file_name)
}

/// Soft-deletes a document with a reason; the row stays for the audit
/// trail, hidden from lists unless include_deleted=true.
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents",
    description = "Roles: admin, reviewer, manager (any document in their scope); the uploader \
        (their own uploads, while they still hold the upload role). Documents of a loan, and of \
        an application whose status is disbursed, cannot be deleted (409); nor can a document \
        twice.",
    params(("id" = Uuid, Path, description = "Document id")),
    request_body = DeleteDocumentRequest,
    responses(
        (status = 200, body = DocumentView, description = "Deleted: the metadata with who, when and why"),
        (status = 400, response = crate::error::responses::Malformed),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Invalid)))]
#[delete("/documents/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    Body(request): Body<DeleteDocumentRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut fields = Fields::new();
    let reason = fields.text("reason", &request.reason, 500);
    let Some(reason) = reason else {
        return Err(fields.into_error());
    };
    let document = service::delete(&state, &actor, *id, &reason).await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(&document)))
}
