//! Loanbook's schema history. One set of migrations runs on SQLite and on
//! PostgreSQL. Migrations are frozen once released: each is named by date and
//! verb, has a real `down`, and never imports the application's entity types.
//!
//! Money is stored as BIGINT fen (`*_fen` columns) and rates as BIGINT
//! ten-thousandths of a percent (`*_e4`), exact and summable on both backends.

pub use sea_orm_migration::prelude::*;

mod m20261203_000001_create_core_tables;
mod m20261204_000002_create_documents;
mod m20261204_000003_create_products_and_assessments;
mod m20261204_000004_create_loan_notes;

/// Runs every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261203_000001_create_core_tables::Migration),
            Box::new(m20261204_000002_create_documents::Migration),
            Box::new(m20261204_000003_create_products_and_assessments::Migration),
            Box::new(m20261204_000004_create_loan_notes::Migration),
        ]
    }
}
