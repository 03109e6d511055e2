//! An admin's own account (password, sessions, TOTP) and the other admins
//! (security review M4, M6). Every change that an attacker holding a
//! session would want asks for the password again.

use std::path::Path;

use zerostep_domain::api::account::{
    AccountView, NewUser, RecoveryCodes, SessionRow, TotpSetup, UserRow,
};
use zerostep_domain::api::ErrorCode;

use crate::auth::throttle::Counter;
use crate::auth::{password, totp, AdminUser, IDLE_SECS};
use crate::error::ApiError;
use crate::messages;
use crate::store::sealed::{Purpose, Sealer};
use crate::store::{admin_sessions, admin_users, Pool};

/// Whether `code` is the account's TOTP code now (never one used before) or
/// one of its unused recovery codes (used up by this).
pub async fn second_factor(
    pool: &Pool,
    user_id: i64,
    secret: &str,
    code: &str,
) -> Result<bool, sqlx::Error> {
    let code = code.trim();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0);
        return match totp::step_of(secret, code, now) {
            Some(step) => admin_users::claim_totp_step(pool, user_id, step).await,
            None => Ok(false),
        };
    }
    admin_users::use_recovery_code(pool, user_id, &totp::recovery_hash(code)).await
}

/// Checks the password asked again, throttled per admin.
pub async fn reauthenticate(pool: &Pool, user: &AdminUser, given: &str) -> Result<(), ApiError> {
    let counter = Counter::reauthentication(user.user_id);
    let Some(attempts) = counter.claim(pool).await? else {
        return Err(ApiError::refused(
            ErrorCode::AccountLocked,
            messages::account_locked(),
        ));
    };
    let account = admin_users::by_id(pool, user.user_id)
        .await?
        .ok_or_else(|| ApiError::refused(ErrorCode::NotAuthenticated, messages::please_log_in()))?;
    if password::check(given.to_owned(), account.password_hash).await {
        counter.forgive(pool).await?;
        return Ok(());
    }
    tracing::warn!(
        login = user.login,
        attempts,
        "admin password asked again: wrong"
    );
    Err(ApiError::refused(
        ErrorCode::WrongPassword,
        messages::wrong_password(),
    ))
}

/// Sets the admin's own password: the current one asked again, the new one
/// checked against the rules; every other session of theirs ends. The first
/// admin's password file, if this was that password, is deleted.
pub async fn change_password(
    pool: &Pool,
    user: &AdminUser,
    current: &str,
    new: &str,
    first_password_file: &Path,
) -> Result<(), ApiError> {
    reauthenticate(pool, user, current).await?;
    if let Some(problem) = password::problem(new, &user.login) {
        return Err(ApiError::refused(ErrorCode::WeakPassword, problem));
    }
    if new == current {
        return Err(ApiError::refused(
            ErrorCode::WeakPassword,
            messages::password_unchanged(),
        ));
    }
    let hash = password::hash_async(new.to_owned())
        .await
        .map_err(ApiError::internal)?;
    admin_users::set_password(pool, user.user_id, &hash, false).await?;
    let ended = admin_sessions::delete_others(pool, user.user_id, &user.token_hash).await?;
    tracing::info!(
        login = user.login,
        ended,
        "admin password changed; other sessions ended"
    );
    if user.must_change_password {
        let _ = std::fs::remove_file(first_password_file);
    }
    Ok(())
}

/// What the account page shows.
pub async fn view(pool: &Pool, user: &AdminUser) -> Result<AccountView, ApiError> {
    let account = admin_users::by_id(pool, user.user_id)
        .await?
        .ok_or_else(|| ApiError::refused(ErrorCode::NotAuthenticated, messages::please_log_in()))?;
    Ok(AccountView {
        login: account.login,
        totp: account.totp_secret.is_some(),
        recovery_codes_left: admin_users::recovery_codes_left(pool, user.user_id).await?,
        must_change_password: account.must_change_password == 1,
    })
}

/// The admin's live sessions, this one marked.
pub async fn sessions(pool: &Pool, user: &AdminUser) -> Result<Vec<SessionRow>, ApiError> {
    let now = crate::store::time::now();
    let idle_since = crate::store::seconds_ago(IDLE_SECS);
    let rows = admin_sessions::list(pool, user.user_id, &now, &idle_since).await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionRow {
            id: row.token_hash.chars().take(16).collect(),
            current: row.token_hash == user.token_hash,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
            ip: row.ip,
            user_agent: row.user_agent,
        })
        .collect())
}

/// Ends one of the admin's sessions by its listed id.
pub async fn end_session(pool: &Pool, user: &AdminUser, id: &str) -> Result<(), ApiError> {
    let well_formed = id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if well_formed && admin_sessions::delete_listed(pool, user.user_id, id).await? {
        return Ok(());
    }
    Err(ApiError::refused(
        ErrorCode::NotFound,
        messages::unknown_session(),
    ))
}

/// Ends every session of the admin's but this one: how many.
pub async fn end_others(pool: &Pool, user: &AdminUser) -> Result<u64, ApiError> {
    Ok(admin_sessions::delete_others(pool, user.user_id, &user.token_hash).await?)
}

/// Starts the TOTP setup: a new secret, to be confirmed with a code.
pub async fn totp_setup(
    pool: &Pool,
    sealer: &Sealer,
    user: &AdminUser,
    current: &str,
) -> Result<TotpSetup, ApiError> {
    reauthenticate(pool, user, current).await?;
    if view(pool, user).await?.totp {
        return Err(ApiError::refused(
            ErrorCode::NotAllowedInThisState,
            messages::totp_already_on(),
        ));
    }
    let secret = totp::new_secret();
    let (uri, qr_svg) = totp::enrolment(&secret, &user.login)
        .ok_or_else(|| ApiError::internal("TOTP enrolment not made"))?;
    let sealed = sealer.seal(Purpose::TotpSecret, &secret);
    admin_users::set_totp_pending(pool, user.user_id, &sealed).await?;
    Ok(TotpSetup {
        secret,
        uri,
        qr_svg,
    })
}

/// Turns TOTP on once the app shows the right code; the recovery codes,
/// shown this once.
pub async fn totp_confirm(
    pool: &Pool,
    sealer: &Sealer,
    user: &AdminUser,
    code: &str,
) -> Result<RecoveryCodes, ApiError> {
    let account = admin_users::by_id(pool, user.user_id).await?;
    let Some(stored) = account.and_then(|a| a.totp_pending) else {
        return Err(ApiError::refused(
            ErrorCode::NotAllowedInThisState,
            messages::totp_not_started(),
        ));
    };
    let secret = sealer
        .open(Purpose::TotpSecret, &stored)
        .map_err(ApiError::internal)?;
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0);
    let Some(step) = totp::step_of(&secret, code, now) else {
        return Err(ApiError::refused(
            ErrorCode::InvalidTotp,
            messages::invalid_totp(),
        ));
    };
    if !admin_users::activate_totp(pool, user.user_id, &stored, step).await? {
        return Err(ApiError::refused(
            ErrorCode::NotAllowedInThisState,
            messages::totp_not_started(),
        ));
    }
    tracing::info!(login = user.login, "TOTP turned on");
    new_recovery_codes(pool, user).await
}

/// Turns TOTP off (the password asked again).
pub async fn totp_disable(pool: &Pool, user: &AdminUser, current: &str) -> Result<(), ApiError> {
    reauthenticate(pool, user, current).await?;
    admin_users::disable_totp(pool, user.user_id).await?;
    tracing::info!(login = user.login, "TOTP turned off");
    Ok(())
}

/// New recovery codes in place of the old ones (the password asked again).
pub async fn renew_recovery_codes(
    pool: &Pool,
    user: &AdminUser,
    current: &str,
) -> Result<RecoveryCodes, ApiError> {
    reauthenticate(pool, user, current).await?;
    if !view(pool, user).await?.totp {
        return Err(ApiError::refused(
            ErrorCode::NotAllowedInThisState,
            messages::totp_off(),
        ));
    }
    new_recovery_codes(pool, user).await
}

async fn new_recovery_codes(pool: &Pool, user: &AdminUser) -> Result<RecoveryCodes, ApiError> {
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    admin_users::replace_recovery_codes(pool, user.user_id, &hashes).await?;
    Ok(RecoveryCodes { codes })
}

/// Every admin.
pub async fn users(pool: &Pool, user: &AdminUser) -> Result<Vec<UserRow>, ApiError> {
    Ok(admin_users::list(pool)
        .await?
        .into_iter()
        .map(|(login, created_at, totp, must_change_password)| UserRow {
            you: login == user.login,
            login,
            created_at,
            totp,
            must_change_password,
        })
        .collect())
}

/// Whether `login` keeps the rule of a login ID: 3-32 of letters, digits,
/// `.`, `_`, `-`, `@`.
pub fn login_is_valid(login: &str) -> bool {
    (3..=32).contains(&login.len())
        && login
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-@".contains(&b))
}

/// Adds an admin (the adding admin's password asked again), who chooses
/// their own password at their first login.
pub async fn add_user(pool: &Pool, user: &AdminUser, new: &NewUser) -> Result<(), ApiError> {
    reauthenticate(pool, user, &new.current_password).await?;
    if !login_is_valid(&new.login) {
        return Err(ApiError::refused(
            ErrorCode::InvalidLogin,
            messages::login_rule(),
        ));
    }
    if let Some(problem) = password::problem(&new.password, &new.login) {
        return Err(ApiError::refused(ErrorCode::WeakPassword, problem));
    }
    let hash = password::hash_async(new.password.clone())
        .await
        .map_err(ApiError::internal)?;
    if !admin_users::insert(pool, &new.login, &hash, true).await? {
        return Err(ApiError::refused(
            ErrorCode::InvalidLogin,
            messages::login_taken(),
        ));
    }
    tracing::info!(by = user.login, login = new.login, "admin user added");
    Ok(())
}

/// Removes another admin (the password asked again); their sessions end.
pub async fn remove_user(
    pool: &Pool,
    user: &AdminUser,
    login: &str,
    current: &str,
) -> Result<(), ApiError> {
    if login == user.login {
        return Err(ApiError::refused(
            ErrorCode::CannotRemoveSelf,
            messages::cannot_remove_self(),
        ));
    }
    reauthenticate(pool, user, current).await?;
    if !admin_users::delete(pool, login).await? {
        return Err(ApiError::refused(
            ErrorCode::UnknownUser,
            messages::unknown_user(),
        ));
    }
    tracing::info!(by = user.login, login, "admin user removed");
    Ok(())
}
