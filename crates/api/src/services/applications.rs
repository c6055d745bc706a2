//! The application lifecycle: create, submit, withdraw, return, reject,
//! approve (one or two approvals), cancel and disburse.

use loanbook_domain::application::{self, ApplicationEvent, ApplicationStatus};
use loanbook_domain::schedule::generate;
use loanbook_domain::{
    Approval, ApprovalOutcome, ApprovalRequest, LoanProduct, Money, ScheduleTerms, UserRef,
    check_contract_rate, decide_approval, penalty_rate,
};
use loanbook_persistence::ConnectionTrait;
use loanbook_persistence::PersistenceError;
use loanbook_persistence::repo::applications::{
    self as repo, ActionRecord, ApplicationRecord, LoanTerms, NewApplication,
};
use loanbook_persistence::repo::loans::{self, LoanRecord, NewLoan};
use loanbook_persistence::repo::{Scope, assessments, counters, customers, documents, products};
use time::Date;
use tracing::instrument;
use uuid::Uuid;

use crate::dto::applications::{ApproveRequest, ParsedApplication};
use crate::error::{ApiError, FieldError};
use crate::http::{Actor, Role, check_if_match, etag};
use crate::services::loans::{check_value_date, customer_exposure};
use crate::services::notes;
use crate::state::AppState;

/// An application with its actions, as the API returns it.
pub type Loaded = (ApplicationRecord, Vec<ActionRecord>);

/// Loads an application the actor may see, with its history.
pub async fn load(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> Result<Loaded, ApiError> {
    let app = repo::find(db, actor.scope(), id).await?;
    let actions = repo::actions(db, id).await?;
    Ok((app, actions))
}

/// Creates a draft for a customer the actor may act for.
#[instrument(skip_all, fields(customer_id = %parsed.customer_id))]
pub async fn create(
    state: &AppState,
    actor: &Actor,
    parsed: ParsedApplication,
) -> Result<Loaded, ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    customers::find(&txn, actor.scope(), parsed.customer_id)
        .await
        .map_err(|_| ApiError::field("customer_id", "no such customer", "客户不存在"))?;
    let today = state.business_date(&txn).await?;
    check_rate(state, parsed.terms, today)?;
    check_product(&txn, &parsed.product_id, parsed.terms).await?;

    let new = NewApplication {
        customer_id: parsed.customer_id,
        product_id: parsed.product_id,
        terms: parsed.terms,
        purpose: parsed.purpose,
        repayment_source: parsed.repayment_source,
    };
    let app = repo::insert(&txn, new, actor.user_id).await?;
    repo::add_action(&txn, app.id, "created", actor.user_id, false, "").await?;
    let loaded = load(&txn, actor, app.id).await?;
    txn.commit().await?;
    Ok(loaded)
}

fn check_rate(state: &AppState, terms: LoanTerms, date: Date) -> Result<(), ApiError> {
    check_contract_rate(&state.lpr, terms.annual_rate, date).map_err(|e| {
        ApiError::Validation(vec![crate::error::FieldError::domain(
            "annual_rate_percent",
            &e,
        )])
    })
}

/// The product must exist, be open, and allow the terms.
async fn check_product(
    db: &impl ConnectionTrait,
    id: &str,
    terms: LoanTerms,
) -> Result<LoanProduct, ApiError> {
    let unknown = || ApiError::field("product_id", "no such loan product", "贷款产品不存在");
    let product = match products::find(db, id).await {
        Ok(record) => record.product,
        Err(PersistenceError::NotFound) => return Err(unknown()),
        Err(other) => return Err(other.into()),
    };
    if !product.active {
        return Err(ApiError::field(
            "product_id",
            "this loan product is closed to new applications",
            "该贷款产品已停止受理新申请",
        ));
    }
    let out = product.check_terms(terms.amount, terms.term, terms.method, terms.annual_rate);
    if out.is_empty() {
        return Ok(product);
    }
    let errors = out
        .into_iter()
        .map(|o| {
            FieldError::new(
                o.field,
                format!("product {} allows {}", product.id, o.allowed),
                format!("产品 {} 允许的范围：{}", product.id, o.allowed),
            )
        })
        .collect();
    Err(ApiError::Validation(errors))
}

/// An application may be submitted only with every document its product
/// requires.
async fn check_documents(
    db: &impl ConnectionTrait,
    app: &ApplicationRecord,
) -> Result<(), ApiError> {
    let product = products::find(db, &app.product_id).await?.product;
    if product.required_document_types.is_empty() {
        return Ok(());
    }
    let present = documents::present_types(db, app.id).await?;
    let missing = product.missing_documents(&present);
    if missing.is_empty() {
        return Ok(());
    }
    Err(ApiError::field(
        "documents",
        format!(
            "the product requires documents that are missing: {}",
            missing.join(", ")
        ),
        format!("缺少产品要求的资料：{}", missing.join("、")),
    ))
}

/// The name a transition is recorded under in the application's history.
fn action_name(event: ApplicationEvent) -> &'static str {
    match event {
        ApplicationEvent::Submitted => "submitted",
        ApplicationEvent::Returned => "returned",
        ApplicationEvent::Rejected => "rejected",
        ApplicationEvent::Withdrawn => "withdrawn",
        ApplicationEvent::Approved => "approved",
        ApplicationEvent::Disbursed => "disbursed",
        ApplicationEvent::Cancelled => "cancelled",
    }
}

/// A simple transition: submit, withdraw, return, reject or cancel. The
/// `If-Match` version is checked inside the same transaction as the write.
#[instrument(skip_all, fields(application_id = %id, event = event.verb()))]
pub async fn transition(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    event: ApplicationEvent,
    comment: &str,
    if_match: Option<&str>,
) -> Result<Loaded, ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let (app, _) = load(&txn, actor, id).await?;
    check_if_match(if_match, &etag(app.id, app.version))?;
    let next = application::apply(app.status, event)?;
    if event == ApplicationEvent::Submitted {
        check_documents(&txn, &app).await?;
    }
    repo::transition(&txn, &app, next, None).await?;
    repo::add_action(&txn, id, action_name(event), actor.user_id, false, comment).await?;
    let loaded = load(&txn, actor, id).await?;
    txn.commit().await?;
    Ok(loaded)
}

/// The approval actions given since the application was last submitted:
/// those that count, and the approvers a loan note names.
pub fn approvals_since_submission(actions: &[ActionRecord]) -> impl Iterator<Item = &ActionRecord> {
    let start = actions
        .iter()
        .rposition(|a| a.action == "submitted")
        .map_or(0, |i| i + 1);
    actions[start..].iter().filter(|a| a.action == "approved")
}

/// Approvals given since the application was last submitted.
fn current_approvals(actions: &[ActionRecord]) -> Vec<Approval> {
    approvals_since_submission(actions)
        .map(|a| Approval {
            approver: UserRef(a.actor_id.as_u128()),
            as_manager: a.as_manager,
        })
        .collect()
}

/// Records an approval; the application becomes approved once the approvals
/// it needs are complete, otherwise it stays submitted awaiting a manager.
#[instrument(skip_all, fields(application_id = %id))]
pub async fn approve(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    request: &ApproveRequest,
    if_match: Option<&str>,
) -> Result<Loaded, ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let (app, actions) = load(&txn, actor, id).await?;
    check_if_match(if_match, &etag(app.id, app.version))?;
    application::apply(app.status, ApplicationEvent::Approved)?;
    if assessments::count_of(&txn, app.id).await? == 0 {
        return Err(ApiError::conflict(
            "an application cannot be approved before it has a credit assessment",
            "申请须先完成信用评估才能审批",
        ));
    }
    let product = products::find(&txn, &app.product_id).await?.product;
    let base = app.approved.unwrap_or(app.applied);
    let terms = request.terms(base)?;
    let earlier = current_approvals(&actions);
    if !earlier.is_empty() && terms.amount > base.amount {
        return Err(ApiError::field(
            "amount",
            format!(
                "a later approval may not raise the amount above the {} already approved",
                base.amount
            ),
            format!("后续审批不得将金额提高到已批准的 {} 以上", base.amount),
        ));
    }
    let today = state.business_date(&txn).await?;
    check_rate(state, terms, today)?;

    let exceeds_limit = exceeds_credit_limit(&txn, &app, terms.amount, today).await?;
    let decision = ApprovalRequest {
        amount: terms.amount,
        threshold: product.approval_threshold,
        applicant: None,
        creator: UserRef(app.created_by.as_u128()),
        approver: UserRef(actor.user_id.as_u128()),
        approver_is_manager: actor.has(Role::Manager),
        exceeds_credit_limit: exceeds_limit,
    };
    let outcome = decide_approval(&decision, &earlier)?;
    let next = match outcome {
        ApprovalOutcome::Approved => ApplicationStatus::Approved,
        ApprovalOutcome::NeedsManagerApproval | ApprovalOutcome::NeedsSecondApproval => {
            ApplicationStatus::Submitted
        }
    };
    repo::transition(&txn, &app, next, Some(terms)).await?;
    repo::add_action(
        &txn,
        id,
        "approved",
        actor.user_id,
        actor.has(Role::Manager),
        &request.comment,
    )
    .await?;
    let loaded = load(&txn, actor, id).await?;
    txn.commit().await?;
    Ok(loaded)
}

async fn exceeds_credit_limit(
    db: &impl ConnectionTrait,
    app: &ApplicationRecord,
    amount: Money,
    today: Date,
) -> Result<bool, ApiError> {
    let customer = customers::find(db, Scope::All, app.customer_id).await?;
    let exposure = customer_exposure(db, app.customer_id, today).await?;
    Ok(exposure + amount > customer.details.credit_limit)
}

/// What a disbursement needs besides the application.
#[derive(Debug, Clone)]
pub struct Disbursement {
    /// Value date.
    pub date: Date,
    /// Broken first period's due date, if any.
    pub first_due_date: Option<Date>,
    /// The bank's reference.
    pub bank_reference: String,
}

/// Books the loan of an approved application: fixes its schedule, numbers
/// the loan and its note, issues the note's PDF (when a font is loaded; see
/// [`notes::issue_at_disbursement`]) and marks the application disbursed,
/// all in one transaction.
#[instrument(skip_all, fields(application_id = %id))]
pub async fn disburse(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    d: Disbursement,
) -> Result<LoanRecord, ApiError> {
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let (app, _) = load(&txn, actor, id).await?;
    let next = application::apply(app.status, ApplicationEvent::Disbursed)?;
    let today = state.business_date(&txn).await?;
    check_value_date(actor, "disbursement_date", d.date, today)?;
    let approved = app.approved.unwrap_or(app.applied);
    let terms = ScheduleTerms {
        principal: approved.amount,
        annual_rate: approved.annual_rate,
        term: approved.term,
        method: approved.method,
        disbursement_date: d.date,
        first_due_date: d.first_due_date,
    };
    let schedule = generate(&terms).map_err(|e| {
        ApiError::Validation(vec![crate::error::FieldError::domain("first_due_date", &e)])
    })?;

    let year = d.date.year();
    let sequence = counters::next(&txn, &format!("loan:{year}")).await?;
    let cap = state.lpr.legal_cap_on(d.date);
    let product = products::find(&txn, &app.product_id).await?.product;
    let rules = product.loan_rules(penalty_rate(
        approved.annual_rate,
        product.penalty_multiplier,
        cap,
    ));
    let new = NewLoan {
        loan_number: format!("LN{year}{sequence:06}"),
        note_number: format!("JJ{year}{sequence:06}"),
        application_id: app.id,
        customer_id: app.customer_id,
        terms,
        penalty_rate: rules.penalty_rate,
        penalty_on_interest: rules.penalty_on_interest,
        grace_days: rules.grace_days,
        schedule,
        bank_reference: d.bank_reference,
        disbursed_by: actor.user_id,
    };
    let loan = loans::insert(&txn, new).await?;
    notes::issue_at_disbursement(&txn, state, &loan).await?;
    repo::transition(&txn, &app, next, None).await?;
    repo::add_action(&txn, id, "disbursed", actor.user_id, false, "").await?;
    txn.commit().await?;
    Ok(loan)
}
