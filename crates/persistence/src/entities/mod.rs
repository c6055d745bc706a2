//! sea-orm entities, one per table. They are storage shapes only: money is
//! `i64` fen, rates `i64` ten-thousandths of a percent, statuses strings.
//! Repositories map them to domain types; nothing above this crate sees them.

pub mod approval;
pub mod counter;
pub mod credit_assessment;
pub mod customer;
pub mod document;
pub mod installment;
pub mod loan;
pub mod loan_application;
pub mod loan_note;
pub mod loan_product;
pub mod loan_transaction;
pub mod refresh_token;
pub mod setting;
pub mod stored_file;
pub mod user;
