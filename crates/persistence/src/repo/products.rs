//! Loan products.

use loanbook_domain::{LoanProduct, RepaymentMethod};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use time::OffsetDateTime;

use super::{money_of, parse, rate_of};
use crate::PersistenceError;
use crate::entities::loan_product;

/// A stored product with its version, the ETag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRecord {
    /// The product.
    pub product: LoanProduct,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// Version, the ETag.
    pub version: i32,
}

fn list_of<T: std::str::FromStr>(what: &str, text: &str) -> Result<Vec<T>, PersistenceError>
where
    T::Err: std::fmt::Display,
{
    text.split(',')
        .filter(|part| !part.is_empty())
        .map(|part| parse(what, part))
        .collect()
}

fn joined<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn unsigned(what: &str, value: i32) -> Result<u32, PersistenceError> {
    u32::try_from(value).map_err(|e| PersistenceError::corrupt(what, e))
}

fn signed(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

fn record(row: loan_product::Model) -> Result<ProductRecord, PersistenceError> {
    let product = LoanProduct {
        repayment_methods: list_of::<RepaymentMethod>("repayment_methods", &row.repayment_methods)?,
        min_amount: money_of(row.min_amount_fen),
        max_amount: money_of(row.max_amount_fen),
        min_term_months: unsigned("min_term_months", row.min_term_months)?,
        max_term_months: unsigned("max_term_months", row.max_term_months)?,
        min_rate: rate_of(row.min_rate_e4),
        max_rate: rate_of(row.max_rate_e4),
        grace_days: unsigned("grace_days", row.grace_days)?,
        penalty_multiplier: Decimal::new(row.penalty_multiplier_e4, 4).normalize(),
        penalty_on_interest: row.penalty_on_interest,
        approval_threshold: money_of(row.approval_threshold_fen),
        reminder_days_before: unsigned("reminder_days_before", row.reminder_days_before)?,
        dunning_days: list_of("dunning_days", &row.dunning_days)?,
        required_document_types: list_of("required_document_types", &row.required_document_types)?,
        active: row.active,
        id: row.id,
        name: row.name,
        description: row.description,
    };
    Ok(ProductRecord {
        product,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    })
}

/// The multiplier in ten-thousandths; the caller keeps it to 4 decimals.
fn multiplier_e4(multiplier: Decimal) -> i64 {
    let scaled = (multiplier * Decimal::from(10_000)).trunc();
    i64::try_from(scaled).unwrap_or(i64::MAX)
}

fn fill(active: &mut loan_product::ActiveModel, product: &LoanProduct) {
    active.name = Set(product.name.clone());
    active.description = Set(product.description.clone());
    let methods: Vec<&str> = product
        .repayment_methods
        .iter()
        .map(|m| m.as_str())
        .collect();
    active.repayment_methods = Set(methods.join(","));
    active.min_amount_fen = Set(product.min_amount.fen());
    active.max_amount_fen = Set(product.max_amount.fen());
    active.min_term_months = Set(signed(product.min_term_months));
    active.max_term_months = Set(signed(product.max_term_months));
    active.min_rate_e4 = Set(product.min_rate.ten_thousandths());
    active.max_rate_e4 = Set(product.max_rate.ten_thousandths());
    active.grace_days = Set(signed(product.grace_days));
    active.penalty_multiplier_e4 = Set(multiplier_e4(product.penalty_multiplier));
    active.penalty_on_interest = Set(product.penalty_on_interest);
    active.approval_threshold_fen = Set(product.approval_threshold.fen());
    active.reminder_days_before = Set(signed(product.reminder_days_before));
    active.dunning_days = Set(joined(&product.dunning_days));
    active.required_document_types = Set(product.required_document_types.join(","));
    active.active = Set(product.active);
}

/// Every product, by id.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<ProductRecord>, PersistenceError> {
    let rows = loan_product::Entity::find()
        .order_by_asc(loan_product::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(record).collect()
}

/// One product.
pub async fn find(db: &impl ConnectionTrait, id: &str) -> Result<ProductRecord, PersistenceError> {
    let row = loan_product::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .ok_or(PersistenceError::NotFound)?;
    record(row)
}

/// Stores a new product; its id must be free.
pub async fn insert(
    db: &impl ConnectionTrait,
    product: &LoanProduct,
) -> Result<ProductRecord, PersistenceError> {
    let taken = loan_product::Entity::find()
        .filter(loan_product::Column::Id.eq(product.id.as_str()))
        .one(db)
        .await?;
    if taken.is_some() {
        return Err(PersistenceError::Conflict(
            "a product with this id exists".into(),
        ));
    }
    let now = OffsetDateTime::now_utc();
    let mut active = loan_product::ActiveModel {
        id: Set(product.id.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    fill(&mut active, product);
    record(active.insert(db).await?)
}

/// Replaces a product's terms, bumping its version.
pub async fn update(
    db: &impl ConnectionTrait,
    current: &ProductRecord,
    product: &LoanProduct,
) -> Result<ProductRecord, PersistenceError> {
    let mut active = loan_product::ActiveModel {
        id: Set(current.product.id.clone()),
        updated_at: Set(OffsetDateTime::now_utc()),
        version: Set(current.version + 1),
        ..Default::default()
    };
    fill(&mut active, product);
    record(active.update(db).await?)
}
