//! Creates `stored_files` (each file's bytes once, by SHA-256) and
//! `documents` (supporting documents attached to a customer, an application
//! or a loan, soft-deleted with who, when and why).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Stored files and the documents that name them.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(stored_files()).await?;
        manager.create_table(documents()).await?;
        for columns in [
            &["customer_id"][..],
            &["owner_kind", "owner_id"][..],
            &["sha256"][..],
        ] {
            manager.create_index(index(columns)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["documents", "stored_files"] {
            let drop = Table::drop().table(Alias::new(name)).if_exists().to_owned();
            manager.drop_table(drop).await?;
        }
        Ok(())
    }
}

fn stored_files() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("stored_files"))
        .col(string_len(Alias::new("sha256"), 64).primary_key())
        .col(big_integer(Alias::new("size_bytes")))
        .col(string(Alias::new("content_type")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .to_owned()
}

fn documents() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("documents"))
        .col(pk_uuid(Alias::new("id")))
        .col(string(Alias::new("owner_kind")))
        .col(uuid(Alias::new("owner_id")))
        .col(uuid(Alias::new("customer_id")))
        .col(string(Alias::new("document_type")))
        .col(text(Alias::new("file_name")))
        .col(string_len(Alias::new("sha256"), 64))
        .col(big_integer(Alias::new("size_bytes")))
        .col(string(Alias::new("content_type")))
        .col(uuid(Alias::new("uploaded_by")))
        .col(timestamp_with_time_zone(Alias::new("uploaded_at")))
        .col(timestamp_with_time_zone_null(Alias::new("deleted_at")))
        .col(uuid_null(Alias::new("deleted_by")))
        .col(text_null(Alias::new("deletion_reason")))
        .foreign_key(&mut foreign("customer_id", "customers", "id"))
        .foreign_key(&mut foreign("sha256", "stored_files", "sha256"))
        .foreign_key(&mut foreign("uploaded_by", "users", "id"))
        .foreign_key(&mut foreign("deleted_by", "users", "id"))
        .to_owned()
}

fn foreign(column: &str, to: &str, to_column: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_documents_{column}"))
        .from(Alias::new("documents"), Alias::new(column))
        .to(Alias::new(to), Alias::new(to_column))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn index(columns: &[&str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement
        .name(format!("ix_documents_{}", columns.join("_")))
        .table(Alias::new("documents"));
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}
