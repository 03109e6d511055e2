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
use crate::store::{admin_users, Pool};

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
    let count = admin_users::count(pool).await.map_err(|e| e.to_string())?;
    if count > 0 {
        return Ok(None);
    }
    let (password, generated) = match &settings.admin_password {
        Some(p) => (p.expose_secret().to_owned(), false),
        None => (Alphanumeric.sample_string(&mut rand::rng(), 16), true),
    };
    admin_users::insert(pool, &settings.admin_login, &hash_password(&password)?)
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
    let user = admin_users::find(pool, login).await?;
    let Some((id, hash)) = user else {
        // Same work as a real check, so timing does not reveal logins.
        let _ = check_password(password.to_owned(), DUMMY_HASH.to_owned()).await;
        return Ok(LoginOutcome::Invalid);
    };
    let now = crate::store::time::now();
    // Claim an attempt before checking: one atomic statement, so parallel
    // guesses cannot all slip through while the counter is still low.
    let claimed = admin_users::claim_attempt(pool, id, &now, MAX_FAILURES).await?;
    let Some(attempts) = claimed else {
        return Ok(LoginOutcome::Locked);
    };
    if !check_password(password.to_owned(), hash).await {
        let lock = (attempts >= MAX_FAILURES)
            .then(|| (Utc::now() + chrono::Duration::minutes(LOCK_MINUTES)).to_rfc3339());
        if let Some(until) = &lock {
            admin_users::lock(pool, id, until).await?;
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
    admin_users::clear_attempts(pool, id).await?;
    let token = Alphanumeric.sample_string(&mut rand::rng(), 40);
    let csrf = Alphanumeric.sample_string(&mut rand::rng(), 32);
    let expires = (Utc::now() + chrono::Duration::hours(SESSION_HOURS)).to_rfc3339();
    admin_users::insert_session(pool, &sha256_hex(&token), id, &csrf, &now, &expires).await?;
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
    admin_users::session(pool, token_hash).await
}

/// Ends a session.
pub async fn logout(pool: &crate::store::Pool, user: &AdminUser) -> Result<(), ApiError> {
    Ok(admin_users::delete_session(pool, &user.token_hash).await?)
}
