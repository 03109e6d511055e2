//! Retention (security review M3): what anonymous requests leave behind is
//! kept only while it can still matter, then deleted by the hourly purge
//! (`app::jobs`). Orders, their operations and mails are the shop's records
//! and are not purged here.

use crate::store::Pool;

/// How long answered idempotency keys are kept: two days, far beyond any
/// retry of the request that used them (a request gives up after 30 s; a
/// reload asks again within minutes).
pub const KEYS_KEPT_SECS: u64 = 48 * 60 * 60;

/// What one purge deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    /// Answered or withdrawn idempotency keys older than [`KEYS_KEPT_SECS`].
    pub keys: u64,
    /// Card attempts older than the card-failure window (they count no more).
    pub attempts: u64,
    /// Admin sessions past their expiry, or idle too long.
    pub admin_sessions: u64,
    /// Failed-login counters whose window ended.
    pub login_failures: u64,
    /// Proof-of-work solutions whose challenge expired.
    pub proofs: u64,
    /// CSP violations last reported more than [`CSP_REPORTS_KEPT_SECS`] ago.
    pub csp_reports: u64,
}

/// How long a CSP violation is kept after its last report: 90 days, so
/// that a weekly look (PCI DSS 11.6.1) sees every one of them.
pub const CSP_REPORTS_KEPT_SECS: u64 = 90 * 24 * 60 * 60;

/// The spans that decide what has outlived its use, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct Windows {
    /// The card-failure window.
    pub card_failures: u64,
    /// An admin session's idle timeout.
    pub admin_idle: u64,
    /// The failed-login window.
    pub login_failures: u64,
}

/// Deletes what has outlived its use.
pub async fn purge(pool: &Pool, windows: &Windows) -> Result<Purged, sqlx::Error> {
    let keys_before = crate::store::time::text_seconds_ago(KEYS_KEPT_SECS);
    // A key still waiting for its answer (its request died) stays: the
    // reconciler answers it from the order.
    let keys = sqlx::query(
        "DELETE FROM idempotency_keys WHERE response_code IS NOT NULL AND created_at < $1",
    )
    .bind(keys_before)
    .execute(pool)
    .await?
    .rows_affected();
    let attempts = sqlx::query("DELETE FROM card_failures WHERE at < $1")
        .bind(crate::store::seconds_ago(windows.card_failures))
        .execute(pool)
        .await?
        .rows_affected();
    let now = crate::store::time::now();
    let idle_since = crate::store::seconds_ago(windows.admin_idle);
    let admin_sessions = crate::store::admin_sessions::purge(pool, &now, &idle_since).await?;
    let login_failures = crate::store::login_failures::purge(
        pool,
        &crate::store::seconds_ago(windows.login_failures),
    )
    .await?;
    let proofs = crate::store::card_guard::purge_spent_proofs(pool, &now).await?;
    let csp_reports =
        crate::store::csp_reports::purge(pool, &crate::store::seconds_ago(CSP_REPORTS_KEPT_SECS))
            .await?;
    Ok(Purged {
        keys,
        attempts,
        admin_sessions,
        login_failures,
        proofs,
        csp_reports,
    })
}
