//! Loan notes (借据): which stored file holds a loan's rendered PDF. A note
//! is recorded once and never replaced, so the document a borrower signed
//! stays byte for byte what is served afterwards.

use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use time::OffsetDateTime;
use tracing::instrument;
use uuid::Uuid;

use super::documents::record_stored_file;
use crate::PersistenceError;
use crate::entities::loan_note;
use crate::files::StoredFile;

/// The content type loan notes are stored with.
pub const CONTENT_TYPE: &str = "application/pdf";

/// A loan's recorded loan note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanNoteRecord {
    /// The loan.
    pub loan_id: Uuid,
    /// The stored PDF.
    pub file: StoredFile,
    /// When it was rendered.
    pub rendered_at: OffsetDateTime,
}

fn record(row: loan_note::Model) -> Result<LoanNoteRecord, PersistenceError> {
    let size = u64::try_from(row.size_bytes).map_err(|e| PersistenceError::corrupt("size", e))?;
    Ok(LoanNoteRecord {
        loan_id: row.loan_id,
        file: StoredFile {
            sha256: row.sha256,
            size,
        },
        rendered_at: row.rendered_at,
    })
}

/// The loan's note, if one has been recorded.
#[instrument(skip_all, fields(loan_id = %loan_id))]
pub async fn find(
    db: &impl ConnectionTrait,
    loan_id: Uuid,
) -> Result<Option<LoanNoteRecord>, PersistenceError> {
    let row = loan_note::Entity::find_by_id(loan_id).one(db).await?;
    row.map(record).transpose()
}

/// Records `file` (already in the file store) as the loan's note, together
/// with its stored-file row, and returns the note as recorded. When the loan
/// has a note already, that one is kept and returned: the first note wins.
#[instrument(skip_all, fields(loan_id = %loan_id, sha256 = %file.sha256))]
pub async fn record_once(
    db: &impl ConnectionTrait,
    loan_id: Uuid,
    file: &StoredFile,
) -> Result<LoanNoteRecord, PersistenceError> {
    record_stored_file(db, file, CONTENT_TYPE).await?;
    let size = i64::try_from(file.size).map_err(|e| PersistenceError::corrupt("size", e))?;
    let row = loan_note::ActiveModel {
        loan_id: Set(loan_id),
        sha256: Set(file.sha256.clone()),
        size_bytes: Set(size),
        rendered_at: Set(OffsetDateTime::now_utc()),
    };
    loan_note::Entity::insert(row)
        .on_conflict_do_nothing()
        .exec(db)
        .await?;
    find(db, loan_id).await?.ok_or(PersistenceError::NotFound)
}
