//! Supporting documents (申请材料) and the stored files they name. A
//! document is never removed: deleting it marks it with who, when and why.

use loanbook_domain::document::{DocumentType, OwnerKind};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, sea_query::Expr,
};
use time::OffsetDateTime;
use tracing::instrument;
use uuid::Uuid;

use super::{Page, PageRequest, Scope, customer_condition, into_page, parse};
use crate::PersistenceError;
use crate::entities::{document, stored_file};
use crate::files::StoredFile;

/// A document to attach.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// What it is attached to.
    pub owner: OwnerKind,
    /// The owning record's id.
    pub owner_id: Uuid,
    /// The customer the owner belongs to.
    pub customer_id: Uuid,
    /// The declared type.
    pub document_type: DocumentType,
    /// The file name the uploader gave.
    pub file_name: String,
    /// The stored file.
    pub file: StoredFile,
    /// The detected content type.
    pub content_type: String,
}

/// Who deleted a document, when and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// When.
    pub at: OffsetDateTime,
    /// Who.
    pub by: Uuid,
    /// Why.
    pub reason: String,
}

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRecord {
    /// Identifier.
    pub id: Uuid,
    /// What it is attached to.
    pub owner: OwnerKind,
    /// The owning record's id.
    pub owner_id: Uuid,
    /// The customer the owner belongs to.
    pub customer_id: Uuid,
    /// The declared type.
    pub document_type: DocumentType,
    /// The file name the uploader gave.
    pub file_name: String,
    /// The stored file.
    pub file: StoredFile,
    /// The detected content type.
    pub content_type: String,
    /// Who uploaded it.
    pub uploaded_by: Uuid,
    /// When.
    pub uploaded_at: OffsetDateTime,
    /// Set once it is deleted.
    pub deletion: Option<Deletion>,
}

fn record(row: document::Model) -> Result<DocumentRecord, PersistenceError> {
    let owner = row
        .owner_kind
        .parse()
        .map_err(|()| PersistenceError::corrupt("owner_kind", &row.owner_kind))?;
    let deletion = match (row.deleted_at, row.deleted_by) {
        (Some(at), Some(by)) => Some(Deletion {
            at,
            by,
            reason: row.deletion_reason.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(DocumentRecord {
        id: row.id,
        owner,
        owner_id: row.owner_id,
        customer_id: row.customer_id,
        document_type: parse("document_type", &row.document_type)?,
        file_name: row.file_name,
        file: StoredFile {
            sha256: row.sha256,
            size: u64::try_from(row.size_bytes)
                .map_err(|e| PersistenceError::corrupt("size", e))?,
        },
        content_type: row.content_type,
        uploaded_by: row.uploaded_by,
        uploaded_at: row.uploaded_at,
        deletion,
    })
}

fn size_to_db(file: &StoredFile) -> Result<i64, PersistenceError> {
    i64::try_from(file.size).map_err(|e| PersistenceError::corrupt("size", e))
}

/// Records a stored file unless it is recorded already (the same bytes
/// uploaded again keep their first row).
#[instrument(skip_all, fields(sha256 = %file.sha256))]
pub async fn record_stored_file(
    db: &impl ConnectionTrait,
    file: &StoredFile,
    content_type: &str,
) -> Result<(), PersistenceError> {
    let row = stored_file::ActiveModel {
        sha256: Set(file.sha256.clone()),
        size_bytes: Set(size_to_db(file)?),
        content_type: Set(content_type.to_owned()),
        created_at: Set(OffsetDateTime::now_utc()),
    };
    stored_file::Entity::insert(row)
        .on_conflict_do_nothing()
        .exec(db)
        .await?;
    Ok(())
}

/// Attaches a document; its stored file must be recorded first.
#[instrument(skip_all, fields(owner_id = %new.owner_id, sha256 = %new.file.sha256))]
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewDocument,
    uploaded_by: Uuid,
) -> Result<DocumentRecord, PersistenceError> {
    let row = document::ActiveModel {
        id: Set(Uuid::now_v7()),
        owner_kind: Set(new.owner.as_str().to_owned()),
        owner_id: Set(new.owner_id),
        customer_id: Set(new.customer_id),
        document_type: Set(new.document_type.as_str().to_owned()),
        file_name: Set(new.file_name),
        size_bytes: Set(size_to_db(&new.file)?),
        sha256: Set(new.file.sha256),
        content_type: Set(new.content_type),
        uploaded_by: Set(uploaded_by),
        uploaded_at: Set(OffsetDateTime::now_utc()),
        deleted_at: Set(None),
        deleted_by: Set(None),
        deletion_reason: Set(None),
    };
    record(row.insert(db).await?)
}

fn scoped(scope: Scope) -> Select<document::Entity> {
    document::Entity::find().filter(customer_condition(scope, document::Column::CustomerId))
}

/// The document with this id, deleted or not, if the scope lets the reader
/// see its customer.
#[instrument(skip_all, fields(document_id = %id))]
pub async fn find(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: Uuid,
) -> Result<DocumentRecord, PersistenceError> {
    let row = scoped(scope)
        .filter(document::Column::Id.eq(id))
        .one(db)
        .await?;
    record(row.ok_or(PersistenceError::NotFound)?)
}

/// A page of one record's documents, oldest first; deleted ones only when
/// asked for.
#[instrument(skip_all, fields(owner_id = %owner_id))]
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    (owner, owner_id): (OwnerKind, Uuid),
    include_deleted: bool,
    page: PageRequest,
) -> Result<Page<DocumentRecord>, PersistenceError> {
    let mut query = scoped(scope)
        .filter(document::Column::OwnerKind.eq(owner.as_str()))
        .filter(document::Column::OwnerId.eq(owner_id))
        .order_by_asc(document::Column::Id);
    if !include_deleted {
        query = query.filter(document::Column::DeletedAt.is_null());
    }
    if let Some(after) = page.after {
        query = query.filter(document::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let items = rows
        .into_iter()
        .map(record)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(into_page(items, page.limit, |d| d.id))
}

/// Marks a document deleted. Only a document not yet deleted changes, so
/// two concurrent deletions cannot both win: the second is a conflict.
#[instrument(skip_all, fields(document_id = %id))]
pub async fn mark_deleted(
    db: &impl ConnectionTrait,
    id: Uuid,
    by: Uuid,
    reason: &str,
) -> Result<(), PersistenceError> {
    let result = document::Entity::update_many()
        .col_expr(
            document::Column::DeletedAt,
            Expr::value(OffsetDateTime::now_utc()),
        )
        .col_expr(document::Column::DeletedBy, Expr::value(by))
        .col_expr(document::Column::DeletionReason, Expr::value(reason))
        .filter(document::Column::Id.eq(id))
        .filter(document::Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    if result.rows_affected == 1 {
        Ok(())
    } else {
        Err(PersistenceError::Conflict(
            "document already deleted".into(),
        ))
    }
}

/// The distinct types of the documents attached to an application and not
/// deleted, sorted by name: what the submit check compares with a
/// product's required types.
#[instrument(skip_all, fields(application_id = %application_id))]
pub async fn present_types(
    db: &impl ConnectionTrait,
    application_id: Uuid,
) -> Result<Vec<String>, PersistenceError> {
    let mut types: Vec<String> = document::Entity::find()
        .select_only()
        .column(document::Column::DocumentType)
        .distinct()
        .filter(document::Column::OwnerKind.eq(OwnerKind::Application.as_str()))
        .filter(document::Column::OwnerId.eq(application_id))
        .filter(document::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    types.sort();
    Ok(types)
}
