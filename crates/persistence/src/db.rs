//! Connecting to SQLite or PostgreSQL and bringing the schema up to date.

use std::time::Duration;

use loanbook_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use tracing::info;

use crate::PersistenceError;

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file (or memory).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// The backend a connection URL names.
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Opens a pool and runs pending migrations. SQLite files are created when
/// missing and run in WAL mode with a busy timeout so concurrent requests wait
/// for the writer instead of failing.
pub async fn connect(
    url: &str,
    max_connections: u32,
) -> Result<DatabaseConnection, PersistenceError> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool_size(url, max_connections))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if Backend::of_url(url) == Backend::Sqlite {
        options.map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    }
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    info!(backend = ?Backend::of_url(url), "database ready");
    Ok(db)
}

/// An in-memory SQLite database exists per connection, so it gets exactly one.
fn pool_size(url: &str, requested: u32) -> u32 {
    if url.contains(":memory:") || url.contains("mode=memory") {
        1
    } else {
        requested.max(1)
    }
}

/// Begins a transaction for a command that will write. On SQLite the first
/// statement takes the write lock, so a concurrent writer waits for the busy
/// timeout instead of failing with "database is locked" when a read
/// snapshot would later have to be upgraded.
pub async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, PersistenceError> {
    use sea_orm::{ConnectionTrait, TransactionTrait};

    let txn = db.begin().await?;
    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        txn.execute_unprepared("UPDATE counters SET value = value WHERE name = ''")
            .await?;
    }
    Ok(txn)
}
