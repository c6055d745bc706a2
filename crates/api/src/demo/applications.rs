//! The demo's applications: how many end in each status, when each is made,
//! and every step on the way — submit, return, withdraw, reject, one or more
//! approvals, cancel, disburse — taken by the staff member whose role allows
//! it, through the application service. Disbursing hands the new loan to
//! `repayments`.

use anyhow::bail;
use loanbook_domain::application::{ApplicationEvent, ApplicationStatus};
use loanbook_domain::assessment::{CreditRating, Financials};
use loanbook_domain::{Money, RepaymentMethod, add_months};
use loanbook_persistence::repo::assessments::{AssessmentEntry, CreditCheck};
use loanbook_persistence::repo::loans as loan_repo;
use loanbook_persistence::repo::products as product_repo;
use time::Date;
use uuid::Uuid;

use super::staff::Who;
use super::{Book, Event, HISTORY_DAYS, explain, names, shift};
use crate::dto::applications::{ApproveRequest, CreateApplicationRequest};
use crate::http::Permission;
use crate::services::applications::{self as application_service, Disbursement};
use crate::services::assessments;

/// Where an application ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Draft,
    Submitted,
    Returned,
    Withdrawn,
    Rejected,
    Approved,
    Cancelled,
    Disbursed,
}

/// Percent of applications per outcome; the rest are disbursed.
const OUTCOME_SHARES: [(Outcome, usize); 7] = [
    (Outcome::Draft, 3),
    (Outcome::Submitted, 4),
    (Outcome::Returned, 3),
    (Outcome::Withdrawn, 4),
    (Outcome::Rejected, 8),
    (Outcome::Approved, 3),
    (Outcome::Cancelled, 3),
];

/// One application to create.
#[derive(Debug, Clone, Copy)]
pub(super) struct AppPlan {
    customer_id: Uuid,
    outcome: Outcome,
    /// Returned for information and resubmitted before the decision.
    returned_first: bool,
    /// For a withdrawal: 0 from draft, 1 from submitted, 2 from returned.
    stage: u64,
    reviewer: usize,
}

/// The simple application transitions.
#[derive(Debug, Clone, Copy)]
enum Step {
    Submit,
    Withdraw,
    Return,
    Reject,
    Cancel,
}

impl Step {
    fn parts(self) -> (ApplicationEvent, Permission) {
        match self {
            Step::Submit => (ApplicationEvent::Submitted, Permission::ApplicationWrite),
            Step::Withdraw => (ApplicationEvent::Withdrawn, Permission::ApplicationWrite),
            Step::Return => (ApplicationEvent::Returned, Permission::ApplicationReview),
            Step::Reject => (ApplicationEvent::Rejected, Permission::ApplicationReview),
            Step::Cancel => (ApplicationEvent::Cancelled, Permission::ApplicationReview),
        }
    }
}

impl Book {
    /// Queues the applications, each on its application date.
    pub(super) fn plan_applications(&mut self, count: usize) {
        if self.customers.is_empty() {
            return;
        }
        for outcome in self.outcomes(count) {
            let Some(customer_id) = self.pick_customer() else {
                continue;
            };
            let plan = AppPlan {
                customer_id,
                outcome,
                returned_first: self.rng.chance(15),
                stage: self.rng.below(3),
                reviewer: self.rng.index(2),
            };
            let date = self.application_date(outcome);
            self.push(date, Event::Apply(plan));
        }
    }

    /// Every outcome in its share (at least one each), shuffled.
    fn outcomes(&mut self, count: usize) -> Vec<Outcome> {
        let mut list = Vec::with_capacity(count);
        for (outcome, share) in OUTCOME_SHARES {
            let wanted = (count * share / 100).max(1);
            let room = count.saturating_sub(list.len());
            list.extend(std::iter::repeat_n(outcome, wanted.min(room)));
        }
        list.resize(count, Outcome::Disbursed);
        self.rng.shuffle(&mut list);
        list
    }

    /// Open applications are recent; decided ones spread over the history.
    fn application_date(&mut self, outcome: Outcome) -> Date {
        match outcome {
            Outcome::Draft | Outcome::Submitted | Outcome::Returned | Outcome::Approved => {
                shift(self.today, -self.rng.range(0, 25))
            }
            _ => shift(self.start, self.rng.range(0, HISTORY_DAYS - 5)),
        }
    }

    /// Creates the application as the sales user and submits or withdraws
    /// it as planned; the decision is queued a few days later.
    pub(super) async fn apply(&mut self, when: Date, plan: AppPlan) -> anyhow::Result<()> {
        self.actor(Who::Sales)
            .require(Permission::ApplicationWrite)
            .map_err(explain)?;
        let request = self.application_request(plan.customer_id);
        let parsed = request.parse().map_err(explain)?;
        let (app, _) = application_service::create(&self.state, self.actor(Who::Sales), parsed)
            .await
            .map_err(explain)?;

        match (plan.outcome, plan.stage) {
            (Outcome::Draft, _) => return Ok(()),
            (Outcome::Withdrawn, 0) => return self.step(Who::Sales, app.id, Step::Withdraw).await,
            _ => self.step(Who::Sales, app.id, Step::Submit).await?,
        }
        if plan.outcome == Outcome::Submitted && self.rng.chance(50) {
            return Ok(());
        }
        let decide = self.after(when, 1, 6);
        self.push(decide, Event::Decide(app.id, plan));
        Ok(())
    }

    fn application_request(&mut self, customer_id: Uuid) -> CreateApplicationRequest {
        let rng = &mut self.rng;
        let method = rng.weighted(&[
            (RepaymentMethod::EqualInstallment, 35),
            (RepaymentMethod::EqualPrincipal, 25),
            (RepaymentMethod::InterestOnly, 20),
            (RepaymentMethod::Bullet, 20),
        ]);
        let term = match method {
            RepaymentMethod::Bullet => rng.pick(&[3, 6, 6, 9, 12, 12]),
            _ if rng.chance(15) => rng.range(3, 36),
            _ => rng.pick(&[3, 6, 12, 12, 18, 24, 24, 36, 36]),
        };
        let yuan = if rng.chance(65) {
            rng.range(10, 100) * 1_000
        } else {
            rng.range(21, 60) * 5_000
        };
        let rate = if rng.chance(10) {
            "0.00"
        } else {
            rng.pick(&names::RATES)
        };
        CreateApplicationRequest {
            customer_id: customer_id.to_string(),
            amount: format!("{yuan}.00"),
            term_months: term,
            repayment_method: method.as_str().to_owned(),
            annual_rate_percent: rate.to_owned(),
            purpose: rng.pick(&names::PURPOSES).to_owned(),
            repayment_source: rng.pick(&names::SOURCES).to_owned(),
            product_id: None,
        }
    }

    /// Takes the application to its planned outcome.
    pub(super) async fn decide(
        &mut self,
        when: Date,
        id: Uuid,
        plan: AppPlan,
    ) -> anyhow::Result<()> {
        let reviewer = Who::Reviewer(plan.reviewer);
        let decided = matches!(
            plan.outcome,
            Outcome::Rejected | Outcome::Approved | Outcome::Cancelled | Outcome::Disbursed
        );
        if plan.returned_first && decided {
            self.step(reviewer, id, Step::Return).await?;
            self.step(Who::Sales, id, Step::Submit).await?;
        }
        match plan.outcome {
            Outcome::Draft => Ok(()),
            Outcome::Submitted => self.first_approval_only(id, reviewer).await,
            Outcome::Returned => self.step(reviewer, id, Step::Return).await,
            Outcome::Withdrawn => {
                if plan.stage == 2 {
                    self.step(reviewer, id, Step::Return).await?;
                }
                self.step(Who::Sales, id, Step::Withdraw).await
            }
            Outcome::Rejected => self.step(reviewer, id, Step::Reject).await,
            Outcome::Approved => self.approve(id, reviewer).await,
            Outcome::Cancelled => {
                self.approve(id, reviewer).await?;
                self.step(Who::Manager, id, Step::Cancel).await
            }
            Outcome::Disbursed => {
                self.approve(id, reviewer).await?;
                self.queue_disbursement(when, id);
                Ok(())
            }
        }
    }

    /// A simple transition, with a comment as a person would write it.
    async fn step(&mut self, who: Who, id: Uuid, step: Step) -> anyhow::Result<()> {
        let (event, permission) = step.parts();
        let comment = match step {
            Step::Submit => "",
            Step::Withdraw => self.rng.pick(&names::WITHDRAW_REASONS),
            Step::Return => self.rng.pick(&names::RETURN_REASONS),
            Step::Reject => self.rng.pick(&names::REJECT_REASONS),
            Step::Cancel => self.rng.pick(&names::CANCEL_REASONS),
        };
        let actor = self.actor(who);
        actor.require(permission).map_err(explain)?;
        application_service::transition(&self.state, actor, id, event, comment, None)
            .await
            .map_err(explain)?;
        Ok(())
    }

    /// A credit assessment with the figures a small trading company shows.
    async fn assess(&mut self, id: Uuid, reviewer: Who) -> anyhow::Result<()> {
        let revenue = self.rng.range(2_000, 60_000) * 1_000;
        let assets = revenue * self.rng.range(60, 160) / 100;
        let yuan = |amount: i64| Money::from_fen(amount * 100);
        let financials = Financials {
            revenue: yuan(revenue),
            net_profit: yuan(revenue * self.rng.range(-3, 15) / 100),
            total_assets: yuan(assets),
            total_liabilities: yuan(assets * self.rng.range(20, 85) / 100),
            years_in_business: u32::try_from(self.rng.range(1, 25)).unwrap_or(1),
        };
        let ratings = [
            CreditRating::Excellent,
            CreditRating::Good,
            CreditRating::Good,
            CreditRating::Fair,
        ];
        let today = self
            .state
            .business_date(&self.state.db)
            .await
            .map_err(explain)?;
        let entry = AssessmentEntry {
            financials,
            credit_check: CreditCheck {
                source: self.rng.pick(&names::CREDIT_CHECK_SOURCES).to_owned(),
                checked_on: today,
                rating: self.rng.pick(&ratings),
                notes: String::new(),
            },
            opinion: self.rng.pick(&names::ASSESSMENT_OPINIONS).to_owned(),
        };
        let actor = self.actor(reviewer);
        assessments::record(&self.state, actor, id, entry)
            .await
            .map_err(explain)?;
        Ok(())
    }

    /// An application above the threshold waiting for its manager: only the
    /// reviewer's approval is given.
    async fn first_approval_only(&mut self, id: Uuid, reviewer: Who) -> anyhow::Result<()> {
        self.assess(id, reviewer).await?;
        let actor = self.actor(reviewer);
        let (app, _) = application_service::load(&self.state.db, actor, id)
            .await
            .map_err(explain)?;
        let product = product_repo::find(&self.state.db, &app.product_id)
            .await
            .map_err(|e| explain(e.into()))?;
        if app.applied.amount <= product.product.approval_threshold {
            return Ok(());
        }
        let request = self.approve_request(None);
        let actor = self.actor(reviewer);
        application_service::approve(&self.state, actor, id, &request, None)
            .await
            .map_err(explain)?;
        Ok(())
    }

    /// Approves fully: the reviewer first, then the manager and the other
    /// reviewer while the service still asks for another approval (above the
    /// threshold or the customer's credit limit).
    async fn approve(&mut self, id: Uuid, first: Who) -> anyhow::Result<()> {
        let other = match first {
            Who::Reviewer(i) => Who::Reviewer(i + 1),
            _ => Who::Reviewer(0),
        };
        self.assess(id, first).await?;
        let (app, _) = application_service::load(&self.state.db, self.actor(first), id)
            .await
            .map_err(explain)?;
        let mut base = Some(app.applied.amount);
        for who in [first, Who::Manager, other] {
            let request = self.approve_request(base.take());
            let actor = self.actor(who);
            actor
                .require(Permission::ApplicationReview)
                .map_err(explain)?;
            let (app, _) = application_service::approve(&self.state, actor, id, &request, None)
                .await
                .map_err(explain)?;
            if app.status == ApplicationStatus::Approved {
                return Ok(());
            }
        }
        bail!("application {id} is still not approved after three approvals")
    }

    /// An approval; the first approver sometimes lowers the amount.
    fn approve_request(&mut self, applied: Option<Money>) -> ApproveRequest {
        let comment = self.rng.pick(&names::APPROVE_COMMENTS).to_owned();
        let amount = applied
            .filter(|_| self.rng.chance(12))
            .map(|amount| {
                let yuan = amount.fen() / 100 * self.rng.range(60, 90) / 100;
                (yuan / 1_000 * 1_000).max(10_000)
            })
            .map(|yuan| format!("{yuan}.00"));
        ApproveRequest {
            comment,
            amount,
            term_months: None,
            annual_rate_percent: None,
            repayment_method: None,
        }
    }
}

/// Disbursements.
impl Book {
    /// A few days after approval; sometimes the cashier books it a day or
    /// two late with the transfer's value date.
    fn queue_disbursement(&mut self, approved_on: Date, id: Uuid) {
        let date = self.after(approved_on, 1, 5);
        let booked = if self.rng.chance(15) {
            self.after(date, 1, 2)
        } else {
            date
        };
        self.push(booked, Event::Disburse(id, date));
    }

    /// Disburses as the cashier and starts the loan's repayments.
    pub(super) async fn disburse(&mut self, id: Uuid, date: Date) -> anyhow::Result<()> {
        let first_due_date = if self.rng.chance(10) {
            broken_first_due(date)
        } else {
            None
        };
        self.stats.broken_first_period += u64::from(first_due_date.is_some());
        let bank_reference = names::bank_reference(&mut self.rng, date);
        let disbursement = Disbursement {
            date,
            first_due_date,
            bank_reference,
        };
        let cashier = self.actor(Who::Cashier);
        cashier.require(Permission::LoanDisburse).map_err(explain)?;
        let loan = application_service::disburse(&self.state, cashier, id, disbursement)
            .await
            .map_err(explain)?;
        let schedule = loan_repo::schedule(&self.state.db, loan.id).await?;
        let Some(first) = schedule.first() else {
            bail!("loan {} has no schedule", loan.loan_number);
        };
        let installments = u32::try_from(schedule.len()).unwrap_or(1);
        self.start_repayments(&loan, installments, first.due_date);
        Ok(())
    }
}

/// A first due date on the 20th of the next month: a broken first period.
fn broken_first_due(disbursed: Date) -> Option<Date> {
    let regular = add_months(disbursed, 1);
    let first = regular.replace_day(20).ok()?;
    (first != regular && first > disbursed).then_some(first)
}
