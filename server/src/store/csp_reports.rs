//! The CSP violations browsers reported (`csp_reports`), counted per page,
//! directive and blocked source.

use zerostep_domain::api::csp::CspReport;

use crate::store::Pool;

/// The most distinct violations kept: past it, a report of one already
/// kept still counts, a new one is dropped (the table is written by anyone).
pub const MAX_ROWS: i64 = 1000;

/// One violation as reported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violation {
    /// The document's URL, without its query.
    pub page: String,
    /// The effective directive.
    pub directive: String,
    /// What was blocked.
    pub blocked: String,
    /// `file:line`, where given.
    pub source: String,
    /// The first characters of an inline script, where given.
    pub sample: String,
    /// The reporting browser.
    pub user_agent: String,
}

/// Counts a report: one more of a kept violation, or a new row while fewer
/// than [`MAX_ROWS`] are kept. Whether it was kept.
pub async fn record(pool: &Pool, v: &Violation, now: &str) -> Result<bool, sqlx::Error> {
    let counted = sqlx::query(
        "UPDATE csp_reports SET count = count + 1, last_at = $1, user_agent = $2
         WHERE page = $3 AND directive = $4 AND blocked = $5",
    )
    .bind(now)
    .bind(&v.user_agent)
    .bind(&v.page)
    .bind(&v.directive)
    .bind(&v.blocked)
    .execute(pool)
    .await?
    .rows_affected();
    if counted > 0 {
        return Ok(true);
    }
    sqlx::query(
        "INSERT INTO csp_reports
           (page, directive, blocked, source, sample, user_agent, count, first_at, last_at)
         SELECT $1, $2, $3, $4, $5, $6, 1, $7, $8
         WHERE (SELECT COUNT(*) FROM csp_reports) < $9
         ON CONFLICT (page, directive, blocked) DO UPDATE SET count = csp_reports.count + 1",
    )
    .bind(&v.page)
    .bind(&v.directive)
    .bind(&v.blocked)
    .bind(&v.source)
    .bind(&v.sample)
    .bind(&v.user_agent)
    .bind(now)
    .bind(now)
    .bind(MAX_ROWS)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() > 0)
}

/// A kept violation's columns, in [`CspReport`]'s order.
type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    String,
);

/// The kept violations, the latest first, with their counts and times.
pub async fn list(pool: &Pool) -> Result<Vec<CspReport>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT page, directive, blocked, source, sample, user_agent, count, first_at, last_at
         FROM csp_reports ORDER BY last_at DESC LIMIT 500",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(page, directive, blocked, source, sample, user_agent, count, first_at, last_at)| {
                CspReport {
                    page,
                    directive,
                    blocked,
                    source,
                    sample,
                    user_agent,
                    count,
                    first_at,
                    last_at,
                }
            },
        )
        .collect())
}

/// Deletes the violations last reported before `before`: how many.
pub async fn purge(pool: &Pool, before: &str) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM csp_reports WHERE last_at < $1")
        .bind(before)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
}
