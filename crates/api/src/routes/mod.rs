//! Route handlers, one module per resource. A handler reads as a list of
//! steps: authorise, parse, call the service, respond.

pub mod admin;
pub mod applications;
pub mod assessments;
pub mod auth;
pub mod customers;
pub mod documents;
pub mod health;
pub mod loans;
pub mod notes;
pub mod products;
pub mod reports;
pub mod schedule;
pub mod users;

use actix_web::web;

/// Registers every route under its path.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(health::configure);
    cfg.service(
        web::scope("/api/v1")
            .configure(auth::configure)
            .configure(users::configure)
            .configure(customers::configure)
            .configure(documents::configure)
            .configure(applications::configure)
            .configure(assessments::configure)
            .configure(products::configure)
            .configure(loans::configure)
            .configure(notes::configure)
            .configure(reports::configure)
            .configure(schedule::configure)
            .configure(admin::configure),
    );
}
