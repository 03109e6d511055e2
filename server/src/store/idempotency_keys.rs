//! Idempotency keys of `POST /api/orders` (`idempotency_keys`): claimed by
//! one request (through the writer, see `order_path`), answered once, taken
//! over from a dead run, withdrawn, or released.

use crate::store::Pool;

/// A key's row: request hash, stored status and body, order, claiming run.
pub type KeyRow = (
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

/// A key's row, if the key is known.
pub async fn find(pool: &Pool, key: &str) -> Result<Option<KeyRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT request_hash, response_code, response_body, order_id, claimed_by FROM idempotency_keys WHERE key = $1",
    )
    .bind(key)
    .fetch_optional(pool)
    .await
}

/// The bucket of the shopper session that claimed `key` (`None`: the key
/// is unknown, or was claimed before sessions were kept, or withdrawn).
pub async fn claimed_session(pool: &Pool, key: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT session FROM idempotency_keys WHERE key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(|(session,)| session))
}

/// Forgets a key that has neither an answer nor an order.
pub async fn release(pool: &Pool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM idempotency_keys WHERE key = $1 AND response_code IS NULL AND order_id IS NULL",
    )
    .bind(key)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Records `key` as withdrawn (request hash `marker`, answer `reply`)
/// unless a request has claimed it; false if one has.
pub async fn insert_withdrawn(
    pool: &Pool,
    key: &str,
    marker: &str,
    reply: &Reply,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (key, request_hash, created_at, response_code, response_body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(key)
    .bind(marker)
    .bind(crate::store::now_text())
    .bind(i64::from(reply.status))
    .bind(&reply.body)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Withdraws a claimed `key` whose request died before linking an order;
/// false if it has an answer or an order.
pub async fn withdraw_unlinked(
    pool: &Pool,
    key: &str,
    marker: &str,
    reply: &Reply,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query("UPDATE idempotency_keys SET request_hash = $1, response_code = $2, response_body = $3 WHERE key = $4 AND response_code IS NULL AND order_id IS NULL")
        .bind(marker)
        .bind(i64::from(reply.status))
        .bind(&reply.body)
        .bind(key)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(taken == 1)
}

/// The answer given under a key: its HTTP status and JSON body, replayed
/// verbatim to a retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// JSON body.
    pub body: String,
}

/// Stores an answer under `key` unless it has one.
pub async fn store_reply(pool: &Pool, key: &str, reply: &Reply) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE idempotency_keys SET response_code = $1, response_body = $2 WHERE key = $3 AND response_code IS NULL")
        .bind(i64::from(reply.status))
        .bind(&reply.body)
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Replaces the answer stored under `key`: a 3-D Secure order answered
/// "authenticate" first, and its final answer once the authentication ends.
pub async fn replace_reply(pool: &Pool, key: &str, reply: &Reply) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE idempotency_keys SET response_code = $1, response_body = $2 WHERE key = $3")
        .bind(i64::from(reply.status))
        .bind(&reply.body)
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Takes `key` over for `run_id` from the dead run `from`, while it has no
/// order and no answer; false if another request took it first.
pub async fn take_over(
    pool: &Pool,
    key: &str,
    run_id: &str,
    from: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query("UPDATE idempotency_keys SET claimed_by = $1 WHERE key = $2 AND claimed_by IS NOT DISTINCT FROM $3 AND order_id IS NULL AND response_code IS NULL")
        .bind(run_id)
        .bind(key)
        .bind(from)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(taken == 1)
}
