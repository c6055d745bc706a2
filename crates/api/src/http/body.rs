//! `Body<T>`: a JSON body whose errors are problem documents naming the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, FieldError};

/// The most a JSON request body may hold.
const BODY_LIMIT: usize = 256 * 1024;

/// A JSON request body. Syntax errors are 400; a value of the wrong type or a
/// missing or unknown field is 422 with the field's path.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(is_json_media_type);
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::UnsupportedMediaType);
            }
            let bytes = bytes.await.map_err(|e| {
                let payload = e.as_error::<actix_web::error::PayloadError>();
                if matches!(payload, Some(actix_web::error::PayloadError::Overflow)) {
                    ApiError::PayloadTooLarge
                } else {
                    ApiError::Malformed(e.to_string())
                }
            })?;
            if bytes.len() > BODY_LIMIT {
                return Err(ApiError::PayloadTooLarge);
            }
            parse(&bytes).map(Body)
        })
    }
}

fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            let message = inner.to_string();
            let message = message
                .split(" at line")
                .next()
                .unwrap_or_default()
                .to_owned();
            let field = field_name(&path, &message);
            ApiError::Validation(vec![FieldError::new(
                &field,
                message.clone(),
                format!("字段格式不正确：{message}"),
            )])
        } else {
            ApiError::Malformed(format!("the body is not valid JSON: {inner}"))
        }
    })?;
    deserializer
        .end()
        .map_err(|_| ApiError::Malformed("the body has data after the JSON value".into()))?;
    Ok(value)
}

/// `application/json` or a `+json` type, in any letter case, with or
/// without parameters such as `charset`.
fn is_json_media_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The path of the offending value; for a missing field serde reports the
/// enclosing object, so the field's own name is taken from the message.
fn field_name(path: &str, message: &str) -> String {
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let prefix = if path == "." {
        String::new()
    } else {
        format!("{path}.")
    };
    match missing {
        Some(name) => format!("{prefix}{name}"),
        None if path == "." => "body".to_owned(),
        None => path.to_owned(),
    }
}
