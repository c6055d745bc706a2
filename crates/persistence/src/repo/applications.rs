//! Loan applications and their review history.

use loanbook_domain::application::ApplicationStatus;
use loanbook_domain::{AnnualRate, Money, RepaymentMethod, TermMonths};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select, sea_query::Expr,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{
    Page, PageRequest, Scope, customer_condition, into_page, money_of, parse, rate_of, term_of,
    term_to_db,
};
use crate::PersistenceError;
use crate::entities::{approval, loan_application};

/// Amount, term, method and rate: what was applied for or approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanTerms {
    /// Amount.
    pub amount: Money,
    /// Term.
    pub term: TermMonths,
    /// Repayment method.
    pub method: RepaymentMethod,
    /// Annual rate.
    pub annual_rate: AnnualRate,
}

/// A new application.
#[derive(Debug, Clone)]
pub struct NewApplication {
    /// The borrower.
    pub customer_id: Uuid,
    /// The loan product.
    pub product_id: String,
    /// Applied terms.
    pub terms: LoanTerms,
    /// What the money is for.
    pub purpose: String,
    /// Where repayment comes from.
    pub repayment_source: String,
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    /// Identifier.
    pub id: Uuid,
    /// The borrower.
    pub customer_id: Uuid,
    /// Status.
    pub status: ApplicationStatus,
    /// The loan product.
    pub product_id: String,
    /// Applied terms.
    pub applied: LoanTerms,
    /// Approved terms, once approved.
    pub approved: Option<LoanTerms>,
    /// What the money is for.
    pub purpose: String,
    /// Where repayment comes from.
    pub repayment_source: String,
    /// Who created it.
    pub created_by: Uuid,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// Version, the ETag.
    pub version: i32,
}

/// One review action on an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRecord {
    /// Identifier.
    pub id: Uuid,
    /// `submitted`, `approved`, `returned`, `rejected`, `withdrawn`, `cancelled`.
    pub action: String,
    /// Who acted.
    pub actor_id: Uuid,
    /// True when acting as manager.
    pub as_manager: bool,
    /// Comment.
    pub comment: String,
    /// When.
    pub created_at: OffsetDateTime,
}

fn record(row: loan_application::Model) -> Result<ApplicationRecord, PersistenceError> {
    let applied = LoanTerms {
        amount: money_of(row.amount_fen),
        term: term_of(row.term_months)?,
        method: parse("repayment_method", &row.repayment_method)?,
        annual_rate: rate_of(row.annual_rate_e4),
    };
    let approved = approved_terms(&row)?;
    Ok(ApplicationRecord {
        id: row.id,
        customer_id: row.customer_id,
        status: parse("status", &row.status)?,
        product_id: row.product_id,
        applied,
        approved,
        purpose: row.purpose,
        repayment_source: row.repayment_source,
        created_by: row.created_by,
        created_at: row.created_at,
        updated_at: row.updated_at,
        version: row.version,
    })
}

fn approved_terms(row: &loan_application::Model) -> Result<Option<LoanTerms>, PersistenceError> {
    let (Some(amount), Some(term), Some(method), Some(rate)) = (
        row.approved_amount_fen,
        row.approved_term_months,
        row.approved_repayment_method.as_deref(),
        row.approved_annual_rate_e4,
    ) else {
        return Ok(None);
    };
    Ok(Some(LoanTerms {
        amount: money_of(amount),
        term: term_of(term)?,
        method: parse("approved_repayment_method", method)?,
        annual_rate: rate_of(rate),
    }))
}

/// Stores a new draft application.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewApplication,
    created_by: Uuid,
) -> Result<ApplicationRecord, PersistenceError> {
    let now = OffsetDateTime::now_utc();
    let row = loan_application::ActiveModel {
        id: Set(Uuid::now_v7()),
        customer_id: Set(new.customer_id),
        status: Set(ApplicationStatus::Draft.as_str().to_owned()),
        product_id: Set(new.product_id),
        amount_fen: Set(new.terms.amount.fen()),
        term_months: Set(term_to_db(new.terms.term)),
        repayment_method: Set(new.terms.method.as_str().to_owned()),
        annual_rate_e4: Set(new.terms.annual_rate.ten_thousandths()),
        purpose: Set(new.purpose),
        repayment_source: Set(new.repayment_source),
        approved_amount_fen: Set(None),
        approved_term_months: Set(None),
        approved_repayment_method: Set(None),
        approved_annual_rate_e4: Set(None),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    record(row.insert(db).await?)
}

fn scoped(scope: Scope) -> Select<loan_application::Entity> {
    loan_application::Entity::find().filter(customer_condition(
        scope,
        loan_application::Column::CustomerId,
    ))
}

/// The application with this id, if the scope lets the reader see it.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: Scope,
    id: Uuid,
) -> Result<ApplicationRecord, PersistenceError> {
    let row = scoped(scope)
        .filter(loan_application::Column::Id.eq(id))
        .one(db)
        .await?;
    record(row.ok_or(PersistenceError::NotFound)?)
}

/// Filters for listing applications.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    /// Only this customer's.
    pub customer_id: Option<Uuid>,
    /// Only in this status.
    pub status: Option<ApplicationStatus>,
}

/// A page of applications the scope lets the reader see.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: Scope,
    filter: &ApplicationFilter,
    page: PageRequest,
) -> Result<Page<ApplicationRecord>, PersistenceError> {
    let mut query = scoped(scope).order_by_asc(loan_application::Column::Id);
    if let Some(customer) = filter.customer_id {
        query = query.filter(loan_application::Column::CustomerId.eq(customer));
    }
    if let Some(status) = filter.status {
        query = query.filter(loan_application::Column::Status.eq(status.as_str()));
    }
    if let Some(after) = page.after {
        query = query.filter(loan_application::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let items = rows
        .into_iter()
        .map(record)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(into_page(items, page.limit, |a| a.id))
}

/// Moves an application to `status`, optionally fixing approved terms. The
/// write only succeeds while the stored version is still `current.version`,
/// so two concurrent transitions cannot both win.
pub async fn transition(
    db: &impl ConnectionTrait,
    current: &ApplicationRecord,
    status: ApplicationStatus,
    approved: Option<LoanTerms>,
) -> Result<ApplicationRecord, PersistenceError> {
    let mut update = loan_application::Entity::update_many()
        .col_expr(
            loan_application::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(
            loan_application::Column::Version,
            Expr::value(current.version + 1),
        )
        .col_expr(
            loan_application::Column::UpdatedAt,
            Expr::value(OffsetDateTime::now_utc()),
        );
    if let Some(terms) = approved {
        update = update
            .col_expr(
                loan_application::Column::ApprovedAmountFen,
                Expr::value(terms.amount.fen()),
            )
            .col_expr(
                loan_application::Column::ApprovedTermMonths,
                Expr::value(term_to_db(terms.term)),
            )
            .col_expr(
                loan_application::Column::ApprovedRepaymentMethod,
                Expr::value(terms.method.as_str()),
            )
            .col_expr(
                loan_application::Column::ApprovedAnnualRateE4,
                Expr::value(terms.annual_rate.ten_thousandths()),
            );
    }
    let result = update
        .filter(loan_application::Column::Id.eq(current.id))
        .filter(loan_application::Column::Version.eq(current.version))
        .exec(db)
        .await?;
    if result.rows_affected != 1 {
        return Err(PersistenceError::Conflict(
            "application changed concurrently".into(),
        ));
    }
    find(db, Scope::All, current.id).await
}

/// Records a review action.
pub async fn add_action(
    db: &impl ConnectionTrait,
    application_id: Uuid,
    action: &str,
    actor_id: Uuid,
    as_manager: bool,
    comment: &str,
) -> Result<(), PersistenceError> {
    let row = approval::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(application_id),
        action: Set(action.to_owned()),
        actor_id: Set(actor_id),
        as_manager: Set(as_manager),
        comment: Set(comment.to_owned()),
        created_at: Set(OffsetDateTime::now_utc()),
    };
    row.insert(db).await?;
    Ok(())
}

/// Every review action on an application, oldest first.
pub async fn actions(
    db: &impl ConnectionTrait,
    application_id: Uuid,
) -> Result<Vec<ActionRecord>, PersistenceError> {
    let mut grouped = actions_of(db, &[application_id]).await?;
    Ok(grouped.remove(&application_id).unwrap_or_default())
}

/// The review actions of several applications in one query, grouped by
/// application, each oldest first.
pub async fn actions_of(
    db: &impl ConnectionTrait,
    application_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<ActionRecord>>, PersistenceError> {
    let rows = approval::Entity::find()
        .filter(approval::Column::ApplicationId.is_in(application_ids.iter().copied()))
        .order_by_asc(approval::Column::Id)
        .all(db)
        .await?;
    let mut grouped: std::collections::HashMap<Uuid, Vec<ActionRecord>> = Default::default();
    for row in rows {
        grouped
            .entry(row.application_id)
            .or_default()
            .push(ActionRecord {
                id: row.id,
                action: row.action,
                actor_id: row.actor_id,
                as_manager: row.as_manager,
                comment: row.comment,
                created_at: row.created_at,
            });
    }
    Ok(grouped)
}
