//! 改ざん検知: the CSP violations browsers reported of our pages
//! (`GET /api/admin/csp-reports`).

use serde::{Deserialize, Serialize};

/// One violation, counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CspReport {
    /// The page (its URL without the query).
    pub page: String,
    /// The directive it broke (`script-src-elem`…).
    pub directive: String,
    /// What was blocked: a URL, `inline`, `eval`.
    pub blocked: String,
    /// `file:line` of the code that tried, where the browser said.
    pub source: String,
    /// The first characters of an inline script, where the browser said.
    pub sample: String,
    /// The last reporting browser.
    pub user_agent: String,
    /// Reports of it.
    pub count: i64,
    /// First reported (RFC 3339).
    pub first_at: String,
    /// Last reported (RFC 3339).
    pub last_at: String,
}
