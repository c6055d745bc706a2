//! Cursor paging (`?limit=&cursor=`) and ETags.

use actix_web::HttpRequest;
use actix_web::http::header::IF_MATCH;
use loanbook_persistence::repo::PageRequest;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::ApiError;

/// Paging parameters of every list endpoint.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Paged<T> {
    /// The records on this page.
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Checks paging parameters.
pub fn page_request(query: &ListQuery) -> Result<PageRequest, ApiError> {
    let limit = query.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            "limit must be 1 to 200",
            "limit 须为 1 至 200",
        ));
    }
    let after = match query.cursor.as_deref() {
        None | Some("") => None,
        Some(text) => Some(Uuid::parse_str(text).map_err(|_| {
            ApiError::field("cursor", "cursor is not one this API issued", "cursor 无效")
        })?),
    };
    Ok(PageRequest { limit, after })
}

/// The ETag of a record version.
pub fn etag(id: Uuid, version: i32) -> String {
    format!("\"{}-{version}\"", id.simple())
}

/// The request's `If-Match` header, if it sent one.
pub fn if_match(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(IF_MATCH)?;
    Some(String::from_utf8_lossy(value.as_bytes()).trim().to_owned())
}

/// 412 when `If-Match` names another version than `current` (`*` matches any).
pub fn check_if_match(given: Option<&str>, current: &str) -> Result<(), ApiError> {
    match given {
        Some(tag) if tag != "*" && tag != current => Err(ApiError::PreconditionFailed),
        _ => Ok(()),
    }
}
