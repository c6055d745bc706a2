//! Customers (客户).

use loanbook_domain::Money;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Page, PageRequest, Scope, into_page, money_of};
use crate::PersistenceError;
use crate::entities::customer;

/// A customer's editable details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDetails {
    /// Registered name.
    pub name: String,
    /// Unified social credit code, already validated.
    pub credit_code: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub phone: String,
    /// Contact email.
    pub email: String,
    /// Registered address.
    pub address: String,
    /// Credit limit.
    pub credit_limit: Money,
    /// The sales user who manages the customer.
    pub account_manager_id: Option<Uuid>,
    /// Identifier in an outside system.
    pub external_id: Option<String>,
}

/// A stored customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    /// Identifier.
    pub id: Uuid,
    /// The details.
    pub details: CustomerDetails,
    /// Who created it.
    pub created_by: Uuid,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// Version, the ETag.
    pub version: i32,
}

fn record(row: customer::Model) -> CustomerRecord {
    CustomerRecord {
        id: row.id,
        details: CustomerDetails {
            name: row.name,
            credit_code: row.credit_code,
            contact_name: row.contact_name,
            phone: row.phone,
            email: row.email,
            address: row.address,
            credit_limit: money_of(row.credit_limit_fen),
            account_manager_id: row.account_manager_id,
            external_id: row.external_id,
        },
        created_by: row.created_by,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    }
}

fn fill(active: &mut customer::ActiveModel, details: CustomerDetails) {
    active.name = Set(details.name);
    active.credit_code = Set(details.credit_code);
    active.contact_name = Set(details.contact_name);
    active.phone = Set(details.phone);
    active.email = Set(details.email);
    active.address = Set(details.address);
    active.credit_limit_fen = Set(details.credit_limit.fen());
    active.account_manager_id = Set(details.account_manager_id);
    active.external_id = Set(details.external_id);
}

/// Stores a new customer.
pub async fn insert(
    db: &impl ConnectionTrait,
    details: CustomerDetails,
    created_by: Uuid,
) -> Result<CustomerRecord, PersistenceError> {
    let now = OffsetDateTime::now_utc();
    let mut active = customer::ActiveModel {
        id: Set(Uuid::now_v7()),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    fill(&mut active, details);
    Ok(record(active.insert(db).await?))
}

fn scoped(scope: Scope) -> Select<customer::Entity> {
    let query = customer::Entity::find();
    match scope {
        Scope::All => query,
        Scope::Customer(id) => query.filter(customer::Column::Id.eq(id)),
        Scope::ManagedBy(user) => query.filter(customer::Column::AccountManagerId.eq(user)),
    }
}

/// The customer with this id, if the scope lets the reader see it.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: Uuid,
) -> Result<CustomerRecord, PersistenceError> {
    let row = scoped(scope)
        .filter(customer::Column::Id.eq(id))
        .one(db)
        .await?;
    row.map(record).ok_or(PersistenceError::NotFound)
}

/// A page of the customers the scope lets the reader see.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    page: PageRequest,
) -> Result<Page<CustomerRecord>, PersistenceError> {
    let mut query = scoped(scope).order_by_asc(customer::Column::Id);
    if let Some(after) = page.after {
        query = query.filter(customer::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let items = rows.into_iter().map(record).collect();
    Ok(into_page(items, page.limit, |c| c.id))
}

/// Replaces a customer's details, bumping its version.
pub async fn update(
    db: &impl ConnectionTrait,
    current: &CustomerRecord,
    details: CustomerDetails,
) -> Result<CustomerRecord, PersistenceError> {
    let mut active = customer::ActiveModel {
        id: Set(current.id),
        updated_at: Set(OffsetDateTime::now_utc()),
        version: Set(current.version + 1),
        ..Default::default()
    };
    fill(&mut active, details);
    Ok(record(active.update(db).await?))
}
