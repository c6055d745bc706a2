//! The people the demo acts as: five demo staff users, created through the
//! user service like any other user, and the first `admin`, created by
//! `startup` exactly as the first server start would. Nothing here draws
//! from the generator, so the staff never change the book.

use anyhow::anyhow;
use loanbook_persistence::DatabaseConnection;
use loanbook_persistence::repo::users;

use super::{DEMO_PASSWORD, explain};
use crate::config::{Config, Secret};
use crate::dto::users::CreateUserRequest;
use crate::http::Actor;
use crate::services::users as user_service;
use crate::startup;

/// The demo staff: login name, display name, role.
const STAFF: [(&str, &str, &str); 5] = [
    ("demo-sales", "陈晓明", "sales"),
    ("demo-reviewer-1", "林静", "reviewer"),
    ("demo-reviewer-2", "黄志强", "reviewer"),
    ("demo-manager", "王建国", "manager"),
    ("demo-cashier", "刘芳", "cashier"),
];

/// Who acts in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    /// The sales user, who creates customers and applications.
    Sales,
    /// One of the two reviewers, by index (taken modulo two).
    Reviewer(usize),
    /// The manager, who gives the second approval and cancels.
    Manager,
    /// The cashier, who disburses and records repayments.
    Cashier,
}

/// The demo staff as the actors the services expect.
pub(super) struct Staff {
    sales: Actor,
    reviewers: [Actor; 2],
    manager: Actor,
    cashier: Actor,
}

impl Staff {
    /// Creates the demo users, or reuses them on a `--force` run.
    pub(super) async fn create(db: &DatabaseConnection) -> anyhow::Result<Staff> {
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

    /// The actor behind `who`.
    pub(super) fn actor(&self, who: Who) -> &Actor {
        match who {
            Who::Sales => &self.sales,
            Who::Reviewer(i) => &self.reviewers[i % 2],
            Who::Manager => &self.manager,
            Who::Cashier => &self.cashier,
        }
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

/// On an empty database, creates `admin` through `startup` as the first
/// server start would, so that starting the server afterwards still leaves an
/// administrator — but with [`DEMO_PASSWORD`] instead of a generated password
/// when `LOANBOOK_ADMIN_PASSWORD` is unset. Returns how to log in as admin
/// when it was created here.
pub(super) async fn ensure_admin(
    db: &DatabaseConnection,
    config: &Config,
) -> anyhow::Result<Option<String>> {
    if users::count(db).await? > 0 {
        return Ok(None);
    }
    let mut config = config.clone();
    let note = match &config.admin_password {
        Some(secret) => {
            // The user service holds every password to this rule, and the
            // demo's admin was always created through it.
            user_service::check_password(secret.expose()).map_err(explain)?;
            "from LOANBOOK_ADMIN_PASSWORD"
        }
        None => {
            config.admin_password = Some(Secret::new(DEMO_PASSWORD));
            DEMO_PASSWORD
        }
    };
    startup::ensure_admin(db, &config).await?;
    Ok(Some(note.to_owned()))
}

/// Prints the demo logins, with `admin`'s when the demo created it.
pub(super) fn print_logins(admin: Option<&str>) {
    println!("Log in with POST /api/v1/auth/login {{\"username\", \"password\"}}:");
    for (username, name, role) in STAFF {
        println!("  {username:<16} {role:<9} {name}  password: {DEMO_PASSWORD}");
    }
    if let Some(note) = admin {
        println!("  {:<16} {:<9} password: {note}", "admin", "admin");
    }
}
