//! Supporting documents: who may upload, read and delete them, the upload
//! itself (check the parts, recognise the content, store the bytes once,
//! record the document) and the soft deletion the audit trail keeps.

use loanbook_domain::ApplicationStatus;
use loanbook_domain::document::{DeletionRefused, DocumentType, OwnerKind, check_deletion};
use loanbook_persistence::ConnectionTrait;
use loanbook_persistence::repo::documents::{self as repo, DocumentRecord, NewDocument};
use loanbook_persistence::repo::{Scope, applications, customers, loans};
use tracing::{info, instrument};
use uuid::Uuid;

use crate::dto::{Fields, is_clean};
use crate::error::{ApiError, FieldError};
use crate::http::upload::{ReceivedFile, Upload};
use crate::http::{Actor, Permission};
use crate::services::content_type::{FileKind, accepted_types, detect};
use crate::state::AppState;

/// The longest file name kept, in characters.
const FILE_NAME_MAX: usize = 255;

/// The record a document is attached to, as the caller may see it.
#[derive(Debug, Clone, Copy)]
pub struct Owner {
    /// Customer, application or loan.
    pub kind: OwnerKind,
    /// Its id.
    pub id: Uuid,
    /// The customer it belongs to.
    pub customer_id: Uuid,
    /// The application's status, for an application.
    pub application_status: Option<ApplicationStatus>,
}

/// The permission that uploading to this kind of record needs.
pub fn upload_permission(kind: OwnerKind) -> Permission {
    match kind {
        OwnerKind::Loan => Permission::LoanDocumentUpload,
        OwnerKind::Customer | OwnerKind::Application => Permission::DocumentUpload,
    }
}

/// Loads the owning record within the scope; 404 when the caller may not
/// see it.
pub async fn owner(
    db: &impl ConnectionTrait,
    scope: Scope,
    (kind, id): (OwnerKind, Uuid),
) -> Result<Owner, ApiError> {
    let (customer_id, application_status) = match kind {
        OwnerKind::Customer => (customers::find(db, scope, id).await?.id, None),
        OwnerKind::Application => {
            let application = applications::find(db, scope, id).await?;
            (application.customer_id, Some(application.status))
        }
        OwnerKind::Loan => (loans::find(db, scope, id).await?.customer_id, None),
    };
    Ok(Owner {
        kind,
        id,
        customer_id,
        application_status,
    })
}

/// A checked upload: the declared type, the name and the file.
struct CheckedUpload {
    document_type: DocumentType,
    file_name: String,
    file: ReceivedFile,
}

fn check_upload(upload: Upload) -> Result<CheckedUpload, ApiError> {
    let mut fields = Fields::new();
    let document_type = match upload.text("document_type") {
        None => {
            fields.push(missing("document_type"));
            None
        }
        Some(text) => document_type(&mut fields, text.trim()),
    };
    let declared = upload.texts.iter().filter(|(n, _)| n == "document_type");
    if declared.count() > 1 {
        fields.push(FieldError::new(
            "document_type",
            "send document_type once",
            "document_type 只能发送一次",
        ));
    }
    let unknown = upload
        .texts
        .iter()
        .filter(|(name, _)| name != "document_type");
    for (name, _) in unknown {
        fields.push(FieldError::new(
            name,
            format!("unknown part {name}; send document_type and file"),
            format!("未知的字段 {name}；请只发送 document_type 与 file"),
        ));
    }
    let file_name = check_file(&mut fields, upload.file.as_ref());
    let (Some(document_type), Some(file_name), Some(file)) =
        (document_type, file_name, upload.file)
    else {
        return Err(fields.into_error());
    };
    fields.finish()?;
    Ok(CheckedUpload {
        document_type,
        file_name,
        file,
    })
}

fn missing(field: &str) -> FieldError {
    FieldError::new(
        field,
        format!("{field} is required"),
        format!("缺少 {field}"),
    )
}

fn document_type(fields: &mut Fields, text: &str) -> Option<DocumentType> {
    let parsed = text.parse::<DocumentType>().ok();
    if parsed.is_none() {
        let names: Vec<&str> = DocumentType::ALL.iter().map(|t| t.as_str()).collect();
        fields.push(FieldError::new(
            "document_type",
            format!(
                "unknown document type {text:?}; one of {}",
                names.join(", ")
            ),
            format!("未知的资料类型 {text:?}；可选：{}", names.join("、")),
        ));
    }
    parsed
}

/// The file must be there, not empty, and carry a usable name.
fn check_file(fields: &mut Fields, file: Option<&ReceivedFile>) -> Option<String> {
    let Some(file) = file else {
        fields.push(missing("file"));
        return None;
    };
    if file.hashed.stored.size == 0 {
        fields.push(FieldError::new("file", "the file is empty", "文件为空"));
        return None;
    }
    let name = file.name.as_deref().map(str::trim).unwrap_or_default();
    let fits = !name.is_empty() && name.chars().count() <= FILE_NAME_MAX;
    if !fits || !is_clean(name) {
        fields.push(FieldError::new(
            "file",
            format!(
                "the file part needs a filename of 1 to {FILE_NAME_MAX} characters \
                 without control characters"
            ),
            format!("文件须带有 1 至 {FILE_NAME_MAX} 个字符且不含控制字符的文件名"),
        ));
        return None;
    }
    Some(name.to_owned())
}

/// Recognises the content; anything but the accepted kinds is 415.
async fn recognise(file: &ReceivedFile) -> Result<FileKind, ApiError> {
    let path = file.hashed.path().to_owned();
    let kind = actix_web::web::block(move || detect(&path))
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| ApiError::Internal(e.into()))?;
    kind.ok_or_else(|| {
        let accepted = accepted_types();
        ApiError::UnsupportedContent {
            en: format!("the file's content is not an accepted type; accepted: {accepted}"),
            zh: format!("文件内容不是可接受的类型；可接受：{accepted}"),
        }
    })
}

/// Checks the parts, recognises the content, stores the bytes unless the
/// store has them, and records the document in one transaction. The
/// temporary file is removed on every path.
#[instrument(skip_all, fields(owner_id = %owner.id, owner_kind = owner.kind.as_str()))]
pub async fn upload(
    state: &AppState,
    actor: &Actor,
    owner: Owner,
    upload: Upload,
) -> Result<DocumentRecord, ApiError> {
    let checked = check_upload(upload)?;
    let kind = recognise(&checked.file).await?;
    let hashed = &checked.file.hashed;
    let uploaded = state.files.put_hashed(hashed, kind.mime()).await?;

    // Limitation: when the transaction below fails after a new object was
    // stored, the object stays without a row; it is keyed by its hash, so a
    // later upload of the same bytes reuses it, but nothing removes it.
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    repo::record_stored_file(&txn, &hashed.stored, kind.mime()).await?;
    let new = NewDocument {
        owner: owner.kind,
        owner_id: owner.id,
        customer_id: owner.customer_id,
        document_type: checked.document_type,
        file_name: checked.file_name,
        file: hashed.stored.clone(),
        content_type: kind.mime().to_owned(),
    };
    let document = repo::insert(&txn, new, actor.user_id).await?;
    txn.commit().await?;
    info!(
        document_id = %document.id,
        size = document.file.size,
        new_object = uploaded,
        "document stored"
    );
    Ok(document)
}

/// Soft-deletes a document: admin, reviewer and manager may delete any in
/// their scope, anyone else only what they uploaded themselves. Documents
/// of a loan, and of a disbursed application, stay (409).
#[instrument(skip_all, fields(document_id = %id))]
pub async fn delete(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    reason: &str,
) -> Result<DocumentRecord, ApiError> {
    actor.require(Permission::DocumentRead)?;
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let document = repo::find(&txn, actor.scope(), id).await?;
    let uploader = document.uploaded_by == actor.user_id;
    let own = uploader && actor.can(upload_permission(document.owner));
    if !actor.can(Permission::DocumentDeleteAny) && !own {
        return Err(ApiError::Forbidden);
    }
    let owner = owner(&txn, Scope::All, (document.owner, document.owner_id)).await?;
    check_deletion(
        owner.kind,
        owner.application_status,
        document.deletion.is_some(),
    )
    .map_err(refused)?;
    repo::mark_deleted(&txn, id, actor.user_id, reason).await?;
    let deleted = repo::find(&txn, Scope::All, id).await?;
    txn.commit().await?;
    Ok(deleted)
}

fn refused(reason: DeletionRefused) -> ApiError {
    match reason {
        DeletionRefused::LoanDocument => ApiError::conflict(
            "documents of a loan cannot be deleted",
            "借款的资料不能删除",
        ),
        DeletionRefused::DisbursedApplication => ApiError::conflict(
            "the application is disbursed; its documents cannot be deleted",
            "申请已放款，其资料不能删除",
        ),
        DeletionRefused::AlreadyDeleted => {
            ApiError::conflict("the document is already deleted", "该资料已删除")
        }
    }
}
