//! The persistence layer's error type. Repositories return
//! [`PersistenceError`]; the API maps `NotFound` to 404, `Conflict` to 409 and
//! everything else to a 500 whose body says nothing internal.

use sea_orm::{DbErr, SqlErr};
use thiserror::Error;

/// A storage failure.
#[derive(Debug, Error)]
pub enum PersistenceError {
    /// The record does not exist.
    #[error("record not found")]
    NotFound,
    /// A unique or foreign-key constraint refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A stored value no longer satisfies the domain's rules.
    #[error("stored value is invalid: {0}")]
    Corrupt(String),
    /// The database could not be reached.
    #[error("database unavailable")]
    Unavailable(#[source] DbErr),
    /// Any other database error.
    #[error("database error")]
    Database(#[source] DbErr),
    /// The file store (an object store or the local temporary directory)
    /// failed.
    #[error("file storage failed")]
    Storage(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<DbErr> for PersistenceError {
    fn from(error: DbErr) -> Self {
        match error.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => {
                return PersistenceError::Conflict(detail);
            }
            Some(SqlErr::ForeignKeyConstraintViolation(detail)) => {
                return PersistenceError::Conflict(detail);
            }
            _ => {}
        }
        match error {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => PersistenceError::Unavailable(error),
            other => PersistenceError::Database(other),
        }
    }
}

impl PersistenceError {
    /// A stored value that failed to parse into its domain type.
    pub fn corrupt(what: &str, detail: impl std::fmt::Display) -> Self {
        PersistenceError::Corrupt(format!("{what}: {detail}"))
    }
}

impl PersistenceError {
    /// A failure of the file store.
    pub fn storage(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        PersistenceError::Storage(Box::new(error))
    }
}
