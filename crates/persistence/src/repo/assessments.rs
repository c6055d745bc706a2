//! Credit assessments: each one kept, a new one never overwrites the old.

use loanbook_domain::Money;
use loanbook_domain::assessment::{
    CreditRating, Exposure, Factor, Financials, Reason, RepaymentHistory, RiskAssessment, RiskGrade,
};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::money_of;
use crate::PersistenceError;
use crate::entities::credit_assessment;

/// The external credit check a reviewer attaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCheck {
    /// Who ran it (a credit bureau, a data provider).
    pub source: String,
    /// When it was run.
    pub checked_on: Date,
    /// Its rating.
    pub rating: CreditRating,
    /// What it found.
    pub notes: String,
}

/// What the reviewer enters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentEntry {
    /// The customer's figures.
    pub financials: Financials,
    /// The external check.
    pub credit_check: CreditCheck,
    /// The reviewer's opinion.
    pub opinion: String,
}

/// A new assessment with what Loanbook computed beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssessment {
    /// The application assessed.
    pub application_id: Uuid,
    /// Its customer.
    pub customer_id: Uuid,
    /// The business date of the figures.
    pub as_of: Date,
    /// What the reviewer entered.
    pub entry: AssessmentEntry,
    /// Exposure against the credit limit.
    pub exposure: Exposure,
    /// Repayment history with the lender.
    pub history: RepaymentHistory,
    /// The scorecard's result.
    pub result: RiskAssessment,
    /// Who assessed.
    pub assessed_by: Uuid,
}

/// A stored assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRecord {
    /// Identifier.
    pub id: Uuid,
    /// The assessment.
    pub assessment: NewAssessment,
    /// When it was recorded.
    pub assessed_at: OffsetDateTime,
}

fn e2(percent: Option<Decimal>) -> Option<i64> {
    percent.and_then(|p| i64::try_from((p * Decimal::ONE_HUNDRED).trunc()).ok())
}

fn percent(e2: Option<i64>) -> Option<Decimal> {
    e2.map(|value| Decimal::new(value, 2))
}

fn count(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

fn uncount(what: &str, value: i32) -> Result<u32, PersistenceError> {
    u32::try_from(value).map_err(|e| PersistenceError::corrupt(what, e))
}

fn reasons_json(reasons: &[Reason]) -> String {
    let items: Vec<Value> = reasons
        .iter()
        .map(|r| {
            json!({
                "factor": r.factor.as_str(),
                "points": r.points,
                "knockout": r.knockout,
                "text": r.text,
            })
        })
        .collect();
    Value::Array(items).to_string()
}

fn reason_of(value: &Value) -> Option<Reason> {
    Some(Reason {
        factor: Factor::parse(value.get("factor")?.as_str()?)?,
        points: u32::try_from(value.get("points")?.as_u64()?).ok()?,
        knockout: value.get("knockout")?.as_bool()?,
        text: value.get("text")?.as_str()?.to_owned(),
    })
}

fn reasons_of(text: &str) -> Result<Vec<Reason>, PersistenceError> {
    let corrupt = |e: &dyn std::fmt::Display| PersistenceError::corrupt("reasons", e);
    let value: Value = serde_json::from_str(text).map_err(|e| corrupt(&e))?;
    let items = value.as_array().ok_or_else(|| corrupt(&"not an array"))?;
    items
        .iter()
        .map(|item| reason_of(item).ok_or_else(|| corrupt(&"malformed reason")))
        .collect()
}

fn record(row: credit_assessment::Model) -> Result<AssessmentRecord, PersistenceError> {
    let financials = Financials {
        revenue: money_of(row.revenue_fen),
        net_profit: money_of(row.net_profit_fen),
        total_assets: money_of(row.total_assets_fen),
        total_liabilities: money_of(row.total_liabilities_fen),
        years_in_business: uncount("years_in_business", row.years_in_business)?,
    };
    let rating = CreditRating::parse(&row.credit_check_rating).ok_or_else(|| {
        PersistenceError::corrupt("credit_check_rating", &row.credit_check_rating)
    })?;
    let grade = RiskGrade::parse(&row.risk_grade)
        .ok_or_else(|| PersistenceError::corrupt("risk_grade", &row.risk_grade))?;
    let result = RiskAssessment {
        debt_ratio_percent: percent(row.debt_ratio_e2),
        profit_margin_percent: percent(row.profit_margin_e2),
        score: uncount("score", row.score)?,
        grade,
        reasons: reasons_of(&row.reasons)?,
    };
    let assessment = NewAssessment {
        application_id: row.application_id,
        customer_id: row.customer_id,
        as_of: row.as_of,
        entry: AssessmentEntry {
            financials,
            credit_check: CreditCheck {
                source: row.credit_check_source,
                checked_on: row.credit_check_date,
                rating,
                notes: row.credit_check_notes,
            },
            opinion: row.opinion,
        },
        exposure: Exposure {
            credit_limit: money_of(row.credit_limit_fen),
            outstanding_principal: money_of(row.exposure_fen),
            requested: money_of(row.requested_amount_fen),
        },
        history: RepaymentHistory {
            loans: uncount("loans_count", row.loans_count)?,
            late_installments: uncount("late_installments", row.late_installments)?,
            worst_days_past_due: uncount("worst_days_past_due", row.worst_days_past_due)?,
        },
        result,
        assessed_by: row.assessed_by,
    };
    Ok(AssessmentRecord {
        id: row.id,
        assessment,
        assessed_at: row.assessed_at,
    })
}

fn fen(money: Money) -> i64 {
    money.fen()
}

/// Stores an assessment.
pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewAssessment,
) -> Result<AssessmentRecord, PersistenceError> {
    let f = &new.entry.financials;
    let check = &new.entry.credit_check;
    let row = credit_assessment::ActiveModel {
        id: Set(Uuid::now_v7()),
        application_id: Set(new.application_id),
        customer_id: Set(new.customer_id),
        as_of: Set(new.as_of),
        revenue_fen: Set(fen(f.revenue)),
        net_profit_fen: Set(fen(f.net_profit)),
        total_assets_fen: Set(fen(f.total_assets)),
        total_liabilities_fen: Set(fen(f.total_liabilities)),
        years_in_business: Set(count(f.years_in_business)),
        credit_check_source: Set(check.source.clone()),
        credit_check_date: Set(check.checked_on),
        credit_check_rating: Set(check.rating.as_str().to_owned()),
        credit_check_notes: Set(check.notes.clone()),
        opinion: Set(new.entry.opinion.clone()),
        requested_amount_fen: Set(fen(new.exposure.requested)),
        credit_limit_fen: Set(fen(new.exposure.credit_limit)),
        exposure_fen: Set(fen(new.exposure.outstanding_principal)),
        exceeds_credit_limit: Set(new.exposure.exceeds_limit()),
        loans_count: Set(count(new.history.loans)),
        late_installments: Set(count(new.history.late_installments)),
        worst_days_past_due: Set(count(new.history.worst_days_past_due)),
        debt_ratio_e2: Set(e2(new.result.debt_ratio_percent)),
        profit_margin_e2: Set(e2(new.result.profit_margin_percent)),
        score: Set(count(new.result.score)),
        risk_grade: Set(new.result.grade.as_str().to_owned()),
        reasons: Set(reasons_json(&new.result.reasons)),
        assessed_by: Set(new.assessed_by),
        assessed_at: Set(OffsetDateTime::now_utc()),
    };
    record(row.insert(db).await?)
}

/// An application's assessments, oldest first.
pub async fn of_application(
    db: &impl ConnectionTrait,
    application_id: Uuid,
) -> Result<Vec<AssessmentRecord>, PersistenceError> {
    let rows = credit_assessment::Entity::find()
        .filter(credit_assessment::Column::ApplicationId.eq(application_id))
        .order_by_asc(credit_assessment::Column::AssessedAt)
        .order_by_asc(credit_assessment::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(record).collect()
}

/// How many assessments an application has.
pub async fn count_of(
    db: &impl ConnectionTrait,
    application_id: Uuid,
) -> Result<u64, PersistenceError> {
    let n = credit_assessment::Entity::find()
        .filter(credit_assessment::Column::ApplicationId.eq(application_id))
        .count(db)
        .await?;
    Ok(n)
}
