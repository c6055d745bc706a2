//! Headers of file downloads: `Content-Disposition` with a file name any
//! client can read, and `If-None-Match` against a content hash.

use actix_web::HttpRequest;
use actix_web::http::header::{
    Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue, IF_NONE_MATCH,
};

/// `inline` or `attachment` with `filename="…"`, plus
/// `filename*=UTF-8''…` (RFC 5987) when the name is not plain ASCII; the
/// plain name then replaces each non-ASCII character with `_`.
pub fn content_disposition(disposition: DispositionType, file_name: &str) -> ContentDisposition {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut parameters = vec![DispositionParam::Filename(fallback)];
    if !file_name.is_ascii() {
        parameters.push(DispositionParam::FilenameExt(ExtendedValue {
            charset: Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: file_name.as_bytes().to_vec(),
        }));
    }
    ContentDisposition {
        disposition,
        parameters,
    }
}

/// True when the request's `If-None-Match` names `tag` (or `*`), so a 304
/// can answer it.
pub fn if_none_match(req: &HttpRequest, tag: &str) -> bool {
    let Some(value) = req.headers().get(IF_NONE_MATCH) else {
        return false;
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    text.split(',')
        .map(str::trim)
        .any(|given| given == "*" || given == tag || given.strip_prefix("W/") == Some(tag))
}
