//! Creates users, tokens, settings, customers, applications, approvals, loans,
//! installments and loan transactions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// The first schema.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let names = [
            "loan_transactions",
            "installments",
            "loans",
            "approvals",
            "loan_applications",
            "customers",
            "refresh_tokens",
            "users",
            "counters",
            "settings",
        ];
        for name in names {
            let drop = Table::drop().table(Alias::new(name)).if_exists().to_owned();
            manager.drop_table(drop).await?;
        }
        Ok(())
    }
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        settings(),
        counters(),
        users(),
        refresh_tokens(),
        customers(),
        loan_applications(),
        approvals(),
        loans(),
        installments(),
        loan_transactions(),
    ]
}

fn foreign(from: &str, column: &str, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{from}_{column}"))
        .from(Alias::new(from), Alias::new(column))
        .to(Alias::new(to), Alias::new("id"))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn settings() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("settings"))
        .col(string(Alias::new("key")).primary_key())
        .col(text(Alias::new("value")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .to_owned()
}

fn counters() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("counters"))
        .col(string(Alias::new("name")).primary_key())
        .col(big_integer(Alias::new("value")))
        .to_owned()
}

fn users() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("users"))
        .col(pk_uuid(Alias::new("id")))
        .col(string_uniq(Alias::new("username")))
        .col(string(Alias::new("password_hash")))
        .col(string(Alias::new("display_name")))
        .col(string(Alias::new("roles")))
        .col(uuid_null(Alias::new("customer_id")))
        .col(boolean(Alias::new("active")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .to_owned()
}

fn refresh_tokens() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("refresh_tokens"))
        .col(pk_uuid(Alias::new("id")))
        .col(uuid(Alias::new("user_id")))
        .col(string_uniq(Alias::new("token_hash")))
        .col(timestamp_with_time_zone(Alias::new("expires_at")))
        .col(timestamp_with_time_zone_null(Alias::new("revoked_at")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .foreign_key(&mut foreign("refresh_tokens", "user_id", "users"))
        .to_owned()
}

fn customers() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("customers"))
        .col(pk_uuid(Alias::new("id")))
        .col(string(Alias::new("name")))
        .col(string_uniq(Alias::new("credit_code")))
        .col(string(Alias::new("contact_name")))
        .col(string(Alias::new("phone")))
        .col(string(Alias::new("email")))
        .col(string(Alias::new("address")))
        .col(big_integer(Alias::new("credit_limit_fen")))
        .col(uuid_null(Alias::new("account_manager_id")))
        .col(string_null(Alias::new("external_id")).unique_key())
        .col(uuid(Alias::new("created_by")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .col(integer(Alias::new("version")))
        .foreign_key(&mut foreign("customers", "account_manager_id", "users"))
        .to_owned()
}

fn loan_applications() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("loan_applications"))
        .col(pk_uuid(Alias::new("id")))
        .col(uuid(Alias::new("customer_id")))
        .col(string(Alias::new("status")))
        .col(string(Alias::new("product_id")))
        .col(big_integer(Alias::new("amount_fen")))
        .col(integer(Alias::new("term_months")))
        .col(string(Alias::new("repayment_method")))
        .col(big_integer(Alias::new("annual_rate_e4")))
        .col(text(Alias::new("purpose")))
        .col(text(Alias::new("repayment_source")))
        .col(big_integer_null(Alias::new("approved_amount_fen")))
        .col(integer_null(Alias::new("approved_term_months")))
        .col(string_null(Alias::new("approved_repayment_method")))
        .col(big_integer_null(Alias::new("approved_annual_rate_e4")))
        .col(uuid(Alias::new("created_by")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .col(integer(Alias::new("version")))
        .foreign_key(&mut foreign(
            "loan_applications",
            "customer_id",
            "customers",
        ))
        .to_owned()
}

fn approvals() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("approvals"))
        .col(pk_uuid(Alias::new("id")))
        .col(uuid(Alias::new("application_id")))
        .col(string(Alias::new("action")))
        .col(uuid(Alias::new("actor_id")))
        .col(boolean(Alias::new("as_manager")))
        .col(text(Alias::new("comment")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .foreign_key(&mut foreign(
            "approvals",
            "application_id",
            "loan_applications",
        ))
        .to_owned()
}

fn loans() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("loans"))
        .col(pk_uuid(Alias::new("id")))
        .col(string_uniq(Alias::new("loan_number")))
        .col(string_uniq(Alias::new("note_number")))
        .col(uuid_uniq(Alias::new("application_id")))
        .col(uuid(Alias::new("customer_id")))
        .col(string(Alias::new("status")))
        .col(big_integer(Alias::new("principal_fen")))
        .col(big_integer(Alias::new("annual_rate_e4")))
        .col(big_integer(Alias::new("penalty_rate_e4")))
        .col(boolean(Alias::new("penalty_on_interest")))
        .col(integer(Alias::new("grace_days")))
        .col(string(Alias::new("repayment_method")))
        .col(integer(Alias::new("term_months")))
        .col(date(Alias::new("disbursement_date")))
        .col(date_null(Alias::new("first_due_date")))
        .col(date(Alias::new("maturity_date")))
        .col(string(Alias::new("bank_reference")))
        .col(uuid(Alias::new("disbursed_by")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .col(integer(Alias::new("version")))
        .foreign_key(&mut foreign("loans", "application_id", "loan_applications"))
        .foreign_key(&mut foreign("loans", "customer_id", "customers"))
        .to_owned()
}

fn installments() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("installments"))
        .col(uuid(Alias::new("loan_id")))
        .col(integer(Alias::new("number")))
        .col(date(Alias::new("due_date")))
        .col(big_integer(Alias::new("principal_fen")))
        .col(big_integer(Alias::new("interest_fen")))
        .col(big_integer(Alias::new("payment_fen")))
        .col(big_integer(Alias::new("balance_after_fen")))
        .primary_key(
            Index::create()
                .col(Alias::new("loan_id"))
                .col(Alias::new("number")),
        )
        .foreign_key(&mut foreign("installments", "loan_id", "loans"))
        .to_owned()
}

fn loan_transactions() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("loan_transactions"))
        .col(pk_uuid(Alias::new("id")))
        .col(uuid(Alias::new("loan_id")))
        .col(string(Alias::new("kind")))
        .col(big_integer(Alias::new("amount_fen")))
        .col(date(Alias::new("value_date")))
        .col(string_null(Alias::new("prepayment")))
        .col(string(Alias::new("method")))
        .col(string(Alias::new("reference")))
        .col(string_null(Alias::new("idempotency_key")))
        .col(uuid(Alias::new("recorded_by")))
        .col(timestamp_with_time_zone(Alias::new("recorded_at")))
        .col(timestamp_with_time_zone_null(Alias::new("reversed_at")))
        .col(uuid_null(Alias::new("reversed_by")))
        .col(text_null(Alias::new("reversal_reason")))
        .foreign_key(&mut foreign("loan_transactions", "loan_id", "loans"))
        .to_owned()
}

fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        index("loan_applications", &["customer_id"], false),
        index("loan_applications", &["status"], false),
        index("loans", &["customer_id"], false),
        index("loans", &["status"], false),
        index("approvals", &["application_id"], false),
        index("loan_transactions", &["loan_id", "value_date"], false),
        index("loan_transactions", &["loan_id", "idempotency_key"], true),
        index("refresh_tokens", &["user_id"], false),
        index("customers", &["account_manager_id"], false),
    ]
}

fn index(table: &str, columns: &[&str], unique: bool) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement
        .name(format!("ix_{table}_{}", columns.join("_")))
        .table(Alias::new(table));
    for column in columns {
        statement.col(Alias::new(*column));
    }
    if unique {
        statement.unique();
    }
    statement.to_owned()
}
