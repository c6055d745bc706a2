//! Re-renders error responses in Chinese for `Accept-Language: zh…` requests.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::middleware::Next;

use crate::error::ApiError;
use crate::i18n::Lang;

/// Middleware: when the handler failed with an [`ApiError`] and the caller
/// prefers Chinese, the problem document is rebuilt in Chinese.
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let header = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = Lang::from_accept_language(header);
    let response = next.call(req).await?.map_into_boxed_body();
    if lang == Lang::En {
        return Ok(response);
    }
    let rebuilt = response
        .response()
        .error()
        .and_then(|error| error.as_error::<ApiError>())
        .map(|error| error.response(lang));
    Ok(match rebuilt {
        Some(localized) => response.into_response(localized),
        None => response,
    })
}
