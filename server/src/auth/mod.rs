//! Merchant login: argon2id passwords ([`password`]), an optional TOTP second
//! factor with recovery codes ([`totp`]), throttling per address, login and
//! known browser ([`throttle`], [`device`]), server-side sessions in an
//! HttpOnly SameSite=Strict cookie that end after 12 hours or 15 idle
//! minutes, and a CSRF token required on every state-changing request. The
//! admin's own account and the other admins are [`account`]'s.

pub mod account;
pub mod device;
pub mod password;
pub mod throttle;
pub mod totp;

use std::path::Path;

use chrono::Utc;
use rand::distr::{Alphanumeric, SampleString};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use crate::config::Config;
use crate::error::ApiError;
use crate::guard::shopper_session::SessionKey;
use crate::store::admin_sessions::{self, NewSession};
use crate::store::sealed::{Purpose, Sealer};
use crate::store::{admin_users, Pool};
use throttle::Counter;

/// The session cookie's name over HTTPS: `__Host-` makes browsers refuse
/// it unless it is `Secure`, for this host only (no `Domain`) and `Path=/`,
/// so no subdomain can set or overwrite it (security review M1, L5).
pub const COOKIE: &str = "__Host-zs_admin";
/// Its name over plain HTTP (development on loopback), where browsers
/// refuse the prefix.
pub const PLAIN_COOKIE: &str = "zs_admin";

/// The session cookie's name for a request over HTTPS (`secure`) or not.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        COOKIE
    } else {
        PLAIN_COOKIE
    }
}
/// How long a session lasts at most.
const SESSION_HOURS: i64 = 12;
/// How long a session lasts unused (15 minutes, as PCI DSS 8.2.8 asks).
pub const IDLE_SECS: u64 = 15 * 60;
/// How often a session's last use is written (not on every request).
const TOUCH_SECS: u64 = 60;

/// SHA-256 of `s`, in lowercase hex (how session tokens are stored).
pub fn sha256_hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates the first admin when there is none: with `ZEROSTEP_ADMIN_PASSWORD`
/// if set, else with a generated password that must be changed at the first
/// login, written to `first_password_file` (readable by its owner only),
/// never to the log. Returns that file when it wrote it.
pub async fn ensure_first_admin(
    pool: &Pool,
    settings: &Config,
) -> Result<Option<std::path::PathBuf>, String> {
    let count = admin_users::count(pool).await.map_err(|e| e.to_string())?;
    if count > 0 {
        return Ok(None);
    }
    let (password, generated) = match &settings.admin_password {
        Some(p) => (p.expose_secret().to_owned(), false),
        None => (Alphanumeric.sample_string(&mut rand::rng(), 20), true),
    };
    if generated {
        write_password_file(
            &settings.first_password_file,
            &settings.admin_login,
            &password,
        )?;
    }
    admin_users::insert(
        pool,
        &settings.admin_login,
        &password::hash_async(password).await?,
        generated,
    )
    .await
    .map_err(|e| e.to_string())?;
    Ok(generated.then(|| settings.first_password_file.clone()))
}

/// Gives `login` a new generated password, written to `file` (readable by
/// its owner only), to be changed at the next login; ends their sessions and
/// turns their TOTP off (the recovery for a lost phone). `zerostep-server
/// reset-admin-password` runs it.
pub async fn reset_password(pool: &Pool, login: &str, file: &Path) -> Result<(), String> {
    let account = admin_users::find(pool, login)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no admin with the login {login:?}"))?;
    let password = Alphanumeric.sample_string(&mut rand::rng(), 20);
    write_password_file(file, login, &password)?;
    let hash = password::hash_async(password).await?;
    admin_users::set_password(pool, account.id, &hash, true)
        .await
        .map_err(|e| e.to_string())?;
    admin_users::disable_totp(pool, account.id)
        .await
        .map_err(|e| e.to_string())?;
    admin_sessions::delete_others(pool, account.id, "")
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Writes `login / password` to `file`, readable and writable by its owner
/// only (its folder, if made here, for its owner only).
fn write_password_file(file: &Path, login: &str, password: &str) -> Result<(), String> {
    if let Some(dir) = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        crate::private_files::create_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = format!(
        "{login}\n{password}\n\nThe first admin's password, made by zerostep-server. Log in with it\n\
         and choose your own; this file is deleted when you do.\n"
    );
    crate::private_files::write(file, text.as_bytes())
        .map_err(|e| format!("{}: {e}", file.display()))
}

/// A login attempt, with what the request says about where it comes from.
#[derive(Debug, Clone, Copy)]
pub struct LoginAttempt<'a> {
    /// ログインID.
    pub login: &'a str,
    /// パスワード.
    pub password: &'a str,
    /// 確認コード (TOTP or recovery), on the second try.
    pub code: Option<&'a str>,
    /// The client's address.
    pub ip: &'a str,
    /// Its bucket (an IPv6 /64).
    pub ip_bucket: &'a str,
    /// `User-Agent`.
    pub user_agent: &'a str,
    /// The known-browser cookie, if the browser sent one.
    pub device: Option<&'a str>,
}

/// What a login attempt achieved.
pub enum LoginOutcome {
    /// Logged in.
    Ok {
        /// Session cookie value.
        token: String,
        /// CSRF token for state-changing requests.
        csrf: String,
        /// The known-browser cookie value to set.
        device: String,
        /// The admin must choose their own password first.
        must_change_password: bool,
    },
    /// Wrong login or password.
    Invalid,
    /// The login is at its limit of failures (known or not).
    Locked,
    /// The address is at its limit; try again in this many seconds.
    AddressLimited(u64),
    /// The password was right; the TOTP code is missing.
    TotpRequired,
    /// The TOTP or recovery code was wrong or used.
    InvalidTotp,
}

/// Checks a login: throttled per address and per login or known browser
/// (see [`throttle`]); the same answers whether or not the login exists.
pub async fn login(
    pool: &Pool,
    key: &SessionKey,
    sealer: &Sealer,
    attempt: LoginAttempt<'_>,
) -> Result<LoginOutcome, ApiError> {
    let address = Counter::address(attempt.ip_bucket);
    if address.claim(pool).await?.is_none() {
        return Ok(LoginOutcome::AddressLimited(address.wait_secs(pool).await?));
    }
    let known = attempt
        .device
        .and_then(|value| device::verify(key, attempt.login, value));
    let counter = known.map_or_else(|| Counter::login(attempt.login), Counter::device);
    let Some(attempts) = counter.claim(pool).await? else {
        return Ok(LoginOutcome::Locked);
    };
    let refused = |outcome: LoginOutcome| {
        tracing::warn!(
            login = attempt.login,
            attempts,
            ip = attempt.ip,
            "admin login failed"
        );
        if counter.spent(attempts) {
            LoginOutcome::Locked
        } else {
            outcome
        }
    };
    let account = admin_users::find(pool, attempt.login).await?;
    let hash = account
        .as_ref()
        .map_or(password::DUMMY_HASH, |a| a.password_hash.as_str())
        .to_owned();
    // Same work for an unknown login as for a real check, so timing does not tell.
    let right = password::check(attempt.password.to_owned(), hash).await;
    let Some(account) = account.filter(|_| right) else {
        return Ok(refused(LoginOutcome::Invalid));
    };
    if let Some(stored) = &account.totp_secret {
        let secret = sealer
            .open(Purpose::TotpSecret, stored)
            .map_err(ApiError::internal)?;
        let Some(code) = attempt.code.filter(|c| !c.trim().is_empty()) else {
            // The password was right: this was no failure.
            address.forgive(pool).await?;
            counter.forgive(pool).await?;
            return Ok(LoginOutcome::TotpRequired);
        };
        if !account::second_factor(pool, account.id, &secret, code).await? {
            return Ok(refused(LoginOutcome::InvalidTotp));
        }
    }
    address.forgive(pool).await?;
    counter.forgive(pool).await?;
    let token = Alphanumeric.sample_string(&mut rand::rng(), 40);
    let csrf = Alphanumeric.sample_string(&mut rand::rng(), 32);
    let now = crate::store::time::now();
    let expires = (Utc::now() + chrono::Duration::hours(SESSION_HOURS)).to_rfc3339();
    let user_agent: String = attempt.user_agent.chars().take(200).collect();
    admin_sessions::insert(
        pool,
        &NewSession {
            token_hash: &sha256_hex(&token),
            user_id: account.id,
            csrf: &csrf,
            now: &now,
            expires_at: &expires,
            ip: attempt.ip,
            user_agent: &user_agent,
        },
    )
    .await?;
    let device = match (known, attempt.device) {
        (Some(_), Some(value)) => value.to_owned(),
        _ => device::issue(key, attempt.login),
    };
    Ok(LoginOutcome::Ok {
        token,
        csrf,
        device,
        must_change_password: account.must_change_password == 1,
    })
}

/// The `Set-Cookie` value for a session (empty token and zero age to log out).
pub fn cookie(token: &str, secure: bool) -> String {
    let age = if token.is_empty() {
        0
    } else {
        SESSION_HOURS * 3600
    };
    format!(
        "{}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={age}{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

/// A logged-in merchant. Extracting it refuses anonymous requests (401),
/// state-changing requests without the session's `X-CSRF-Token` (403), and
/// an admin who must first choose their own password (403); the routes of
/// that choice take an [`AnyAdmin`].
#[derive(Debug, Clone)]
pub struct AdminUser {
    /// Their row id.
    pub user_id: i64,
    /// Login name (recorded as the actor of payment operations).
    pub login: String,
    /// The session's CSRF token.
    pub csrf: String,
    /// SHA-256 of the session cookie.
    pub token_hash: String,
    /// They must choose their own password before anything else.
    pub must_change_password: bool,
}

/// A logged-in merchant, who may still have to choose their own password:
/// for the session, logout and password routes.
#[derive(Debug, Clone)]
pub struct AnyAdmin(pub AdminUser);

/// The merchant whose session cookie hashes to `token_hash`, while it
/// lasts (12 hours, and 15 minutes unused, as PCI DSS 8.2.8 asks); marks
/// it used.
pub async fn session(pool: &Pool, token_hash: &str) -> Result<Option<AdminUser>, sqlx::Error> {
    let now = crate::store::time::now();
    let idle_since = crate::store::seconds_ago(IDLE_SECS);
    let Some(live) = admin_sessions::live(pool, token_hash, &now, &idle_since).await? else {
        return Ok(None);
    };
    let stale = crate::store::seconds_ago(TOUCH_SECS);
    if live.last_seen_at < stale {
        admin_sessions::touch(pool, token_hash, &now).await?;
    }
    Ok(Some(AdminUser {
        user_id: live.user_id,
        login: live.login,
        csrf: live.csrf_token,
        token_hash: token_hash.to_owned(),
        must_change_password: live.must_change_password == 1,
    }))
}

/// Ends a session.
pub async fn logout(pool: &Pool, user: &AdminUser) -> Result<(), ApiError> {
    Ok(admin_sessions::delete(pool, &user.token_hash).await?)
}
