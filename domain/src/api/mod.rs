//! JSON shapes shared by the server and the SPAs: the error body and health
//! here, the admin API's shapes in [`admin`], the purchase page's in
//! `crate::checkout`.

pub mod account;
pub mod admin;
mod basic_settings;
mod card_settings;
pub mod csp;
mod error;
pub mod proof;
pub mod slips;
pub mod three_d;

pub use error::{ApiErrorBody, ErrorCode, Text};

use serde::{Deserialize, Serialize};

/// `GET /api/health`: the server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` when every dependency answers.
    pub status: String,
    /// `ok` when the database answered a query.
    pub database: String,
    /// The server's version (its crate version).
    pub version: String,
}
