//! What every handler can reach: the database pool, the business clock and
//! the product defaults.

use loanbook_domain::LprTable;
use loanbook_persistence::files::FileStore;
use loanbook_persistence::repo::settings;
use loanbook_persistence::{ConnectionTrait, DatabaseConnection};
use time::{Date, OffsetDateTime, UtcOffset};

use crate::error::ApiError;

/// The setting that overrides today's date for the business.
pub const BUSINESS_DATE_KEY: &str = "business_date";

/// Shared application state.
pub struct AppState {
    /// The database pool.
    pub db: DatabaseConnection,
    /// The business time zone.
    pub utc_offset: UtcOffset,
    /// The dated one-year Loan Prime Rate table behind the legal rate cap.
    pub lpr: LprTable,
    /// The lender named on loan notes.
    pub lender_name: String,
    /// Stored files (supporting documents, generated PDFs), by SHA-256.
    pub files: FileStore,
    /// The largest supporting document accepted, in bytes.
    pub document_max_bytes: u64,
}

impl AppState {
    /// Today in the business time zone, unless an operator fixed the date.
    pub async fn business_date(&self, db: &impl ConnectionTrait) -> Result<Date, ApiError> {
        let stored = settings::get(db, BUSINESS_DATE_KEY).await?;
        match stored {
            Some(text) => crate::dto::parse_date(&text)
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("bad business date {text}"))),
            None => Ok(OffsetDateTime::now_utc().to_offset(self.utc_offset).date()),
        }
    }
}
