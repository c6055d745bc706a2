//! The API's error type and its one mapping to HTTP.
//!
//! Which error belongs where: the domain returns `DomainError`, repositories
//! `PersistenceError`, handlers and services `ApiError`. `anyhow` is only used
//! at start-up and in the command-line tools. Every variant becomes an RFC 9457
//! `application/problem+json` body here and nowhere else; 5xx bodies say
//! nothing about the cause, which is logged once, with its chain.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};
use loanbook_domain::DomainError;
use loanbook_persistence::PersistenceError;
use loanbook_render::{FontMissing, RenderError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::{Lang, domain_message};

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name or JSON path (`amount`, `credit_check.rating`).
    pub field: String,
    /// The message in English.
    pub en: String,
    /// The message in Chinese.
    pub zh: String,
}

impl FieldError {
    /// A field error with both messages.
    pub fn new(field: &str, en: impl Into<String>, zh: impl Into<String>) -> Self {
        FieldError {
            field: field.to_owned(),
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// A field error explaining a domain rule.
    pub fn domain(field: &str, error: &DomainError) -> Self {
        let (en, zh) = domain_message(error);
        FieldError::new(field, en, zh)
    }
}

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON or not the expected shape at the top level.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// One or more fields are invalid.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The body is not `application/json`.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The body is larger than the limit.
    #[error("payload too large")]
    PayloadTooLarge,
    /// The body or an uploaded file is of a type this endpoint does not
    /// take; the messages say which types it does.
    #[error("unsupported content: {en}")]
    UnsupportedContent {
        /// English explanation.
        en: String,
        /// Chinese explanation.
        zh: String,
    },
    /// An uploaded file is larger than the configured limit.
    #[error("file larger than {limit_bytes} bytes")]
    FileTooLarge {
        /// The limit in bytes.
        limit_bytes: u64,
    },
    /// No valid credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    /// The caller's roles do not allow this.
    #[error("forbidden")]
    Forbidden,
    /// No such record, or not one the caller may see.
    #[error("not found")]
    NotFound,
    /// The route or method does not exist.
    #[error("no such route")]
    NoRoute,
    /// A lending rule refused the request.
    #[error("rule violated: {0}")]
    Rule(DomainError),
    /// The record is not in a state that allows this.
    #[error("conflict: {en}")]
    Conflict {
        /// English explanation.
        en: String,
        /// Chinese explanation.
        zh: String,
    },
    /// `If-Match` named an old version.
    #[error("precondition failed")]
    PreconditionFailed,
    /// The database is unreachable.
    #[error("service unavailable")]
    Unavailable(#[source] PersistenceError),
    /// No CJK font was loaded at start-up, so no PDF can be rendered; the
    /// message names what is missing and how to install it.
    #[error("PDF rendering unavailable: {0}")]
    PdfUnavailable(FontMissing),
    /// Anything else; the cause is logged, never sent.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// A 422 for a single field.
    pub fn field(field: &str, en: impl Into<String>, zh: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, en, zh)])
    }

    /// A 409 with both messages.
    pub fn conflict(en: impl Into<String>, zh: impl Into<String>) -> Self {
        ApiError::Conflict {
            en: en.into(),
            zh: zh.into(),
        }
    }
}

impl From<PersistenceError> for ApiError {
    fn from(error: PersistenceError) -> Self {
        match error {
            PersistenceError::NotFound => ApiError::NotFound,
            PersistenceError::Conflict(detail) => ApiError::conflict(
                format!("the change conflicts with existing data ({detail})"),
                "该操作与现有数据冲突",
            ),
            PersistenceError::Unavailable(_) => ApiError::Unavailable(error),
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<RenderError> for ApiError {
    fn from(error: RenderError) -> Self {
        ApiError::Internal(error.into())
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        ApiError::Rule(error)
    }
}

impl From<loanbook_persistence::DbErr> for ApiError {
    fn from(error: loanbook_persistence::DbErr) -> Self {
        PersistenceError::from(error).into()
    }
}

/// The RFC 9457 problem document every error response carries.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation",
    "title": "Request validation failed",
    "status": 422,
    "detail": "1 field is invalid",
    "errors": [{"field": "amount", "message": "amount has more than 2 decimal places"}]
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request.
    pub detail: String,
    /// The invalid fields, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// One invalid field in a problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field's name or path.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl ApiError {
    fn kind(&self) -> (&'static str, &'static str, &'static str) {
        match self {
            ApiError::Malformed(_) => ("malformed-request", "Malformed request", "请求格式错误"),
            ApiError::Validation(_) => ("validation", "Request validation failed", "请求校验失败"),
            ApiError::UnsupportedMediaType => (
                "unsupported-media-type",
                "Unsupported media type",
                "不支持的媒体类型",
            ),
            ApiError::PayloadTooLarge | ApiError::FileTooLarge { .. } => {
                ("payload-too-large", "Payload too large", "请求体过大")
            }
            ApiError::UnsupportedContent { .. } => (
                "unsupported-media-type",
                "Unsupported media type",
                "不支持的媒体类型",
            ),
            ApiError::Unauthorized(_) => ("unauthorized", "Unauthorized", "未认证"),
            ApiError::Forbidden => ("forbidden", "Forbidden", "无权限"),
            ApiError::NotFound | ApiError::NoRoute => ("not-found", "Not found", "未找到"),
            ApiError::Rule(DomainError::IllegalTransition { .. }) | ApiError::Conflict { .. } => (
                "conflict",
                "Conflict with the record's state",
                "与记录状态冲突",
            ),
            ApiError::Rule(_) => (
                "rule-violated",
                "A lending rule refused the request",
                "违反业务规则",
            ),
            ApiError::PreconditionFailed => (
                "precondition-failed",
                "Precondition failed",
                "前置条件不满足",
            ),
            ApiError::Unavailable(_) => ("unavailable", "Service unavailable", "服务暂不可用"),
            ApiError::PdfUnavailable(_) => (
                "pdf-font-missing",
                "PDF documents are unavailable",
                "暂无法生成 PDF 文件",
            ),
            ApiError::Internal(_) => ("internal", "Internal server error", "服务器内部错误"),
        }
    }

    fn detail(&self, lang: Lang) -> String {
        let pick = |en: &str, zh: &str| lang.pick(en, zh).to_owned();
        match self {
            ApiError::Malformed(reason) => pick(reason, &format!("请求无法解析：{reason}")),
            ApiError::Validation(fields) => lang
                .pick(
                    &format!("{} field(s) are invalid", fields.len()),
                    &format!("有 {} 个字段不合法", fields.len()),
                )
                .to_owned(),
            ApiError::UnsupportedMediaType => pick(
                "send the body as application/json",
                "请求体须为 application/json",
            ),
            ApiError::PayloadTooLarge => {
                pick("the body is larger than 256 KiB", "请求体超过 256 KiB")
            }
            ApiError::UnsupportedContent { en, zh } => pick(en, zh),
            ApiError::FileTooLarge { limit_bytes } => pick(
                &format!("the file is larger than the limit of {limit_bytes} bytes"),
                &format!("文件超过 {limit_bytes} 字节的上限"),
            ),
            ApiError::Unauthorized(reason) => pick(reason, "缺少有效的访问令牌或令牌已过期"),
            ApiError::Forbidden => pick(
                "your roles do not allow this action",
                "您的角色无权执行此操作",
            ),
            ApiError::NotFound => pick("no such record", "记录不存在"),
            ApiError::NoRoute => pick("no such endpoint", "接口不存在"),
            ApiError::Rule(error) => {
                let (en, zh) = domain_message(error);
                pick(&en, &zh)
            }
            ApiError::Conflict { en, zh } => pick(en, zh),
            ApiError::PreconditionFailed => pick(
                "the record changed since the ETag you sent",
                "记录已被修改，If-Match 中的版本已过期",
            ),
            ApiError::Unavailable(_) => pick(
                "the database is unavailable; try again shortly",
                "数据库暂不可用，请稍后重试",
            ),
            ApiError::PdfUnavailable(missing) => pick(
                &format!("{missing}; the HTML version of the document works without it"),
                &format!("缺少生成 PDF 所需的中文字体（{missing}）；HTML 版本不受影响"),
            ),
            ApiError::Internal(_) => pick("an unexpected error occurred", "发生意外错误"),
        }
    }

    /// The problem document in the given language.
    pub fn problem(&self, lang: Lang) -> Problem {
        let (slug, en_title, zh_title) = self.kind();
        let errors = match self {
            ApiError::Validation(fields) => fields
                .iter()
                .map(|f| ProblemField {
                    field: f.field.clone(),
                    message: lang.pick(&f.en, &f.zh).to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        };
        Problem {
            problem_type: format!("/problems/{slug}"),
            title: lang.pick(en_title, zh_title).to_owned(),
            status: self.status_code().as_u16(),
            detail: self.detail(lang),
            errors,
        }
    }

    /// The full HTTP response in the given language.
    pub fn response(&self, lang: Lang) -> HttpResponse {
        let body = serde_json::to_string(&self.problem(lang)).unwrap_or_default();
        HttpResponse::build(self.status_code())
            .insert_header(ContentType(mime_problem()))
            .body(body)
    }
}

fn mime_problem() -> mime::Mime {
    "application/problem+json"
        .parse()
        .unwrap_or(mime::APPLICATION_JSON)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Malformed(_) => StatusCode::BAD_REQUEST,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge | ApiError::FileTooLarge { .. } => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::UnsupportedContent { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound | ApiError::NoRoute => StatusCode::NOT_FOUND,
            ApiError::Rule(DomainError::IllegalTransition { .. }) | ApiError::Conflict { .. } => {
                StatusCode::CONFLICT
            }
            ApiError::Rule(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::Unavailable(_) | ApiError::PdfUnavailable(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.response(Lang::En)
    }
}

/// Reusable documented error responses, one per status.
pub mod responses {
    use utoipa::ToResponse;

    use super::Problem;

    /// 400.
    #[derive(ToResponse)]
    #[response(
        description = "Malformed JSON, path or query",
        content_type = "application/problem+json"
    )]
    pub struct Malformed(#[allow(dead_code)] Problem);

    /// 401.
    #[derive(ToResponse)]
    #[response(
        description = "Missing, expired or tampered access token",
        content_type = "application/problem+json"
    )]
    pub struct Unauthorized(#[allow(dead_code)] Problem);

    /// 403.
    #[derive(ToResponse)]
    #[response(
        description = "The caller's roles do not allow this",
        content_type = "application/problem+json"
    )]
    pub struct Forbidden(#[allow(dead_code)] Problem);

    /// 404.
    #[derive(ToResponse)]
    #[response(
        description = "No such record, or not one the caller may see",
        content_type = "application/problem+json"
    )]
    pub struct NotFound(#[allow(dead_code)] Problem);

    /// 409.
    #[derive(ToResponse)]
    #[response(
        description = "The record's state does not allow this",
        content_type = "application/problem+json"
    )]
    pub struct Conflict(#[allow(dead_code)] Problem);

    /// 412.
    #[derive(ToResponse)]
    #[response(
        description = "If-Match named a version that is no longer current",
        content_type = "application/problem+json"
    )]
    pub struct PreconditionFailed(#[allow(dead_code)] Problem);

    /// 415.
    #[derive(ToResponse)]
    #[response(
        description = "The body is not application/json",
        content_type = "application/problem+json"
    )]
    pub struct UnsupportedMediaType(#[allow(dead_code)] Problem);

    /// 415 for an upload.
    #[derive(ToResponse)]
    #[response(
        description = "The body is not multipart/form-data, or the file's content is not \
            PDF, JPEG, PNG, XLSX or DOCX; `detail` lists the accepted types",
        content_type = "application/problem+json",
        example = json!({
            "type": "/problems/unsupported-media-type",
            "title": "Unsupported media type",
            "status": 415,
            "detail": "the file's content is not an accepted type; accepted: PDF \
                (application/pdf), JPEG (image/jpeg), PNG (image/png), XLSX \
                (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), \
                DOCX (application/vnd.openxmlformats-officedocument.wordprocessingml.document)"
        })
    )]
    pub struct UnsupportedFileType(#[allow(dead_code)] Problem);

    /// 413.
    #[derive(ToResponse)]
    #[response(
        description = "The file is larger than the configured limit \
            (`LOANBOOK_DOCUMENT_MAX_BYTES`); nothing was stored",
        content_type = "application/problem+json",
        example = json!({
            "type": "/problems/payload-too-large",
            "title": "Payload too large",
            "status": 413,
            "detail": "the file is larger than the limit of 20971520 bytes"
        })
    )]
    pub struct FileTooLarge(#[allow(dead_code)] Problem);

    /// 503 for a PDF.
    #[derive(ToResponse)]
    #[response(
        description = "No CJK font is installed, so no PDF can be rendered; `detail` names \
            the font file or paths tried and the Debian package to install. The HTML \
            version of the document still works.",
        content_type = "application/problem+json",
        example = json!({
            "type": "/problems/pdf-font-missing",
            "title": "PDF documents are unavailable",
            "status": 503,
            "detail": "the PDF font /fonts/missing.ttc could not be read (No such file or \
                directory (os error 2)); check LOANBOOK_PDF_FONT, or unset it and install the \
                Debian package fonts-wqy-microhei (or fonts-noto-cjk); the HTML version of \
                the document works without it"
        })
    )]
    pub struct PdfUnavailable(#[allow(dead_code)] Problem);

    /// 422.
    #[derive(ToResponse)]
    #[response(
        description = "Invalid fields or a broken lending rule; `errors` lists the fields",
        content_type = "application/problem+json"
    )]
    pub struct Invalid(#[allow(dead_code)] Problem);
}
