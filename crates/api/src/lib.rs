//! Loanbook's HTTP API: actix-web handlers, wire types documented with
//! utoipa, JWT authentication with role claims, and the one mapping of errors
//! to RFC 9457 problem documents. It owns no lending rule (that is the
//! domain's) and no SQL (that is persistence's).

pub mod auth;
pub mod config;
pub mod demo;
pub mod dto;
pub mod error;
pub mod http;
pub mod i18n;
pub mod openapi;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;

pub use config::Config;
pub use startup::Application;
