//! JSON shapes shared by the server and the SPAs: the error body and health
//! here, the admin API's shapes in [`admin`], the purchase page's in
//! `crate::checkout`.

pub mod admin;

use serde::{Deserialize, Serialize};

/// The body of every non-2xx API reply: a stable machine-readable `code`
/// and a human-readable `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    /// Stable identifier of the error, e.g. `not_found` or `invalid_sku`.
    pub code: String,
    /// What went wrong, for people.
    pub message: String,
}

/// `GET /api/health`: the server is up and its database answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok` when every dependency answers.
    pub status: String,
    /// `ok` when the database answered a query.
    pub database: String,
    /// The server's version (its crate version).
    pub version: String,
}
