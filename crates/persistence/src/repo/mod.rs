//! Repositories: one module per aggregate, each mapping rows to domain types.

pub mod applications;
pub mod assessments;
pub mod counters;
pub mod customers;
pub mod documents;
pub mod loan_notes;
pub mod loans;
pub mod products;
pub mod settings;
pub mod tokens;
pub mod users;

use loanbook_domain::{AnnualRate, Money, TermMonths};
use uuid::Uuid;

use crate::PersistenceError;

/// A page of records and the cursor for the next page.
#[derive(Debug, Clone)]
pub struct Page<T> {
    /// The records, oldest first.
    pub items: Vec<T>,
    /// The id to pass as `after` for the next page, when there is one.
    pub next_cursor: Option<Uuid>,
}

/// Which records a reader may see: all, one customer's, or the customers an
/// account manager looks after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Staff who see every customer.
    All,
    /// A customer user: only this customer.
    Customer(Uuid),
    /// A sales user: only customers whose account manager they are.
    ManagedBy(Uuid),
}

/// The condition that keeps rows whose `customer_column` the scope lets the
/// reader see: every customer, one customer, or those an account manager has.
pub(crate) fn customer_condition(
    scope: Scope,
    customer_column: impl sea_orm::ColumnTrait,
) -> sea_orm::Condition {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};

    use crate::entities::customer;

    let condition = sea_orm::Condition::all();
    match scope {
        Scope::All => condition,
        Scope::Customer(id) => condition.add(customer_column.eq(id)),
        Scope::ManagedBy(user) => {
            let managed = Query::select()
                .column(customer::Column::Id)
                .from(customer::Entity)
                .and_where(Expr::col(customer::Column::AccountManagerId).eq(user))
                .to_owned();
            condition.add(customer_column.in_subquery(managed))
        }
    }
}

/// Paging request: at most `limit` records after the id `after`.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    /// Page size, 1..=200.
    pub limit: u64,
    /// The last id of the previous page.
    pub after: Option<Uuid>,
}

/// Cuts a fetched `limit + 1` rows down to a page.
pub(crate) fn into_page<T>(mut items: Vec<T>, limit: u64, id: impl Fn(&T) -> Uuid) -> Page<T> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(id)
    } else {
        None
    };
    Page { items, next_cursor }
}

pub(crate) fn term_of(months: i32) -> Result<TermMonths, PersistenceError> {
    let months = u32::try_from(months).map_err(|e| PersistenceError::corrupt("term", e))?;
    TermMonths::new(months).map_err(|e| PersistenceError::corrupt("term", e))
}

pub(crate) fn term_to_db(term: TermMonths) -> i32 {
    i32::try_from(term.months()).unwrap_or(i32::MAX)
}

pub(crate) fn rate_of(e4: i64) -> AnnualRate {
    AnnualRate::from_ten_thousandths(e4)
}

pub(crate) fn money_of(fen: i64) -> Money {
    Money::from_fen(fen)
}

pub(crate) fn parse<T: std::str::FromStr>(what: &str, text: &str) -> Result<T, PersistenceError>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| PersistenceError::corrupt(what, e))
}
