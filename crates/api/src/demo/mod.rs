//! `loanbook demo`: fills an empty database with a realistic two-year loan
//! book to try the API on — customers with valid credit codes, applications in
//! every status, and loans repaid on time, late with penalty, partly, early
//! (reduce term, reduce installment, settle), with overpayments and reversals.
//!
//! It acts only through the services the HTTP handlers call, as five demo
//! staff users, and walks the business date forward from about 24 months ago
//! to today; it writes no SQL of its own. The same seed gives the same book
//! relative to today. Like every command-line tool it reports with `anyhow`.
//!
//! This module holds the command and the loader's event loop; the steps it
//! replays live in `customers`, `applications`, `repayments` and `payments`,
//! the people who take them in `staff`, the final report in `summary`. The
//! shared state and the first admin come from `startup`, as for the server.

mod applications;
mod customers;
mod names;
mod payments;
mod repayments;
mod rng;
mod staff;
mod summary;

use std::collections::BTreeMap;
use std::time::Instant;

use anyhow::{Context, anyhow, bail};
use loanbook_persistence::DatabaseConnection;
use loanbook_persistence::repo::{PageRequest, Scope, customers as customer_repo, settings};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::config::Config;
use crate::dto::format_date;
use crate::error::ApiError;
use crate::http::Actor;
use crate::startup;
use crate::state::{AppState, BUSINESS_DATE_KEY};

use applications::AppPlan;
use repayments::LoanRun;
use rng::Rng;
use staff::{Staff, Who};
use summary::Summary;

/// The password of every demo user (and of `admin` when the demo creates it
/// without `LOANBOOK_ADMIN_PASSWORD`).
pub const DEMO_PASSWORD: &str = "demo-password";

/// How far back the book starts: about 24 months.
const HISTORY_DAYS: i64 = 730;

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

    let admin = staff::ensure_admin(&state.db, &config).await?;
    let staff = Staff::create(&state.db).await?;
    let mut book = Book::new(state, staff, options.seed, today);
    book.add_customers(options.customers).await?;
    book.plan_applications(options.applications);
    book.run().await?;
    book.set_business_date(today).await?;

    let summary = Summary::collect(&book.state.db, today).await?;
    summary.print(&book.stats, started, options.seed, today);
    staff::print_logins(admin.as_deref());
    Ok(())
}

/// Connects and migrates, and builds the state the services need with
/// `startup`, as the server does.
async fn open(config: &Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    let db = loanbook_persistence::connect(&config.database_url, config.database_max_connections)
        .await
        .context("cannot open the database")?;
    startup::app_state(config, db)
}

async fn refuse_if_loaded(db: &DatabaseConnection, force: bool) -> anyhow::Result<()> {
    let first = PageRequest {
        limit: 1,
        after: None,
    };
    let page = customer_repo::list(db, Scope::All, first).await?;
    if page.items.is_empty() || force {
        return Ok(());
    }
    bail!(
        "the database already has customers; the demo book is meant for an empty \
         database (set LOANBOOK_DATA_DIR or LOANBOOK_DATABASE_URL to another one, \
         or pass --force to add it anyway)"
    )
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

/// Something that happens on a business date.
#[derive(Debug)]
enum Event {
    Apply(AppPlan),
    Decide(Uuid, AppPlan),
    Disburse(Uuid, Date),
    Repay(LoanRun),
    Reverse(LoanRun, Uuid),
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
        self.staff.actor(who)
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
