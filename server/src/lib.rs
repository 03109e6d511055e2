//! Zerostep's backend.
//!
//! A thin axum server: it serves the checkout and admin SPAs, answers the
//! public API (`/api/...`), keeps orders in SQLite (or PostgreSQL) through
//! sqlx, and talks to the Web Collect gateway (or the local sandbox, which it
//! can host on a second port).
//!
//! # Layout
//!
//! Modules form layers, and a module imports only from its own layer's
//! siblings (without a cycle) or from layers below it; `tests/layers.rs`
//! checks it.
//!
//! 1. [`app`]: start-up ([`Application`]), the router and its state
//!    ([`AppState`]), and the background jobs.
//! 2. [`http`]: error replies, extractors, security headers, the front ends
//!    and one file per route group. Only `app` and `http` import axum.
//! 3. The business:
//!    - [`checkout`]: what the purchase page offers, prices, placing an
//!      order and its A08, settling an unknown outcome;
//!    - [`idempotency`]: the keys of `POST /api/orders`;
//!    - [`payments`]: the merchant's operations (E01, A11, A06, A07, E04);
//!    - [`reconcile`]: bringing orders to the gateway's truth in the background;
//!    - [`bulk`]: bulk re-authorization jobs;
//!    - [`auth`]: merchant logins and sessions.
//! 4. [`services`]: the handle the business layer works with (database,
//!    writer, gateway, shop settings, configuration).
//! 5. The parts it is made of: [`shop`] (the merchant's settings and
//!    catalogue, cached), [`mail`] (composing and delivering mail),
//!    [`gateway`] (the Web Collect client as configured), [`postal`] (Japan
//!    Post data), [`guard`] (the shopper sessions the server signs, and the
//!    rate limits on the shopper's writes).
//! 6. [`store`]: the database, its engine and the order path's writes.
//! 7. Leaves: [`config`] (process configuration), [`error`] (the business
//!    layers' error), [`messages`] (the message catalogue: every sentence
//!    the API says, in Japanese and English), [`failpoint`] (crash points
//!    for tests), [`private_files`] (files of personal data, for their
//!    owner only).

pub mod app;
pub mod auth;
pub mod bulk;
pub mod bundle;
pub mod checkout;
pub mod config;
pub mod error;
pub mod failpoint;
pub mod gateway;
pub mod guard;
pub mod http;
pub mod idempotency;
pub mod mail;
pub mod messages;
pub mod payments;
pub mod postal;
pub mod private_files;
pub mod reconcile;
pub mod services;
pub mod shop;
pub mod store;
pub mod telemetry;

pub use app::{AppState, Application};
pub use config::Config;
pub use error::ApiError;
pub use services::Services;
