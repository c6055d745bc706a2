//! Loanbook's storage: sea-orm entities and the repositories that map rows to
//! domain types. It owns the database connection, migrations at start-up and
//! the exact storage of money (integer fen). It must not know about HTTP.
//!
//! Every repository function takes `&impl ConnectionTrait`, so a service runs
//! several of them inside one transaction.

mod db;
pub mod entities;
mod error;
pub mod files;
pub mod repo;

pub use db::{Backend, begin_write, connect};
pub use error::PersistenceError;
pub use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait,
};
