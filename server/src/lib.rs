//! Zerostep's backend.
//!
//! A thin axum server: it serves the checkout and admin SPAs, answers the
//! public API (`/api/...`), keeps orders in SQLite through sqlx, and talks to
//! the Web Collect gateway (or the local sandbox, which it can host on a
//! second port). Start-up lives in [`startup`]; each API resource has a file
//! under [`routes`].

pub mod admin_auth;
pub mod catalogue;
pub mod config;
pub mod db;
pub mod embed;
pub mod error;
pub mod failpoint;
pub mod mail;
pub mod orders;
pub mod payment;
pub mod payment_ops;
pub mod postal;
pub mod routes;
pub mod security;
pub mod shop_settings;
pub mod spa;
mod sqlite_writes;
pub mod startup;

pub use config::Settings;
pub use error::ApiError;
pub use startup::{app, AppState, Application};
