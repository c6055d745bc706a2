//! `loanbook demo`: fills an empty database with a realistic two-year loan
//! book to try the API on — customers with valid credit codes, applications in
//! every status, and loans repaid on time, late with penalty, partly, early
//! (reduce term, reduce installment, settle), with overpayments and reversals.
//!
//! It acts only through the services the HTTP handlers call, as five demo
//! staff users, and walks the business date forward from about 24 months ago
//! to today; it writes no SQL of its own. The same seed gives the same book
//! relative to today. Like every command-line tool it reports with `anyhow`.

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use loanbook_domain::application::{ApplicationEvent, ApplicationStatus};
use loanbook_domain::ledger::{InstallmentPosition, LoanPosition, Prepayment};
use loanbook_domain::{AgingBucket, LoanStatus, LprTable, Money, RepaymentMethod, add_months};
use loanbook_persistence::repo::applications::{self as application_repo, ApplicationFilter};
use loanbook_persistence::repo::loans::{self as loan_repo, LoanFilter, LoanRecord};
use loanbook_persistence::repo::{PageRequest, Scope, customers, settings, users};
use loanbook_persistence::{DatabaseConnection, PersistenceError};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::config::Config;
use crate::dto::applications::{ApproveRequest, CreateApplicationRequest};
use crate::dto::format_date;
use crate::dto::users::CreateUserRequest;
use crate::error::ApiError;
use crate::http::{Actor, Permission};
use crate::services::applications::{self as application_service, Disbursement};
use crate::services::loans::{self as loan_service, LoadedLoan, RepaymentInput};
use crate::services::users as user_service;
use crate::state::{AppState, BUSINESS_DATE_KEY};

use rng::Rng;

/// The password of every demo user (and of `admin` when the demo creates it
/// without `LOANBOOK_ADMIN_PASSWORD`).
pub const DEMO_PASSWORD: &str = "demo-password";

/// How far back the book starts: about 24 months.
const HISTORY_DAYS: i64 = 730;

/// The default product's approval threshold, as `startup` sets it.
const APPROVAL_THRESHOLD_FEN: i64 = 10_000_000;

/// The demo staff: login name, display name, role.
const STAFF: [(&str, &str, &str); 5] = [
    ("demo-sales", "陈晓明", "sales"),
    ("demo-reviewer-1", "林静", "reviewer"),
    ("demo-reviewer-2", "黄志强", "reviewer"),
    ("demo-manager", "王建国", "manager"),
    ("demo-cashier", "刘芳", "cashier"),
];

/// Options of `loanbook demo`.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoOptions {
    /// How many customers to create.
    #[arg(long, default_value_t = 200)]
    pub customers: usize,
    /// How many loan applications to create.
    #[arg(long, default_value_t = 1000)]
    pub applications: usize,
    /// Seed of the generator; the same seed gives the same book.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Load even when the database already has customers.
    #[arg(long)]
    pub force: bool,
}

/// Loads the demo book into the database the environment configures and
/// prints a summary with the demo logins.
pub async fn run(options: DemoOptions) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let state = open(&config).await?;
    refuse_if_loaded(&state.db, options.force).await?;
    let started = Instant::now();
    let today = OffsetDateTime::now_utc()
        .to_offset(config.business_utc_offset)
        .date();

    let admin = ensure_admin(&state.db, &config).await?;
    let staff = Staff::create(&state.db).await?;
    let mut book = Book::new(state, staff, options.seed, today);
    book.add_customers(options.customers).await?;
    book.plan_applications(options.applications);
    book.run().await?;
    book.set_business_date(today).await?;

    let summary = Summary::collect(&book.state.db, today).await?;
    summary.print(&book.stats, started, options.seed, today);
    print_logins(admin.as_deref());
    Ok(())
}

/// Connects and migrates, and builds the state the services need as
/// `startup` does.
async fn open(config: &Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    let db = loanbook_persistence::connect(&config.database_url, config.database_max_connections)
        .await
        .context("cannot open the database")?;
    Ok(AppState {
        db,
        utc_offset: config.business_utc_offset,
        approval_threshold: Money::from_fen(APPROVAL_THRESHOLD_FEN),
        lpr: LprTable::default(),
    })
}

async fn refuse_if_loaded(db: &DatabaseConnection, force: bool) -> anyhow::Result<()> {
    let first = PageRequest {
        limit: 1,
        after: None,
    };
    let page = customers::list(db, Scope::All, first).await?;
    if page.items.is_empty() || force {
        return Ok(());
    }
    bail!(
        "the database already has customers; the demo book is meant for an empty \
         database (set LOANBOOK_DATA_DIR or LOANBOOK_DATABASE_URL to another one, \
         or pass --force to add it anyway)"
    )
}

/// On an empty database, creates `admin` as the first server start would, so
/// that starting the server afterwards still leaves an administrator. Returns
/// how to log in as admin when it was created here.
async fn ensure_admin(db: &DatabaseConnection, config: &Config) -> anyhow::Result<Option<String>> {
    if users::count(db).await? > 0 {
        return Ok(None);
    }
    let (password, note) = match &config.admin_password {
        Some(secret) => (secret.expose().to_owned(), "from LOANBOOK_ADMIN_PASSWORD"),
        None => (DEMO_PASSWORD.to_owned(), DEMO_PASSWORD),
    };
    let request = CreateUserRequest {
        username: "admin".into(),
        password,
        display_name: "Administrator".into(),
        roles: vec!["admin".into()],
        customer_id: None,
    };
    user_service::create(db, &request).await.map_err(explain)?;
    Ok(Some(note.to_owned()))
}

fn print_logins(admin: Option<&str>) {
    println!("Log in with POST /api/v1/auth/login {{\"username\", \"password\"}}:");
    for (username, name, role) in STAFF {
        println!("  {username:<16} {role:<9} {name}  password: {DEMO_PASSWORD}");
    }
    if let Some(note) = admin {
        println!("  {:<16} {:<9} password: {note}", "admin", "admin");
    }
}

/// A service error as a command-line error, with every invalid field named.
fn explain(error: ApiError) -> anyhow::Error {
    match &error {
        ApiError::Validation(fields) => {
            let text: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.en))
                .collect();
            anyhow!("the service refused the data: {}", text.join("; "))
        }
        _ => anyhow::Error::new(error),
    }
}

/// A 4xx answer: the service refused the request rather than failed.
fn is_refusal(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Validation(_) | ApiError::Rule(_) | ApiError::Conflict { .. }
    )
}

fn shift(date: Date, days: i64) -> Date {
    date.checked_add(Duration::days(days)).unwrap_or(date)
}

/// The demo staff as the actors the services expect.
struct Staff {
    sales: Actor,
    reviewers: [Actor; 2],
    manager: Actor,
    cashier: Actor,
}

impl Staff {
    /// Creates the demo users, or reuses them on a `--force` run.
    async fn create(db: &DatabaseConnection) -> anyhow::Result<Staff> {
        let mut actors = Vec::with_capacity(STAFF.len());
        for (username, name, role) in STAFF {
            actors.push(staff_actor(db, username, name, role).await?);
        }
        let [sales, first, second, manager, cashier] =
            <[Actor; 5]>::try_from(actors).map_err(|_| anyhow!("expected five demo users"))?;
        Ok(Staff {
            sales,
            reviewers: [first, second],
            manager,
            cashier,
        })
    }
}

async fn staff_actor(
    db: &DatabaseConnection,
    username: &str,
    display_name: &str,
    role: &str,
) -> anyhow::Result<Actor> {
    let record = match users::find_by_username(db, username).await? {
        Some(existing) => existing,
        None => {
            let request = CreateUserRequest {
                username: username.to_owned(),
                password: DEMO_PASSWORD.to_owned(),
                display_name: display_name.to_owned(),
                roles: vec![role.to_owned()],
                customer_id: None,
            };
            user_service::create(db, &request).await.map_err(explain)?
        }
    };
    let roles = user_service::parse_roles(&record.roles).map_err(explain)?;
    Ok(Actor {
        user_id: record.id,
        username: record.username,
        roles,
        customer_id: None,
    })
}

/// Who acts in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Sales,
    Reviewer(usize),
    Manager,
    Cashier,
}

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
struct AppPlan {
    customer_id: Uuid,
    outcome: Outcome,
    /// Returned for information and resubmitted before the decision.
    returned_first: bool,
    /// For a withdrawal: 0 from draft, 1 from submitted, 2 from returned.
    stage: u64,
    reviewer: usize,
}

/// How a borrower repays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    OnTime,
    Late,
    Partial,
    ReduceTerm,
    ReduceInstallment,
    Settle,
    Delinquent,
    Overpay,
}

const PROFILE_WEIGHTS: [(Profile, u64); 8] = [
    (Profile::OnTime, 40),
    (Profile::Late, 18),
    (Profile::Partial, 8),
    (Profile::ReduceTerm, 5),
    (Profile::ReduceInstallment, 5),
    (Profile::Settle, 8),
    (Profile::Delinquent, 10),
    (Profile::Overpay, 6),
];

/// A loan being repaid, carried from one repayment event to the next.
#[derive(Debug, Clone)]
struct LoanRun {
    id: Uuid,
    number: String,
    profile: Profile,
    /// Repayments recorded so far, reversed ones included.
    payments: u32,
    /// The repayment number that prepays or settles, or after which a
    /// delinquent borrower stops paying.
    special_at: u32,
    /// The repayment number to reverse, if any.
    reverse_at: Option<u32>,
    /// Value date of the last transaction.
    last_value: Date,
    /// Value date of the pending repayment.
    value_date: Date,
    /// Due date of the installment the pending repayment is for.
    target_due: Date,
}

/// Something that happens on a business date.
#[derive(Debug)]
enum Event {
    Apply(AppPlan),
    Decide(Uuid, AppPlan),
    Disburse(Uuid, Date),
    Repay(LoanRun),
    Reverse(LoanRun, Uuid),
}

/// What kind of repayment was recorded, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Regular,
    Partial,
    Prepay(Prepayment),
    Overpay,
}

/// A repayment about to be recorded.
#[derive(Debug, Clone, Copy)]
struct Payment {
    amount: Money,
    prepayment: Option<Prepayment>,
    kind: Kind,
}

/// Counts kept while loading.
#[derive(Debug, Default)]
struct Stats {
    repayments: u64,
    on_time: u64,
    early: u64,
    late: u64,
    with_penalty: u64,
    partial: u64,
    reduce_term: u64,
    reduce_installment: u64,
    settled: u64,
    overpaid: u64,
    backdated: u64,
    reversed: u64,
    refused: u64,
    broken_first_period: u64,
}

/// The loader: a queue of dated events replayed in date order, each through
/// the services, with the business date set to the event's date.
struct Book {
    state: AppState,
    staff: Staff,
    rng: Rng,
    today: Date,
    start: Date,
    now: Option<Date>,
    queue: BTreeMap<(Date, u64), Event>,
    seq: u64,
    customers: Vec<Uuid>,
    stats: Stats,
}

impl Book {
    fn new(state: AppState, staff: Staff, seed: u64, today: Date) -> Book {
        Book {
            state,
            staff,
            rng: Rng::new(seed),
            today,
            start: shift(today, -HISTORY_DAYS),
            now: None,
            queue: BTreeMap::new(),
            seq: 0,
            customers: Vec::new(),
            stats: Stats::default(),
        }
    }

    fn actor(&self, who: Who) -> &Actor {
        match who {
            Who::Sales => &self.staff.sales,
            Who::Reviewer(i) => &self.staff.reviewers[i % 2],
            Who::Manager => &self.staff.manager,
            Who::Cashier => &self.staff.cashier,
        }
    }

    /// Sets the business date setting, as an operator would.
    async fn set_business_date(&mut self, date: Date) -> anyhow::Result<()> {
        if self.now == Some(date) {
            return Ok(());
        }
        settings::put(&self.state.db, BUSINESS_DATE_KEY, &format_date(date)).await?;
        self.now = Some(date);
        Ok(())
    }

    /// Queues an event; it never runs before the current business date nor
    /// after today.
    fn push(&mut self, when: Date, event: Event) {
        let when = when.max(self.now.unwrap_or(when)).min(self.today);
        self.seq += 1;
        self.queue.insert((when, self.seq), event);
    }

    /// A date `low..=high` days after `date`.
    fn after(&mut self, date: Date, low: i64, high: i64) -> Date {
        shift(date, self.rng.range(low, high)).min(self.today)
    }

    async fn run(&mut self) -> anyhow::Result<()> {
        while let Some(((when, _), event)) = self.queue.pop_first() {
            self.set_business_date(when).await?;
            self.handle(when, event).await?;
        }
        Ok(())
    }

    async fn handle(&mut self, when: Date, event: Event) -> anyhow::Result<()> {
        match event {
            Event::Apply(plan) => self.apply(when, plan).await,
            Event::Decide(id, plan) => self
                .decide(when, id, plan)
                .await
                .with_context(|| format!("deciding application {id}")),
            Event::Disburse(id, date) => self
                .disburse(id, date)
                .await
                .with_context(|| format!("disbursing application {id}")),
            Event::Repay(run) => {
                let number = run.number.clone();
                let context = || format!("repaying loan {number}");
                self.repay(when, run).await.with_context(context)
            }
            Event::Reverse(run, repayment) => {
                let number = run.number.clone();
                let context = || format!("reversing a repayment of loan {number}");
                self.reverse(when, run, repayment)
                    .await
                    .with_context(context)
            }
        }
    }
}

/// Customers.
impl Book {
    async fn add_customers(&mut self, count: usize) -> anyhow::Result<()> {
        self.set_business_date(self.start).await?;
        self.staff
            .sales
            .require(Permission::CustomerWrite)
            .map_err(explain)?;
        let mut names = HashSet::new();
        for _ in 0..count {
            let id = self.add_customer(&mut names).await?;
            self.customers.push(id);
        }
        Ok(())
    }

    /// Creates one customer as the sales user, who becomes its account
    /// manager as the HTTP handler makes them. A credit code or external id
    /// already taken (a `--force` run) is drawn again.
    async fn add_customer(&mut self, names: &mut HashSet<String>) -> anyhow::Result<Uuid> {
        let sales = self.staff.sales.user_id;
        for _ in 0..10 {
            let request = names::customer(&mut self.rng, names)?;
            let mut details = request.parse().map_err(explain)?;
            details.account_manager_id = Some(sales);
            match customers::insert(&self.state.db, details, sales).await {
                Ok(customer) => return Ok(customer.id),
                Err(PersistenceError::Conflict(_)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        bail!("could not find a free credit code for a demo customer")
    }

    /// A customer for a new application; a few customers borrow often.
    fn pick_customer(&mut self) -> Option<Uuid> {
        let len = self.customers.len();
        let regulars = (len / 4).max(1);
        let index = if self.rng.chance(40) {
            self.rng.index(regulars)
        } else {
            self.rng.index(len)
        };
        self.customers.get(index).copied()
    }
}

/// Applications.
impl Book {
    /// Queues the applications, each on its application date.
    fn plan_applications(&mut self, count: usize) {
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

    async fn apply(&mut self, when: Date, plan: AppPlan) -> anyhow::Result<()> {
        self.staff
            .sales
            .require(Permission::ApplicationWrite)
            .map_err(explain)?;
        let request = self.application_request(plan.customer_id);
        let parsed = request.parse().map_err(explain)?;
        let (app, _) = application_service::create(&self.state, &self.staff.sales, parsed)
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

    async fn decide(&mut self, when: Date, id: Uuid, plan: AppPlan) -> anyhow::Result<()> {
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
        let (event, action, permission) = step.parts();
        let comment = match step {
            Step::Submit => "",
            Step::Withdraw => self.rng.pick(&names::WITHDRAW_REASONS),
            Step::Return => self.rng.pick(&names::RETURN_REASONS),
            Step::Reject => self.rng.pick(&names::REJECT_REASONS),
            Step::Cancel => self.rng.pick(&names::CANCEL_REASONS),
        };
        let actor = self.actor(who);
        actor.require(permission).map_err(explain)?;
        application_service::transition(&self.state, actor, id, event, action, comment)
            .await
            .map_err(explain)?;
        Ok(())
    }

    /// An application above the threshold waiting for its manager: only the
    /// reviewer's approval is given.
    async fn first_approval_only(&mut self, id: Uuid, reviewer: Who) -> anyhow::Result<()> {
        let actor = self.actor(reviewer);
        let (app, _) = application_service::load(&self.state.db, actor, id)
            .await
            .map_err(explain)?;
        if app.applied.amount <= self.state.approval_threshold {
            return Ok(());
        }
        let request = self.approve_request(None);
        let actor = self.actor(reviewer);
        application_service::approve(&self.state, actor, id, &request)
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
            let (app, _) = application_service::approve(&self.state, actor, id, &request)
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
    fn parts(self) -> (ApplicationEvent, &'static str, Permission) {
        match self {
            Step::Submit => (
                ApplicationEvent::Submitted,
                "submitted",
                Permission::ApplicationWrite,
            ),
            Step::Withdraw => (
                ApplicationEvent::Withdrawn,
                "withdrawn",
                Permission::ApplicationWrite,
            ),
            Step::Return => (
                ApplicationEvent::Returned,
                "returned",
                Permission::ApplicationReview,
            ),
            Step::Reject => (
                ApplicationEvent::Rejected,
                "rejected",
                Permission::ApplicationReview,
            ),
            Step::Cancel => (
                ApplicationEvent::Cancelled,
                "cancelled",
                Permission::ApplicationReview,
            ),
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

    async fn disburse(&mut self, id: Uuid, date: Date) -> anyhow::Result<()> {
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
        let run = self.new_run(&loan, u32::try_from(schedule.len()).unwrap_or(1));
        let never_pays = run.profile == Profile::Delinquent && run.special_at == 0;
        if !never_pays {
            self.schedule_payment(run, first.due_date);
        }
        Ok(())
    }

    fn new_run(&mut self, loan: &LoanRecord, installments: u32) -> LoanRun {
        let mut profile = self.rng.weighted(&PROFILE_WEIGHTS);
        let bullet = loan.terms.method == RepaymentMethod::Bullet;
        if bullet && matches!(profile, Profile::ReduceTerm | Profile::ReduceInstallment) {
            profile = Profile::Settle;
        }
        let special_at = match profile {
            Profile::Delinquent => self.rng.below(u64::from(installments)),
            Profile::Settle => 1 + self.rng.below(u64::from(installments.max(2) - 1)),
            _ => 1 + self.rng.below(u64::from((installments / 2).max(1))),
        };
        let reverse_at = self
            .rng
            .chance(7)
            .then(|| 1 + self.rng.below(u64::from(installments.min(6))));
        let date = loan.terms.disbursement_date;
        LoanRun {
            id: loan.id,
            number: loan.loan_number.clone(),
            profile,
            payments: 0,
            special_at: u32::try_from(special_at).unwrap_or(1),
            reverse_at: reverse_at.and_then(|n| u32::try_from(n).ok()),
            last_value: date,
            value_date: date,
            target_due: date,
        }
    }
}

/// A first due date on the 20th of the next month: a broken first period.
fn broken_first_due(disbursed: Date) -> Option<Date> {
    let regular = add_months(disbursed, 1);
    let first = regular.replace_day(20).ok()?;
    (first != regular && first > disbursed).then_some(first)
}

/// Repayments.
impl Book {
    /// Queues the repayment for the installment due on `due`, on the date the
    /// borrower's habits give; nothing after today.
    fn schedule_payment(&mut self, mut run: LoanRun, due: Date) {
        let special = run.payments + 1 == run.special_at;
        let offset = match run.profile {
            Profile::Settle if special => -self.rng.range(3, 20),
            Profile::ReduceTerm | Profile::ReduceInstallment if special => 0,
            Profile::Late if self.rng.chance(40) => self.rng.range(3, 40),
            _ if self.rng.chance(20) => -self.rng.range(1, 5),
            _ => 0,
        };
        let value = shift(due, offset).max(run.last_value);
        if value > self.today {
            return;
        }
        run.value_date = value;
        run.target_due = due;
        // Bank statements arrive late: the cashier backdates some repayments.
        let booked = if self.rng.chance(15) {
            self.after(value, 1, 3)
        } else {
            value
        };
        self.push(booked, Event::Repay(run));
    }

    async fn repay(&mut self, when: Date, mut run: LoanRun) -> anyhow::Result<()> {
        let loaded = loan_service::load(&self.state.db, Scope::All, run.id, run.value_date)
            .await
            .map_err(explain)?;
        if loaded.position.status != LoanStatus::Active {
            return Ok(());
        }
        let payment = self.payment_for(&run, &loaded.position).await?;
        if !payment.amount.is_positive() {
            self.next_payment(run, &loaded.position);
            return Ok(());
        }
        let (repayment_id, after, payment) = self.record(&run, payment, &loaded.position).await?;
        self.count(&run, payment, &after, repayment_id, when);

        run.payments += 1;
        run.last_value = run.value_date;
        if after.position.status != LoanStatus::Active {
            return Ok(());
        }
        if run.reverse_at == Some(run.payments) && payment.prepayment.is_none() {
            let at = self.after(when, 1, 3);
            self.push(at, Event::Reverse(run, repayment_id));
            return Ok(());
        }
        self.next_payment(run, &after.position);
        Ok(())
    }

    /// Records the payment as the cashier. A prepayment the service refuses
    /// is counted, reported and replaced by a regular payment of what is due.
    async fn record(
        &mut self,
        run: &LoanRun,
        payment: Payment,
        position: &LoanPosition,
    ) -> anyhow::Result<(Uuid, LoadedLoan, Payment)> {
        match self.record_once(run, payment).await {
            Ok((id, loaded)) => Ok((id, loaded, payment)),
            Err(error) if payment.prepayment.is_some() && is_refusal(&error) => {
                self.stats.refused += 1;
                eprintln!(
                    "warning: loan {}: {:?} prepayment of {} on {} refused: {}",
                    run.number,
                    payment.kind,
                    payment.amount,
                    run.value_date,
                    explain(error)
                );
                let regular = Payment {
                    amount: due_through(position, run.value_date.max(run.target_due)),
                    prepayment: None,
                    kind: Kind::Regular,
                };
                let (id, loaded) = self.record_once(run, regular).await.map_err(explain)?;
                Ok((id, loaded, regular))
            }
            Err(error) => Err(explain(error)),
        }
    }

    async fn record_once(
        &mut self,
        run: &LoanRun,
        payment: Payment,
    ) -> Result<(Uuid, LoadedLoan), ApiError> {
        let method = self.rng.weighted(&names::PAYMENT_METHODS);
        let input = RepaymentInput {
            amount: payment.amount,
            paid_on: run.value_date,
            method: method.to_owned(),
            reference: names::bank_reference(&mut self.rng, run.value_date),
            prepayment: payment.prepayment,
            idempotency_key: None,
        };
        let cashier = self.actor(Who::Cashier);
        cashier.require(Permission::RepaymentRecord)?;
        loan_service::record_repayment(&self.state, cashier, run.id, input).await
    }

    /// What the borrower pays this time, by their habits.
    async fn payment_for(
        &mut self,
        run: &LoanRun,
        position: &LoanPosition,
    ) -> anyhow::Result<Payment> {
        let date = run.value_date;
        let owed = due_through(position, date.max(run.target_due));
        let special = run.payments + 1 == run.special_at;
        let last = !position
            .installments
            .iter()
            .any(|i| i.installment.due_date > run.target_due);
        let regular = Payment {
            amount: owed,
            prepayment: None,
            kind: Kind::Regular,
        };
        let payment = match run.profile {
            Profile::Partial if !last && self.rng.chance(45) => self.partial(owed),
            Profile::ReduceTerm if special => {
                self.prepay(owed, position, date, Prepayment::ReduceTerm)
            }
            Profile::ReduceInstallment if special => {
                self.prepay(owed, position, date, Prepayment::ReduceInstallment)
            }
            Profile::Settle if special => Some(self.settle(run).await?),
            Profile::Overpay if last => Some(self.overpay(owed)),
            _ => None,
        };
        Ok(payment.unwrap_or(regular))
    }

    fn partial(&mut self, owed: Money) -> Option<Payment> {
        let fen = owed.fen() * self.rng.range(40, 90) / 100 / 100 * 100;
        (fen > 0).then(|| Payment {
            amount: Money::from_fen(fen),
            prepayment: None,
            kind: Kind::Partial,
        })
    }

    /// What is due plus 15–45 % of the principal not yet due, in hundreds of
    /// yuan, when at least two installments are left to re-amortise.
    fn prepay(
        &mut self,
        owed: Money,
        position: &LoanPosition,
        date: Date,
        rule: Prepayment,
    ) -> Option<Payment> {
        let future: Vec<&InstallmentPosition> = position
            .installments
            .iter()
            .filter(|i| i.installment.due_date > date)
            .collect();
        if future.len() < 2 {
            return None;
        }
        let principal: i64 = future
            .iter()
            .map(|i| {
                (i.installment.principal - i.principal_paid)
                    .non_negative()
                    .fen()
            })
            .sum();
        let extra = principal * self.rng.range(15, 45) / 100 / 10_000 * 10_000;
        (extra > 0 && extra < principal).then(|| Payment {
            amount: owed + Money::from_fen(extra),
            prepayment: Some(rule),
            kind: Kind::Prepay(rule),
        })
    }

    /// The pay-off quote's total for the value date.
    async fn settle(&mut self, run: &LoanRun) -> anyhow::Result<Payment> {
        let cashier = self.actor(Who::Cashier);
        let quote = loan_service::payoff_quote(&self.state.db, cashier, run.id, run.value_date)
            .await
            .map_err(explain)?;
        Ok(Payment {
            amount: quote.total,
            prepayment: Some(Prepayment::Settle),
            kind: Kind::Prepay(Prepayment::Settle),
        })
    }

    /// The last installment with 100 to 3,000 yuan too much.
    fn overpay(&mut self, owed: Money) -> Payment {
        let extra = Money::from_fen(self.rng.range(1, 30) * 10_000);
        Payment {
            amount: owed + extra,
            prepayment: None,
            kind: Kind::Overpay,
        }
    }

    fn count(&mut self, run: &LoanRun, payment: Payment, after: &LoadedLoan, id: Uuid, when: Date) {
        let stats = &mut self.stats;
        stats.repayments += 1;
        stats.backdated += u64::from(when > run.value_date);
        stats.with_penalty += u64::from(after.allocation_of(id).penalty.is_positive());
        match payment.kind {
            Kind::Partial => stats.partial += 1,
            Kind::Overpay => stats.overpaid += 1,
            Kind::Prepay(Prepayment::ReduceTerm) => stats.reduce_term += 1,
            Kind::Prepay(Prepayment::ReduceInstallment) => stats.reduce_installment += 1,
            Kind::Prepay(Prepayment::Settle) => stats.settled += 1,
            Kind::Regular if run.value_date > run.target_due => stats.late += 1,
            Kind::Regular if run.value_date < run.target_due => stats.early += 1,
            Kind::Regular => stats.on_time += 1,
        }
    }

    /// Queues the next installment's repayment, or a catch-up of what a
    /// partial payment left on the last one.
    fn next_payment(&mut self, run: LoanRun, position: &LoanPosition) {
        if run.profile == Profile::Delinquent && run.payments >= run.special_at {
            return;
        }
        let paid_on = run.value_date;
        let next = position
            .installments
            .iter()
            .find(|i| i.installment.due_date > paid_on && owes(i));
        let due = match next {
            Some(next) => next.installment.due_date,
            None if position.installments.iter().any(owes) => {
                shift(paid_on, self.rng.range(10, 30))
            }
            None => return,
        };
        self.schedule_payment(run, due);
    }

    /// Reverses a repayment the bank returned; the borrower pays again, now
    /// late, a few days later.
    async fn reverse(&mut self, when: Date, mut run: LoanRun, id: Uuid) -> anyhow::Result<()> {
        let reason = self.rng.pick(&names::REVERSAL_REASONS);
        let cashier = self.actor(Who::Cashier);
        cashier
            .require(Permission::RepaymentRecord)
            .map_err(explain)?;
        let after = loan_service::reverse_repayment(&self.state, cashier, run.id, id, reason)
            .await
            .map_err(explain)?;
        self.stats.reversed += 1;

        let oldest_unpaid = after.position.installments.iter().find(|i| owes(i));
        let Some(oldest) = oldest_unpaid else {
            return Ok(());
        };
        let value = self.after(when, 2, 7).max(run.last_value);
        if value > self.today {
            return Ok(());
        }
        run.value_date = value;
        run.target_due = oldest.installment.due_date;
        self.push(value, Event::Repay(run));
        Ok(())
    }
}

/// Principal or interest still unpaid on an installment.
fn owes(position: &InstallmentPosition) -> bool {
    let i = &position.installment;
    position.principal_paid < i.principal || position.interest_paid < i.interest
}

/// Everything unpaid, penalty included, on the installments due on or
/// before `date`, or on the next one when nothing is due yet.
fn due_through(position: &LoanPosition, date: Date) -> Money {
    position
        .installments
        .iter()
        .filter(|i| i.installment.due_date <= date)
        .map(unpaid)
        .sum()
}

fn unpaid(position: &InstallmentPosition) -> Money {
    let i = &position.installment;
    let principal = (i.principal - position.principal_paid).non_negative();
    let interest = (i.interest - position.interest_paid).non_negative();
    let penalty = position.penalty_accrued - position.penalty_paid - position.penalty_waived;
    principal + interest + penalty.non_negative()
}

/// What the database holds at the end, read back through the repositories.
struct Summary {
    customers: u64,
    applications: Vec<(ApplicationStatus, u64)>,
    loans: Vec<(LoanStatus, u64)>,
    aging: Vec<(AgingBucket, u64)>,
}

impl Summary {
    async fn collect(db: &DatabaseConnection, today: Date) -> anyhow::Result<Summary> {
        let mut applications = Vec::new();
        for status in ApplicationStatus::ALL {
            applications.push((status, count_applications(db, status).await?));
        }
        let mut loans = Vec::new();
        let mut aging: Vec<(AgingBucket, u64)> = AgingBucket::ALL.iter().map(|b| (*b, 0)).collect();
        for status in LoanStatus::ALL {
            let ids = loan_ids(db, status).await?;
            loans.push((status, u64::try_from(ids.len()).unwrap_or(0)));
            if status == LoanStatus::Active {
                add_aging(db, &ids, today, &mut aging).await?;
            }
        }
        Ok(Summary {
            customers: count_customers(db).await?,
            applications,
            loans,
            aging,
        })
    }

    fn print(&self, stats: &Stats, started: Instant, seed: u64, today: Date) {
        let seconds = started.elapsed().as_secs_f64();
        println!("Loaded the demo book in {seconds:.1} s (seed {seed}).");
        println!("The database now holds, on business date {today}:");
        println!("  customers     {}", self.customers);
        let applications = listing(self.applications.iter().map(|(s, n)| (s.as_str(), *n)));
        println!("  applications  {applications}");
        let loans = listing(self.loans.iter().map(|(s, n)| (s.as_str(), *n)));
        println!("  loans         {loans}");
        let aging = listing(self.aging.iter().map(|(b, n)| (b.as_str(), *n)));
        println!("  active aging  {aging}");
        println!(
            "This run recorded {} repayments: on time {}, early {}, late {} ({} paid penalty), \
             partial {}, prepaid reduce_term {}, reduce_installment {}, settled early {}, \
             overpaid {}, backdated {}, reversed {}",
            stats.repayments,
            stats.on_time,
            stats.early,
            stats.late,
            stats.with_penalty,
            stats.partial,
            stats.reduce_term,
            stats.reduce_installment,
            stats.settled,
            stats.overpaid,
            stats.backdated,
            stats.reversed,
        );
        println!(
            "  also          {} loans with a broken first period",
            stats.broken_first_period
        );
        if stats.refused > 0 {
            println!(
                "  refused       {} prepayments (recorded as regular payments)",
                stats.refused
            );
        }
    }
}

/// `total: a n, b m, …`.
fn listing<'a>(items: impl Iterator<Item = (&'a str, u64)>) -> String {
    let items: Vec<(&str, u64)> = items.collect();
    let total: u64 = items.iter().map(|(_, n)| n).sum();
    let parts: Vec<String> = items.iter().map(|(s, n)| format!("{s} {n}")).collect();
    format!("{total}: {}", parts.join(", "))
}

const PAGE: u64 = 200;

async fn count_customers(db: &DatabaseConnection) -> anyhow::Result<u64> {
    let (mut count, mut after) = (0, None);
    loop {
        let page = customers::list(db, Scope::All, PageRequest { limit: PAGE, after }).await?;
        count += u64::try_from(page.items.len()).unwrap_or(0);
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => return Ok(count),
        }
    }
}

async fn count_applications(
    db: &DatabaseConnection,
    status: ApplicationStatus,
) -> anyhow::Result<u64> {
    let filter = ApplicationFilter {
        customer_id: None,
        status: Some(status),
    };
    let (mut count, mut after) = (0, None);
    loop {
        let request = PageRequest { limit: PAGE, after };
        let page = application_repo::list(db, Scope::All, &filter, request).await?;
        count += u64::try_from(page.items.len()).unwrap_or(0);
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => return Ok(count),
        }
    }
}

async fn loan_ids(db: &DatabaseConnection, status: LoanStatus) -> anyhow::Result<Vec<Uuid>> {
    let filter = LoanFilter {
        status: Some(status),
        ..Default::default()
    };
    let (mut ids, mut after) = (Vec::new(), None);
    loop {
        let request = PageRequest { limit: PAGE, after };
        let page = loan_repo::list(db, Scope::All, &filter, request).await?;
        ids.extend(page.items.iter().map(|loan| loan.id));
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => return Ok(ids),
        }
    }
}

async fn add_aging(
    db: &DatabaseConnection,
    ids: &[Uuid],
    today: Date,
    aging: &mut [(AgingBucket, u64)],
) -> anyhow::Result<()> {
    for id in ids {
        let loaded = loan_service::load(db, Scope::All, *id, today)
            .await
            .map_err(explain)?;
        let bucket = loaded.position.aging_bucket;
        if let Some(entry) = aging.iter_mut().find(|(b, _)| *b == bucket) {
            entry.1 += 1;
        }
    }
    Ok(())
}

/// A tiny deterministic generator, so the demo needs no extra crate.
mod rng {
    /// SplitMix64: fast, small and well mixed; for demo data, never secrets.
    pub(super) struct Rng(u64);

    impl Rng {
        pub(super) fn new(seed: u64) -> Rng {
            Rng(seed)
        }

        pub(super) fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// `0..n`, or 0 when `n` is 0.
        pub(super) fn below(&mut self, n: u64) -> u64 {
            if n == 0 { 0 } else { self.next_u64() % n }
        }

        /// `low..=high`.
        pub(super) fn range(&mut self, low: i64, high: i64) -> i64 {
            let span = u64::try_from(high - low + 1).unwrap_or(1);
            low + i64::try_from(self.below(span)).unwrap_or(0)
        }

        /// True `percent` times in a hundred.
        pub(super) fn chance(&mut self, percent: u64) -> bool {
            self.below(100) < percent
        }

        /// `0..len`.
        pub(super) fn index(&mut self, len: usize) -> usize {
            let n = u64::try_from(len).unwrap_or(u64::MAX);
            usize::try_from(self.below(n)).unwrap_or(0)
        }

        /// One of `items`, which must not be empty.
        pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.index(items.len())]
        }

        /// One of `items`, each as likely as its weight.
        pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
            let total = items.iter().map(|(_, w)| w).sum();
            let mut roll = self.below(total);
            for (item, weight) in items {
                if roll < *weight {
                    return *item;
                }
                roll -= weight;
            }
            items[0].0
        }

        /// Fisher–Yates.
        pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
            for i in (1..items.len()).rev() {
                let j = self.index(i + 1);
                items.swap(i, j);
            }
        }
    }
}

/// Names, places and phrases the demo data is made of.
mod names {
    use std::collections::HashSet;

    use anyhow::anyhow;
    use loanbook_domain::CreditCode;
    use time::Date;

    use super::rng::Rng;
    use crate::dto::customers::CreateCustomerRequest;

    /// The characters a credit code's subject identifier may use.
    const CODE_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// City, its division code, and districts with theirs.
    type City = (
        &'static str,
        &'static str,
        [(&'static str, &'static str); 3],
    );

    #[rustfmt::skip]
    const CITIES: [City; 16] = [
        ("福州", "350100", [("鼓楼区", "350102"), ("台江区", "350103"), ("仓山区", "350104")]),
        ("厦门", "350200", [("思明区", "350203"), ("湖里区", "350206"), ("集美区", "350211")]),
        ("泉州", "350500", [("丰泽区", "350503"), ("鲤城区", "350502"), ("晋江市", "350582")]),
        ("上海", "310000", [("浦东新区", "310115"), ("徐汇区", "310104"), ("闵行区", "310112")]),
        ("北京", "110000", [("朝阳区", "110105"), ("海淀区", "110108"), ("丰台区", "110106")]),
        ("深圳", "440300", [("南山区", "440305"), ("福田区", "440304"), ("宝安区", "440306")]),
        ("广州", "440100", [("天河区", "440106"), ("越秀区", "440104"), ("番禺区", "440113")]),
        ("杭州", "330100", [("西湖区", "330106"), ("滨江区", "330108"), ("余杭区", "330110")]),
        ("宁波", "330200", [("鄞州区", "330212"), ("海曙区", "330203"), ("北仑区", "330206")]),
        ("苏州", "320500", [("姑苏区", "320508"), ("吴中区", "320506"), ("昆山市", "320583")]),
        ("南京", "320100", [("玄武区", "320102"), ("鼓楼区", "320106"), ("江宁区", "320115")]),
        ("成都", "510100", [("武侯区", "510107"), ("锦江区", "510104"), ("成华区", "510108")]),
        ("武汉", "420100", [("江汉区", "420103"), ("洪山区", "420111"), ("武昌区", "420106")]),
        ("青岛", "370200", [("市南区", "370202"), ("崂山区", "370212"), ("黄岛区", "370211")]),
        ("长沙", "430100", [("岳麓区", "430104"), ("天心区", "430103"), ("雨花区", "430111")]),
        ("东莞", "441900", [("南城街道", "441900"), ("长安镇", "441900"), ("虎门镇", "441900")]),
    ];

    /// Trade names with their pinyin, for e-mail domains.
    #[rustfmt::skip]
    const BRANDS: [(&str, &str); 32] = [
        ("华创", "huachuang"), ("鑫源", "xinyuan"), ("恒泰", "hengtai"), ("瑞丰", "ruifeng"),
        ("宏达", "hongda"), ("永盛", "yongsheng"), ("金诚", "jincheng"), ("海纳", "haina"),
        ("博远", "boyuan"), ("立信", "lixin"), ("嘉禾", "jiahe"), ("天成", "tiancheng"),
        ("润泽", "runze"), ("东升", "dongsheng"), ("德隆", "delong"), ("中联", "zhonglian"),
        ("汇通", "huitong"), ("新锐", "xinrui"), ("万邦", "wanbang"), ("盛世", "shengshi"),
        ("锦程", "jincheng"), ("远航", "yuanhang"), ("同舟", "tongzhou"), ("正信", "zhengxin"),
        ("佳美", "jiamei"), ("和顺", "heshun"), ("明辉", "minghui"), ("志远", "zhiyuan"),
        ("国泰", "guotai"), ("福瑞", "furui"), ("闽江", "minjiang"), ("星河", "xinghe"),
    ];

    /// Lines of business with an English word for e-mail domains.
    #[rustfmt::skip]
    const INDUSTRIES: [(&str, &str); 20] = [
        ("贸易", "trading"), ("电子科技", "tech"), ("机械制造", "machinery"), ("食品", "food"),
        ("建材", "materials"), ("物流", "logistics"), ("纺织", "textile"), ("服装", "apparel"),
        ("医疗器械", "medical"), ("软件", "soft"), ("包装材料", "packaging"), ("化工", "chem"),
        ("农业科技", "agri"), ("家具", "furniture"), ("汽车配件", "autoparts"),
        ("环保科技", "eco"), ("新能源", "energy"), ("餐饮管理", "catering"),
        ("印刷", "printing"), ("五金制品", "hardware"),
    ];

    /// Legal forms, the plain limited company most often.
    #[rustfmt::skip]
    const SUFFIXES: [&str; 6] = [
        "有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司",
    ];

    #[rustfmt::skip]
    const SURNAMES: [&str; 24] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "唐",
    ];

    #[rustfmt::skip]
    const GIVEN_NAMES: [&str; 30] = [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
        "明", "超", "秀英", "霞", "平", "刚", "桂英", "晓东", "建华", "海燕", "志强", "雪梅",
        "国庆", "文博", "子涵",
    ];

    #[rustfmt::skip]
    const ROADS: [&str; 15] = [
        "人民路", "中山路", "解放路", "建设路", "长江路", "科技路", "工业大道", "滨江大道",
        "新华路", "和平路", "创业路", "学府路", "金融街", "湖滨路", "东风路",
    ];

    #[rustfmt::skip]
    const MOBILE_PREFIXES: [&str; 16] = [
        "138", "139", "136", "135", "137", "150", "151", "158",
        "159", "186", "188", "189", "133", "153", "177", "180",
    ];

    const MAILBOXES: [&str; 5] = ["finance", "caiwu", "contact", "info", "admin"];

    const BANKS: [&str; 6] = ["ICBC", "CCB", "BOC", "ABC", "CMB", "CIB"];

    /// Contract rates in percent, all under the legal cap of the last years.
    #[rustfmt::skip]
    pub(super) const RATES: [&str; 15] = [
        "3.45", "3.85", "4.35", "4.75", "4.90", "5.22", "5.50", "6.00",
        "6.50", "7.20", "8.00", "8.50", "9.00", "10.00", "11.50",
    ];

    #[rustfmt::skip]
    pub(super) const PURPOSES: [&str; 10] = [
        "采购原材料", "补充流动资金", "购置生产设备", "支付货款", "厂房装修",
        "扩大经营规模", "支付员工工资", "季节性备货", "偿还到期应付款", "研发投入",
    ];

    #[rustfmt::skip]
    pub(super) const SOURCES: [&str; 6] = [
        "销售回款", "经营收入", "应收账款回收", "主营业务收入", "项目结算款",
        "政府补贴及经营收入",
    ];

    #[rustfmt::skip]
    pub(super) const RETURN_REASONS: [&str; 4] = [
        "请补充近三个月的银行流水", "请补充最新一期财务报表",
        "请补充营业执照副本", "请说明借款用途的具体安排",
    ];

    #[rustfmt::skip]
    pub(super) const REJECT_REASONS: [&str; 4] = [
        "资产负债率过高，还款能力不足", "经营年限不足",
        "外部征信存在不良记录", "借款用途不明确",
    ];

    #[rustfmt::skip]
    pub(super) const APPROVE_COMMENTS: [&str; 4] = [
        "经营稳定，同意", "财务状况良好，同意放款", "还款来源可靠，同意", "同意，按审批金额放款",
    ];

    #[rustfmt::skip]
    pub(super) const WITHDRAW_REASONS: [&str; 3] =
        ["客户资金需求已解决", "客户暂缓借款计划", "客户改为银行贷款"];

    pub(super) const CANCEL_REASONS: [&str; 2] = ["客户取消借款", "放款前客户资金已到位，取消"];

    #[rustfmt::skip]
    pub(super) const REVERSAL_REASONS: [&str; 3] =
        ["银行退票", "重复入账，冲正", "付款人账户错误，退回"];

    pub(super) const PAYMENT_METHODS: [(&str, u64); 3] =
        [("bank_transfer", 90), ("cheque", 6), ("cash", 4)];

    /// A new customer whose name is not in `taken` yet.
    pub(super) fn customer(
        rng: &mut Rng,
        taken: &mut HashSet<String>,
    ) -> anyhow::Result<CreateCustomerRequest> {
        let (city, city_code, districts) = rng.pick(&CITIES);
        let (district, district_code) = rng.pick(&districts);
        let (brand, pinyin, industry, slug) = company(rng, city, taken);
        let division = if rng.chance(30) {
            city_code
        } else {
            district_code
        };
        let contact = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN_NAMES));
        Ok(CreateCustomerRequest {
            name: format!("{city}{brand}{industry}{}", rng.pick(&SUFFIXES)),
            credit_code: credit_code(rng, division)?,
            contact_name: contact,
            phone: phone(rng),
            email: format!("{}@{pinyin}-{slug}.example.com", rng.pick(&MAILBOXES)),
            address: address(rng, city, district),
            credit_limit: format!("{}.00", rng.range(3, 30) * 100_000),
            account_manager_id: None,
            external_id: rng
                .chance(40)
                .then(|| format!("ERP-C{:06}", rng.below(1_000_000))),
        })
    }

    /// Brand and industry, unique within the city.
    fn company(
        rng: &mut Rng,
        city: &str,
        taken: &mut HashSet<String>,
    ) -> (&'static str, &'static str, &'static str, &'static str) {
        let mut draw = || {
            let (brand, pinyin) = rng.pick(&BRANDS);
            let (industry, slug) = rng.pick(&INDUSTRIES);
            (brand, pinyin, industry, slug)
        };
        let mut choice = draw();
        for _ in 0..50 {
            if taken.insert(format!("{city}{}{}", choice.0, choice.2)) {
                break;
            }
            choice = draw();
        }
        choice
    }

    /// A valid code: "91" (an enterprise registered by the market
    /// regulator), the division, nine identifier characters, the check.
    pub(super) fn credit_code(rng: &mut Rng, division: &str) -> anyhow::Result<String> {
        let body: String = (0..9)
            .map(|_| char::from(CODE_CHARS[rng.index(CODE_CHARS.len())]))
            .collect();
        let code = CreditCode::with_check_character(&format!("91{division}{body}"))
            .map_err(|e| anyhow!("cannot mint a credit code: {e}"))?;
        Ok(code.as_str().to_owned())
    }

    fn phone(rng: &mut Rng) -> String {
        format!(
            "{}{:08}",
            rng.pick(&MOBILE_PREFIXES),
            rng.below(100_000_000)
        )
    }

    fn address(rng: &mut Rng, city: &str, district: &str) -> String {
        let road = rng.pick(&ROADS);
        let number = rng.range(1, 999);
        let unit = match rng.below(3) {
            0 => String::new(),
            1 => format!("{}层", rng.range(2, 30)),
            _ => format!(
                "{}座{}室",
                rng.pick(&["A", "B", "C", "D"]),
                rng.range(101, 2808)
            ),
        };
        format!("{city}市{district}{road}{number}号{unit}")
    }

    /// A bank reference like `ICBC-20260115-4821`.
    pub(super) fn bank_reference(rng: &mut Rng, date: Date) -> String {
        let day = super::format_date(date).replace('-', "");
        format!("{}-{day}-{:04}", rng.pick(&BANKS), rng.below(10_000))
    }
}
