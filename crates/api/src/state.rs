//! What every handler can reach: the database pool, the business clock,
//! the product defaults, the file store and the PDF font.

use loanbook_domain::LprTable;
use loanbook_persistence::files::FileStore;
use loanbook_persistence::repo::settings;
use loanbook_persistence::{ConnectionTrait, DatabaseConnection};
use loanbook_render::{CjkFont, FontMissing};
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
    /// The lender's unified social credit code, when configured.
    pub lender_credit_code: Option<String>,
    /// The lender's registered address, when configured.
    pub lender_address: Option<String>,
    /// Stored files (supporting documents, generated PDFs), by SHA-256.
    pub files: FileStore,
    /// The largest supporting document accepted, in bytes.
    pub document_max_bytes: u64,
    /// The font PDF documents are set in, loaded once at start-up, or why
    /// there is none (PDF requests then answer 503 with that reason).
    pub pdf_font: Result<CjkFont, FontMissing>,
}

impl AppState {
    /// The PDF font, or the 503 that names what is missing.
    pub fn pdf_font(&self) -> Result<&CjkFont, ApiError> {
        self.pdf_font
            .as_ref()
            .map_err(|missing| ApiError::PdfUnavailable(missing.clone()))
    }

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
