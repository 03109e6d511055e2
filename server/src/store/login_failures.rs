//! Failed logins per key (`login_failures`; the keys are `auth::throttle`'s).

use crate::store::Pool;

/// Counts an attempt on `key` before its check, in one statement (parallel
/// guesses cannot slip past the limit): the attempts in the key's window so
/// far, or `None` while the key holds `max` within its window. A window that
/// started at or before `window_ended` is over; the attempt starts a new one
/// at `now`.
pub async fn claim(
    pool: &Pool,
    key: &str,
    now: &str,
    window_ended: &str,
    max: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO login_failures (key, failures, window_start) VALUES ($1, 1, $2)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_failures.window_start <= $3 THEN 1
                           ELSE login_failures.failures + 1 END,
           window_start = CASE WHEN login_failures.window_start <= $4 THEN $5
                               ELSE login_failures.window_start END
         WHERE login_failures.window_start <= $6 OR login_failures.failures < $7
         RETURNING failures",
    )
    .bind(key)
    .bind(now)
    .bind(window_ended)
    .bind(window_ended)
    .bind(now)
    .bind(window_ended)
    .bind(max)
    .fetch_optional(pool)
    .await
}

/// When the key's window started (to say how long a refusal lasts).
pub async fn window_start(pool: &Pool, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT window_start FROM login_failures WHERE key = $1")
        .bind(key)
        .fetch_optional(pool)
        .await
}

/// Takes back one claimed attempt (it succeeded: it was no failure).
pub async fn forgive(pool: &Pool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE login_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0")
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Deletes the windows that started at or before `window_ended`: how many.
pub async fn purge(pool: &Pool, window_ended: &str) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE window_start <= $1")
        .bind(window_ended)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
}
