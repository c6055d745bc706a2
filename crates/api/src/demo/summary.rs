//! The report `loanbook demo` ends with: what the database holds, read back
//! through the repositories and the loan service (customers, applications
//! and loans by status, the aging of active loans), and what this run
//! recorded. It only reads.

use std::time::Instant;

use loanbook_domain::application::ApplicationStatus;
use loanbook_domain::{AgingBucket, LoanStatus};
use loanbook_persistence::DatabaseConnection;
use loanbook_persistence::repo::applications::{self as application_repo, ApplicationFilter};
use loanbook_persistence::repo::loans::{self as loan_repo, LoanFilter};
use loanbook_persistence::repo::{PageRequest, Scope, customers};
use time::Date;
use uuid::Uuid;

use super::{Stats, explain};
use crate::services::loans as loan_service;

/// What the database holds at the end, read back through the repositories.
pub(super) struct Summary {
    customers: u64,
    applications: Vec<(ApplicationStatus, u64)>,
    loans: Vec<(LoanStatus, u64)>,
    aging: Vec<(AgingBucket, u64)>,
}

impl Summary {
    /// Counts what the database holds on `today`.
    pub(super) async fn collect(db: &DatabaseConnection, today: Date) -> anyhow::Result<Summary> {
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

    /// Prints the counts, with what this run recorded and how long it took.
    pub(super) fn print(&self, stats: &Stats, started: Instant, seed: u64, today: Date) {
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

/// Rows read per page while counting.
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
