//! Creates `loan_notes`: which stored file is a loan's rendered loan note
//! (借据) PDF. A table of its own rather than a column of `loans`, because
//! SQLite cannot add a foreign key to an existing table.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// The loan note of each loan, once rendered.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(loan_notes()).await?;
        manager.create_index(sha256_index()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = Table::drop()
            .table(Alias::new("loan_notes"))
            .if_exists()
            .to_owned();
        manager.drop_table(drop).await
    }
}

fn loan_notes() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("loan_notes"))
        .col(pk_uuid(Alias::new("loan_id")))
        .col(string_len(Alias::new("sha256"), 64))
        .col(big_integer(Alias::new("size_bytes")))
        .col(timestamp_with_time_zone(Alias::new("rendered_at")))
        .foreign_key(&mut foreign("loan_id", "loans", "id"))
        .foreign_key(&mut foreign("sha256", "stored_files", "sha256"))
        .to_owned()
}

fn foreign(column: &str, to: &str, to_column: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_loan_notes_{column}"))
        .from(Alias::new("loan_notes"), Alias::new(column))
        .to(Alias::new(to), Alias::new(to_column))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn sha256_index() -> IndexCreateStatement {
    Index::create()
        .name("ix_loan_notes_sha256")
        .table(Alias::new("loan_notes"))
        .col(Alias::new("sha256"))
        .to_owned()
}
