//! Reading a multipart/form-data upload of one file: the `file` part is
//! streamed to a temporary file while it is hashed and counted, never held
//! in memory whole; the small text parts are collected. Parts may come in
//! any order.

use actix_multipart::{Field, Multipart, MultipartError};
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;
use loanbook_persistence::files::{FileStore, HashedFile};

use crate::error::{ApiError, FieldError};

/// The longest text part accepted.
const TEXT_LIMIT: usize = 1024;

/// The most text parts accepted.
const TEXT_PARTS: usize = 8;

/// A received file part.
#[derive(Debug)]
pub struct ReceivedFile {
    /// The file name the client gave, if any.
    pub name: Option<String>,
    /// The bytes, hashed, in a temporary file removed when this is dropped.
    pub hashed: HashedFile,
}

/// What an upload carried.
#[derive(Debug, Default)]
pub struct Upload {
    /// The text parts by name, in arrival order.
    pub texts: Vec<(String, String)>,
    /// The file part.
    pub file: Option<ReceivedFile>,
}

impl Upload {
    /// The text part with this name.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Reads every part of a multipart body. The part named `file_part` goes to
/// a temporary file of at most `limit` bytes (413 beyond, with the partial
/// file removed); any other part must be short text. A body that is not
/// multipart is 415.
pub async fn read_upload(
    req: &HttpRequest,
    payload: web::Payload,
    files: &FileStore,
    file_part: &str,
    limit: u64,
) -> Result<Upload, ApiError> {
    let mut multipart = Multipart::new(req.headers(), payload);
    let mut upload = Upload::default();
    while let Some(field) = multipart.next().await {
        let mut field = field.map_err(multipart_error)?;
        let name = field.name().unwrap_or_default().to_owned();
        if name == file_part {
            if upload.file.is_some() {
                return Err(ApiError::field(
                    file_part,
                    "send exactly one file",
                    "只能上传一个文件",
                ));
            }
            upload.file = Some(receive_file(&mut field, files, limit).await?);
        } else if upload.texts.len() < TEXT_PARTS {
            let text = receive_text(&mut field, &name).await?;
            upload.texts.push((name, text));
        } else {
            return Err(ApiError::Malformed(format!(
                "the upload has more than {TEXT_PARTS} text parts"
            )));
        }
    }
    Ok(upload)
}

async fn receive_file(
    field: &mut Field,
    files: &FileStore,
    limit: u64,
) -> Result<ReceivedFile, ApiError> {
    let name = file_name(field);
    let mut incoming = files.incoming().await?;
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(multipart_error)?;
        let size = incoming.size() + u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        if size > limit {
            // Limitation: the rest of the body is not read; the server
            // answers 413 at once and then closes the connection (actix-http
            // drains it briefly so the client still receives the answer), so
            // a client must reconnect for its next request.
            // Dropping `incoming` removes what was written so far.
            return Err(ApiError::FileTooLarge { limit_bytes: limit });
        }
        incoming.write(&chunk).await?;
    }
    Ok(ReceivedFile {
        name,
        hashed: incoming.finish().await?,
    })
}

/// The part's file name: `filename*` (RFC 5987) when given, else
/// `filename` as sent (browsers send UTF-8 there).
fn file_name(field: &Field) -> Option<String> {
    let disposition = field.content_disposition()?;
    if let Some(extended) = disposition.get_filename_ext() {
        return Some(String::from_utf8_lossy(&extended.value).into_owned());
    }
    disposition.get_filename().map(str::to_owned)
}

async fn receive_text(field: &mut Field, name: &str) -> Result<String, ApiError> {
    let bytes = match field.bytes(TEXT_LIMIT).await {
        Ok(bytes) => bytes.map_err(multipart_error)?,
        Err(_) => {
            return Err(ApiError::field(
                name,
                format!("{name} must be at most {TEXT_LIMIT} bytes"),
                format!("{name} 不能超过 {TEXT_LIMIT} 字节"),
            ));
        }
    };
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        ApiError::Validation(vec![FieldError::new(
            name,
            format!("{name} must be UTF-8 text"),
            format!("{name} 须为 UTF-8 文本"),
        )])
    })
}

fn multipart_error(error: MultipartError) -> ApiError {
    match error {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible
        | MultipartError::BoundaryMissing => ApiError::UnsupportedContent {
            en: "send the upload as multipart/form-data with the parts document_type and file"
                .into(),
            zh: "请以 multipart/form-data 上传，包含 document_type 与 file 两部分".into(),
        },
        other => ApiError::Malformed(format!("the multipart body is malformed: {other}")),
    }
}
