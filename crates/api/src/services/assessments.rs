//! Credit assessment: the reviewer's figures, the customer's standing with
//! the lender computed beside them, and the scorecard's grade.

use loanbook_domain::DomainError;
use loanbook_domain::application::ApplicationStatus;
use loanbook_domain::assessment::{AssessmentInput, Exposure, RepaymentHistory, RiskRules, assess};
use loanbook_persistence::ConnectionTrait;
use loanbook_persistence::repo::assessments::{
    self as repo, AssessmentEntry, AssessmentRecord, NewAssessment,
};
use loanbook_persistence::repo::loans::{self, LoanFilter};
use loanbook_persistence::repo::{PageRequest, Scope, customers, settings};
use time::Date;
use tracing::instrument;
use uuid::Uuid;

use crate::dto::assessments::RiskRulesBody;
use crate::error::ApiError;
use crate::http::Actor;
use crate::services::applications::load;
use crate::services::loans::{customer_exposure, load_many};
use crate::state::AppState;

/// The setting holding the scorecard as JSON; absent means the defaults.
pub const RISK_RULES_KEY: &str = "risk_rules";

const OWN_APPLICATION: &str = "The applicant or the creator of an application may not assess it.";

/// The scorecard in force.
pub async fn rules(db: &impl ConnectionTrait) -> Result<RiskRules, ApiError> {
    let Some(text) = settings::get(db, RISK_RULES_KEY).await? else {
        return Ok(RiskRules::standard());
    };
    let body: RiskRulesBody = serde_json::from_str(&text)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored risk rules: {e}")))?;
    body.parse()
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("stored risk rules are invalid")))
}

/// Replaces the scorecard; later assessments use it, earlier ones keep
/// the grade they were given.
pub async fn set_rules(state: &AppState, rules: &RiskRules) -> Result<(), ApiError> {
    let text = serde_json::to_string(&RiskRulesBody::from(rules))
        .map_err(|e| ApiError::Internal(e.into()))?;
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    settings::put(&txn, RISK_RULES_KEY, &text).await?;
    txn.commit().await?;
    Ok(())
}

/// Records a new assessment of a submitted application. Each one is kept.
#[instrument(skip_all, fields(application_id = %id))]
pub async fn record(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    entry: AssessmentEntry,
) -> Result<AssessmentRecord, ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let (app, _) = load(&txn, actor, id).await?;
    if app.status != ApplicationStatus::Submitted {
        return Err(ApiError::conflict(
            format!(
                "only a submitted application can be assessed; this one is {}",
                app.status.as_str()
            ),
            format!(
                "只有已提交的申请可以评估；当前状态为 {}",
                app.status.as_str()
            ),
        ));
    }
    if app.created_by == actor.user_id {
        return Err(ApiError::Rule(DomainError::ApprovalRule(OWN_APPLICATION)));
    }
    let today = state.business_date(&txn).await?;
    check_not_after(entry.credit_check.checked_on, today)?;

    let customer = customers::find(&txn, Scope::All, app.customer_id).await?;
    let exposure = Exposure {
        credit_limit: customer.details.credit_limit,
        outstanding_principal: customer_exposure(&txn, app.customer_id, today).await?,
        requested: app.approved.unwrap_or(app.applied).amount,
    };
    let history = repayment_history(&txn, app.customer_id, today).await?;
    let input = AssessmentInput {
        financials: entry.financials,
        rating: entry.credit_check.rating,
        history,
    };
    let result = assess(&input, &rules(&txn).await?);

    let new = NewAssessment {
        application_id: app.id,
        customer_id: app.customer_id,
        as_of: today,
        entry,
        exposure,
        history,
        result,
        assessed_by: actor.user_id,
    };
    let stored = repo::insert(&txn, new).await?;
    txn.commit().await?;
    Ok(stored)
}

fn check_not_after(checked_on: Date, today: Date) -> Result<(), ApiError> {
    if checked_on > today {
        return Err(ApiError::field(
            "credit_check.checked_on",
            format!("the credit check cannot be dated after the business date {today}"),
            format!("征信查询日期不能晚于营业日 {today}"),
        ));
    }
    Ok(())
}

/// Every loan of the customer, in any status, replayed to `as_of`.
async fn repayment_history(
    db: &impl ConnectionTrait,
    customer_id: Uuid,
    as_of: Date,
) -> Result<RepaymentHistory, ApiError> {
    let filter = LoanFilter {
        customer_id: Some(customer_id),
        ..Default::default()
    };
    let mut history = RepaymentHistory::default();
    let mut after = None;
    loop {
        let page = loans::list(db, Scope::All, &filter, PageRequest { limit: 200, after }).await?;
        let next = page.next_cursor;
        for loaded in load_many(db, page.items, as_of).await? {
            history.add(&loaded.position, loaded.loan.grace_days);
        }
        match next {
            Some(cursor) => after = Some(cursor),
            None => return Ok(history),
        }
    }
}

/// An application's assessments, oldest first, if the actor may see it.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<AssessmentRecord>, ApiError> {
    load(&state.db, actor, id).await?;
    Ok(repo::of_application(&state.db, id).await?)
}
