//! Merchant accounts and their sessions (`admin_users`, `admin_sessions`).

use crate::store::Pool;

/// How many admins there are.
pub async fn count(pool: &Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM admin_users")
        .fetch_one(pool)
        .await
}

/// Adds an admin with an argon2id password hash.
pub async fn insert(pool: &Pool, login: &str, password_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO admin_users (login, password_hash, created_at) VALUES ($1, $2, $3)")
        .bind(login)
        .bind(password_hash)
        .bind(crate::store::time::now())
        .execute(pool)
        .await
        .map(|_| ())
}

/// The admin with this login: id and password hash.
pub async fn find(pool: &Pool, login: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, password_hash FROM admin_users WHERE login = $1")
        .bind(login)
        .fetch_optional(pool)
        .await
}

/// Counts a login attempt before its check, in one statement (so parallel
/// guesses cannot slip past the limit): the attempts so far, or `None` while
/// the account is locked at `now` or has used its `max` attempts.
pub async fn claim_attempt(
    pool: &Pool,
    id: i64,
    now: &str,
    max: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE admin_users SET failed_attempts = failed_attempts + 1
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) AND failed_attempts < $3
         RETURNING failed_attempts",
    )
    .bind(id)
    .bind(now)
    .bind(max)
    .fetch_optional(pool)
    .await
}

/// Locks the account until `until`, its attempts reset.
pub async fn lock(pool: &Pool, id: i64, until: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE admin_users SET failed_attempts = 0, locked_until = $1 WHERE id = $2")
        .bind(until)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Forgets the failed attempts after a good login.
pub async fn clear_attempts(pool: &Pool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE admin_users SET failed_attempts = 0, locked_until = NULL WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Records a session by the hash of its cookie.
pub async fn insert_session(
    pool: &Pool,
    token_hash: &str,
    user_id: i64,
    csrf: &str,
    now: &str,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO admin_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|_| ())
}

/// The login and CSRF token of the session whose cookie hashes to
/// `token_hash`, while it lasts.
pub async fn session(
    pool: &Pool,
    token_hash: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.login, s.csrf_token FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(crate::store::time::now())
    .fetch_optional(pool)
    .await
}

/// Ends a session.
pub async fn delete_session(pool: &Pool, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ())
}
