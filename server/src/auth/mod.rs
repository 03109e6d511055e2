//! Merchant login: argon2id password hashes, server-side sessions in an
//! HttpOnly SameSite=Strict cookie, a CSRF token required on every
//! state-changing request, and a lockout after repeated failures.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::Utc;
use rand::distr::{Alphanumeric, SampleString};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::error::ApiError;
use crate::store::Pool;

/// The session cookie's name.
pub const COOKIE: &str = "zs_admin";
/// Failed logins before the account is locked.
const MAX_FAILURES: i64 = 5;
/// How long a lock lasts.
const LOCK_MINUTES: i64 = 15;
/// How long a session lasts.
const SESSION_HOURS: i64 = 12;

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// A well-formed hash of nothing, checked against for unknown logins.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000";

/// Checks a password off the async runtime (argon2 is deliberately slow).
async fn check_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &hash))
        .await
        .unwrap_or(false)
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// SHA-256 of `s`, in lowercase hex (how session tokens are stored).
pub fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates the first admin when there is none: with `ZEROSTEP_ADMIN_PASSWORD`
/// if set, else a generated password, returned so start-up can print it once.
pub async fn ensure_first_admin(
    pool: &crate::store::Pool,
    settings: &Config,
) -> Result<Option<String>, String> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM admin_users")
        .fetch_one(pool)
        .await
        .map_err(|e| e.to_string())?;
    if count > 0 {
        return Ok(None);
    }
    let (password, generated) = match &settings.admin_password {
        Some(p) => (p.expose_secret().to_owned(), false),
        None => (Alphanumeric.sample_string(&mut rand::rng(), 16), true),
    };
    sqlx::query("INSERT INTO admin_users (login, password_hash, created_at) VALUES ($1, $2, $3)")
        .bind(&settings.admin_login)
        .bind(hash_password(&password)?)
        .bind(crate::store::time::now())
        .execute(pool)
        .await
        .map_err(|e| e.to_string())?;
    Ok(generated.then_some(password))
}

/// What a login attempt achieved.
pub enum LoginOutcome {
    /// Logged in: the cookie value and the CSRF token.
    Ok {
        /// Session cookie value.
        token: String,
        /// CSRF token for state-changing requests.
        csrf: String,
    },
    /// Wrong login or password.
    Invalid,
    /// Locked after repeated failures.
    Locked,
}

/// Checks credentials, counting failures and locking after five.
pub async fn login(
    pool: &crate::store::Pool,
    login: &str,
    password: &str,
) -> Result<LoginOutcome, ApiError> {
    let user: Option<(i64, String)> =
        sqlx::query_as("SELECT id, password_hash FROM admin_users WHERE login = $1")
            .bind(login)
            .fetch_optional(pool)
            .await?;
    let Some((id, hash)) = user else {
        // Same work as a real check, so timing does not reveal logins.
        let _ = check_password(password.to_owned(), DUMMY_HASH.to_owned()).await;
        return Ok(LoginOutcome::Invalid);
    };
    let now = crate::store::time::now();
    // Claim an attempt before checking: one atomic statement, so parallel
    // guesses cannot all slip through while the counter is still low.
    let claimed: Option<i64> = sqlx::query_scalar(
        "UPDATE admin_users SET failed_attempts = failed_attempts + 1
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) AND failed_attempts < $3
         RETURNING failed_attempts",
    )
    .bind(id)
    .bind(&now)
    .bind(MAX_FAILURES)
    .fetch_optional(pool)
    .await?;
    let Some(attempts) = claimed else {
        return Ok(LoginOutcome::Locked);
    };
    if !check_password(password.to_owned(), hash).await {
        let lock = (attempts >= MAX_FAILURES)
            .then(|| (Utc::now() + chrono::Duration::minutes(LOCK_MINUTES)).to_rfc3339());
        if let Some(until) = &lock {
            sqlx::query(
                "UPDATE admin_users SET failed_attempts = 0, locked_until = $1 WHERE id = $2",
            )
            .bind(until)
            .bind(id)
            .execute(pool)
            .await?;
        }
        tracing::warn!(
            login,
            attempts,
            locked = lock.is_some(),
            "admin login failed"
        );
        return Ok(if lock.is_some() {
            LoginOutcome::Locked
        } else {
            LoginOutcome::Invalid
        });
    }
    sqlx::query("UPDATE admin_users SET failed_attempts = 0, locked_until = NULL WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    let token = Alphanumeric.sample_string(&mut rand::rng(), 40);
    let csrf = Alphanumeric.sample_string(&mut rand::rng(), 32);
    sqlx::query("INSERT INTO admin_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(sha256_hex(&token))
        .bind(id)
        .bind(&csrf)
        .bind(&now)
        .bind((Utc::now() + chrono::Duration::hours(SESSION_HOURS)).to_rfc3339())
        .execute(pool)
        .await?;
    Ok(LoginOutcome::Ok { token, csrf })
}

/// The `Set-Cookie` value for a session (empty token and zero age to log out).
pub fn cookie(token: &str, secure: bool) -> String {
    let age = if token.is_empty() {
        0
    } else {
        SESSION_HOURS * 3600
    };
    format!(
        "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A logged-in merchant. Extracting it refuses anonymous requests (401) and
/// state-changing requests without the session's `X-CSRF-Token` (403).
#[derive(Debug, Clone)]
pub struct AdminUser {
    /// Login name (recorded as the actor of payment operations).
    pub login: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// SHA-256 of the session cookie.
    pub token_hash: String,
}

/// The merchant whose session cookie hashes to `token_hash`, while the
/// session lasts: their login and the session's CSRF token.
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
pub async fn logout(pool: &crate::store::Pool, user: &AdminUser) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM admin_sessions WHERE token_hash = $1")
        .bind(&user.token_hash)
        .execute(pool)
        .await?;
    Ok(())
}
