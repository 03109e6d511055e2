//! Merchant sessions (`admin_sessions`), by the SHA-256 of their cookie.

use crate::store::Pool;

/// A live session, as the extractor needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveSession {
    /// The admin's row id.
    pub user_id: i64,
    /// Their login.
    pub login: String,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// 1 while the admin must choose their own password.
    pub must_change_password: i64,
    /// When it was last used (RFC 3339).
    pub last_seen_at: String,
}

/// A session as its admin sees it in the list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionListed {
    /// SHA-256 of its cookie.
    pub token_hash: String,
    /// Logged in at.
    pub created_at: String,
    /// Last used at.
    pub last_seen_at: String,
    /// From this address.
    pub ip: String,
    /// With this browser.
    pub user_agent: String,
}

/// What a new session records.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    /// SHA-256 of the cookie.
    pub token_hash: &'a str,
    /// The admin.
    pub user_id: i64,
    /// The CSRF token.
    pub csrf: &'a str,
    /// Now (RFC 3339).
    pub now: &'a str,
    /// The absolute end (RFC 3339).
    pub expires_at: &'a str,
    /// The client's address.
    pub ip: &'a str,
    /// Its `User-Agent` (cut to a length).
    pub user_agent: &'a str,
}

/// Records a session.
pub async fn insert(pool: &Pool, s: &NewSession<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO admin_sessions
           (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(s.token_hash)
    .bind(s.user_id)
    .bind(s.csrf)
    .bind(s.now)
    .bind(s.expires_at)
    .bind(s.now)
    .bind(s.ip)
    .bind(s.user_agent)
    .execute(pool)
    .await
    .map(|_| ())
}

/// The session whose cookie hashes to `token_hash`, if it has not expired
/// at `now` and was used after `idle_since`.
pub async fn live(
    pool: &Pool,
    token_hash: &str,
    now: &str,
    idle_since: &str,
) -> Result<Option<LiveSession>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.user_id, u.login, s.csrf_token, u.must_change_password, s.last_seen_at
         FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3",
    )
    .bind(token_hash)
    .bind(now)
    .bind(idle_since)
    .fetch_optional(pool)
    .await
}

/// Marks the session used at `now`.
pub async fn touch(pool: &Pool, token_hash: &str, now: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE admin_sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
}

/// The admin's sessions that are still live, the latest used first.
pub async fn list(
    pool: &Pool,
    user_id: i64,
    now: &str,
    idle_since: &str,
) -> Result<Vec<SessionListed>, sqlx::Error> {
    sqlx::query_as(
        "SELECT token_hash, created_at, last_seen_at, ip, user_agent FROM admin_sessions
         WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3
         ORDER BY last_seen_at DESC",
    )
    .bind(user_id)
    .bind(now)
    .bind(idle_since)
    .fetch_all(pool)
    .await
}

/// Ends a session.
pub async fn delete(pool: &Pool, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Ends the admin's session whose hash starts with `id` (its listed id);
/// whether there was one.
pub async fn delete_listed(pool: &Pool, user_id: i64, id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM admin_sessions WHERE user_id = $1 AND substr(token_hash, 1, 16) = $2")
        .bind(user_id)
        .bind(id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() > 0)
}

/// Ends every session of the admin's but `keep` (a hash): how many.
pub async fn delete_others(pool: &Pool, user_id: i64, keep: &str) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM admin_sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
}

/// Deletes the sessions that ended by `now` or by being idle since
/// `idle_since`: how many.
pub async fn purge(pool: &Pool, now: &str, idle_since: &str) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM admin_sessions WHERE expires_at < $1 OR last_seen_at < $2")
        .bind(now)
        .bind(idle_since)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
}
