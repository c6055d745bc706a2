//! Creates loan products (with the default product every earlier
//! application names) and credit assessments.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Loan products and credit assessments.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(loan_products()).await?;
        manager.exec_stmt(default_product()).await?;
        manager.create_table(credit_assessments()).await?;
        manager.create_index(assessment_index()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["credit_assessments", "loan_products"] {
            let drop = Table::drop().table(Alias::new(name)).if_exists().to_owned();
            manager.drop_table(drop).await?;
        }
        Ok(())
    }
}

fn loan_products() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("loan_products"))
        .col(string(Alias::new("id")).primary_key())
        .col(string(Alias::new("name")))
        .col(text(Alias::new("description")))
        .col(string(Alias::new("repayment_methods")))
        .col(big_integer(Alias::new("min_amount_fen")))
        .col(big_integer(Alias::new("max_amount_fen")))
        .col(integer(Alias::new("min_term_months")))
        .col(integer(Alias::new("max_term_months")))
        .col(big_integer(Alias::new("min_rate_e4")))
        .col(big_integer(Alias::new("max_rate_e4")))
        .col(integer(Alias::new("grace_days")))
        .col(big_integer(Alias::new("penalty_multiplier_e4")))
        .col(boolean(Alias::new("penalty_on_interest")))
        .col(big_integer(Alias::new("approval_threshold_fen")))
        .col(integer(Alias::new("reminder_days_before")))
        .col(string(Alias::new("dunning_days")))
        .col(string(Alias::new("required_document_types")))
        .col(boolean(Alias::new("active")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .col(timestamp_with_time_zone(Alias::new("updated_at")))
        .col(integer(Alias::new("version")))
        .to_owned()
}

/// The default product of DESIGN §6: every method, 0.01 to 100,000,000.00,
/// 1 to 360 months, 0 % to 100 % (the legal cap is checked apart), no grace,
/// penalty 1.5 × the contract rate on principal, manager above 100,000.00,
/// a reminder 3 days ahead, dunning at +1, +15 and +30 days, no documents.
fn default_product() -> InsertStatement {
    let columns = [
        "id",
        "name",
        "description",
        "repayment_methods",
        "min_amount_fen",
        "max_amount_fen",
        "min_term_months",
        "max_term_months",
        "min_rate_e4",
        "max_rate_e4",
        "grace_days",
        "penalty_multiplier_e4",
        "penalty_on_interest",
        "approval_threshold_fen",
        "reminder_days_before",
        "dunning_days",
        "required_document_types",
        "active",
        "created_at",
        "updated_at",
        "version",
    ];
    let values: Vec<SimpleExpr> = vec![
        "default".into(),
        "Standard customer loan".into(),
        "The terms used when an application names no product.".into(),
        "equal_installment,equal_principal,interest_only,bullet".into(),
        1i64.into(),
        10_000_000_000i64.into(),
        1i32.into(),
        360i32.into(),
        0i64.into(),
        1_000_000i64.into(),
        0i32.into(),
        15_000i64.into(),
        false.into(),
        10_000_000i64.into(),
        3i32.into(),
        "1,15,30".into(),
        "".into(),
        true.into(),
        Expr::current_timestamp(),
        Expr::current_timestamp(),
        1i32.into(),
    ];
    Query::insert()
        .into_table(Alias::new("loan_products"))
        .columns(columns.map(Alias::new))
        .values_panic(values)
        .to_owned()
}

fn credit_assessments() -> TableCreateStatement {
    Table::create()
        .table(Alias::new("credit_assessments"))
        .col(pk_uuid(Alias::new("id")))
        .col(uuid(Alias::new("application_id")))
        .col(uuid(Alias::new("customer_id")))
        .col(date(Alias::new("as_of")))
        .col(big_integer(Alias::new("revenue_fen")))
        .col(big_integer(Alias::new("net_profit_fen")))
        .col(big_integer(Alias::new("total_assets_fen")))
        .col(big_integer(Alias::new("total_liabilities_fen")))
        .col(integer(Alias::new("years_in_business")))
        .col(string(Alias::new("credit_check_source")))
        .col(date(Alias::new("credit_check_date")))
        .col(string(Alias::new("credit_check_rating")))
        .col(text(Alias::new("credit_check_notes")))
        .col(text(Alias::new("opinion")))
        .col(big_integer(Alias::new("requested_amount_fen")))
        .col(big_integer(Alias::new("credit_limit_fen")))
        .col(big_integer(Alias::new("exposure_fen")))
        .col(boolean(Alias::new("exceeds_credit_limit")))
        .col(integer(Alias::new("loans_count")))
        .col(integer(Alias::new("late_installments")))
        .col(integer(Alias::new("worst_days_past_due")))
        .col(big_integer_null(Alias::new("debt_ratio_e2")))
        .col(big_integer_null(Alias::new("profit_margin_e2")))
        .col(integer(Alias::new("score")))
        .col(string(Alias::new("risk_grade")))
        .col(text(Alias::new("reasons")))
        .col(uuid(Alias::new("assessed_by")))
        .col(timestamp_with_time_zone(Alias::new("assessed_at")))
        .foreign_key(
            ForeignKey::create()
                .name("fk_credit_assessments_application_id")
                .from(
                    Alias::new("credit_assessments"),
                    Alias::new("application_id"),
                )
                .to(Alias::new("loan_applications"), Alias::new("id"))
                .on_delete(ForeignKeyAction::Restrict),
        )
        .to_owned()
}

fn assessment_index() -> IndexCreateStatement {
    Index::create()
        .name("ix_credit_assessments_application_id")
        .table(Alias::new("credit_assessments"))
        .col(Alias::new("application_id"))
        .to_owned()
}
