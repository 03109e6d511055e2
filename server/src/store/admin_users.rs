//! Merchant accounts (`admin_users`), their TOTP second factor and recovery
//! codes (`admin_recovery_codes`).

use crate::store::Pool;

/// An admin as a login needs them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    /// Row id.
    pub id: i64,
    /// Login name.
    pub login: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// The TOTP secret once confirmed, as stored (sealed: `store::sealed`).
    pub totp_secret: Option<String>,
    /// The TOTP secret being set up, as stored (sealed).
    pub totp_pending: Option<String>,
    /// 1 while the admin must choose their own password.
    pub must_change_password: i64,
}

const ACCOUNT: &str =
    "SELECT id, login, password_hash, totp_secret, totp_pending, must_change_password FROM admin_users";

/// How many admins there are.
pub async fn count(pool: &Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM admin_users")
        .fetch_one(pool)
        .await
}

/// Adds an admin with an argon2id password hash; `false` when the login is
/// taken.
pub async fn insert(
    pool: &Pool,
    login: &str,
    password_hash: &str,
    must_change_password: bool,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO admin_users (login, password_hash, must_change_password, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (login) DO NOTHING",
    )
    .bind(login)
    .bind(password_hash)
    .bind(i64::from(must_change_password))
    .bind(crate::store::time::now())
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// The admin with this login.
pub async fn find(pool: &Pool, login: &str) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query_as(&format!("{ACCOUNT} WHERE login = $1"))
        .bind(login)
        .fetch_optional(pool)
        .await
}

/// The admin with this id.
pub async fn by_id(pool: &Pool, id: i64) -> Result<Option<Account>, sqlx::Error> {
    sqlx::query_as(&format!("{ACCOUNT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Every admin: login, created, TOTP on, must change their password.
pub async fn list(pool: &Pool) -> Result<Vec<(String, String, bool, bool)>, sqlx::Error> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT login, created_at, CAST(CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END AS BIGINT),
                must_change_password
         FROM admin_users ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(login, at, totp, must)| (login, at, totp == 1, must == 1))
        .collect())
}

/// Removes an admin (their sessions and codes go with them); whether one was.
pub async fn delete(pool: &Pool, login: &str) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM admin_users WHERE login = $1")
        .bind(login)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1)
}

/// A new password hash; `must_change` when the server or another admin
/// chose it.
pub async fn set_password(
    pool: &Pool,
    id: i64,
    password_hash: &str,
    must_change: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE admin_users SET password_hash = $1, must_change_password = $2 WHERE id = $3",
    )
    .bind(password_hash)
    .bind(i64::from(must_change))
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// A TOTP secret (sealed) to be confirmed with a code from the app.
pub async fn set_totp_pending(pool: &Pool, id: i64, secret: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE admin_users SET totp_pending = $1 WHERE id = $2")
        .bind(secret)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Turns TOTP on with the pending secret stored as `secret` (sealed), its
/// step `step` used; `false` if another request changed the pending secret
/// meanwhile.
pub async fn activate_totp(
    pool: &Pool,
    id: i64,
    secret: &str,
    step: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE admin_users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $1
         WHERE id = $2 AND totp_pending = $3",
    )
    .bind(step)
    .bind(id)
    .bind(secret)
    .execute(pool)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// Turns TOTP off and forgets the recovery codes.
pub async fn disable_totp(pool: &Pool, id: i64) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "UPDATE admin_users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = 0
         WHERE id = $1",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM admin_recovery_codes WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Uses the TOTP step `step` if it is later than the last one used: a code
/// is good once, and never after a later one.
pub async fn claim_totp_step(pool: &Pool, id: i64, step: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE admin_users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $3")
        .bind(step)
        .bind(id)
        .bind(step)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1)
}

/// Replaces the admin's recovery codes by these (SHA-256 of each).
pub async fn replace_recovery_codes(
    pool: &Pool,
    id: i64,
    hashes: &[String],
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM admin_recovery_codes WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for hash in hashes {
        sqlx::query("INSERT INTO admin_recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(id)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Uses a recovery code: whether it was one of the admin's, unused.
pub async fn use_recovery_code(pool: &Pool, id: i64, hash: &str) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM admin_recovery_codes WHERE user_id = $1 AND code_hash = $2")
        .bind(id)
        .bind(hash)
        .execute(pool)
        .await
        .map(|done| done.rows_affected() == 1)
}

/// The admin's unused recovery codes.
pub async fn recovery_codes_left(pool: &Pool, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM admin_recovery_codes WHERE user_id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
}
