//! The mail outbox's statements: an order's mails are claimed once
//! (`orders.mails_queued`) and written as outbox rows in the same transaction.

use zerostep_domain::api::admin::OutboxMail;

use crate::store::Pool;

/// Claims an order's mails, once: `$1` the order's row id.
pub const CLAIM_MAILS: &str =
    "UPDATE orders SET mails_queued = 1 WHERE id = $1 AND mails_queued = 0";

/// Writes one outbox row: order id, kind, recipient, subject, body, time; returns its id.
pub const INSERT_OUTBOX: &str = "INSERT INTO outbox (order_id, kind, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";

/// One mail to write to the outbox.
pub struct OutboxRow {
    /// `thanks`, `shop_notice`, ….
    pub kind: &'static str,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
}

/// Claims order `order_id`'s mails and writes `rows` to the outbox through
/// `conn`, which the caller runs in a transaction: a failed insert fails the
/// whole transaction, the claim included. Returns the rows' ids in order, or
/// `None` when another caller had claimed the mails already.
pub async fn insert_claimed(
    conn: &mut sqlx::AnyConnection,
    order_id: i64,
    rows: &[OutboxRow],
) -> Result<Option<Vec<i64>>, String> {
    let claimed = sqlx::query(CLAIM_MAILS)
        .bind(order_id)
        .execute(&mut *conn)
        .await
        .map_err(|e| e.to_string())?
        .rows_affected()
        == 1;
    if !claimed {
        return Ok(None);
    }
    let mut ids = Vec::new();
    for row in rows {
        let id: i64 = sqlx::query_scalar(INSERT_OUTBOX)
            .bind(order_id)
            .bind(row.kind)
            .bind(&row.to)
            .bind(&row.subject)
            .bind(&row.body)
            .bind(crate::store::now_text())
            .fetch_one(&mut *conn)
            .await
            .map_err(|err| format!("{}: {err}", row.kind))?;
        ids.push(id);
    }
    Ok(Some(ids))
}

/// The 200 newest messages, newest first.
pub async fn recent(pool: &Pool) -> Result<Vec<OutboxMail>, sqlx::Error> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        i64,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, kind, recipient, subject, body, created_at, sent_at, attempts, last_error FROM outbox ORDER BY id DESC LIMIT 200",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, kind, recipient, subject, body, created_at, sent_at, attempts, last_error)| {
                OutboxMail {
                    id,
                    kind,
                    recipient,
                    subject,
                    body,
                    created_at,
                    sent_at,
                    attempts,
                    last_error,
                }
            },
        )
        .collect())
}

/// Messages not sent yet that have failed fewer than `max_attempts` times
/// (id, recipient, subject, body), oldest first, 50 at a time.
pub async fn unsent(
    pool: &Pool,
    max_attempts: i64,
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, recipient, subject, body FROM outbox WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT 50",
    )
    .bind(max_attempts)
    .fetch_all(pool)
    .await
}

/// Records a message as sent now.
pub async fn mark_sent(pool: &Pool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2",
    )
    .bind(crate::store::now_text())
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Records a failed attempt to send a message, with why.
pub async fn mark_failed(pool: &Pool, id: i64, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2")
        .bind(error)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// When the 配送通知メール naming `slip_no` (its `問合番号:` line) was queued
/// for order `order_id`, if it was: what 受注明細 shows, and what keeps a
/// slip's notice from being queued twice.
pub async fn shipping_notice_queued_at(
    pool: &Pool,
    order_id: i64,
    slip_no: &str,
) -> Result<Option<String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT body, created_at FROM outbox WHERE order_id = $1 AND kind = 'shipping_notice' ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    let line = format!("問合番号: {slip_no}\n");
    Ok(rows
        .into_iter()
        .find(|(body, _)| body.contains(&line))
        .map(|(_, at)| at))
}

/// Writes a 配送通知メール to the outbox; returns its id.
pub async fn insert_shipping_notice(
    pool: &Pool,
    order_id: i64,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO outbox (order_id, kind, recipient, subject, body, created_at) VALUES ($1, 'shipping_notice', $2, $3, $4, $5) RETURNING id",
    )
    .bind(order_id)
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(crate::store::now_text())
    .fetch_one(pool)
    .await
}

/// Claims order `order_id`'s mails and writes `rows` in one transaction: a
/// failed insert rolls everything back, the claim included (PostgreSQL would
/// not commit the rest anyway), so the mails stay for the next caller.
/// Returns the rows' ids, or `None` when another caller had claimed them.
pub async fn queue_claimed(
    pool: &Pool,
    order_id: i64,
    rows: &[OutboxRow],
) -> Result<Option<Vec<i64>>, String> {
    let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
    let Some(ids) = insert_claimed(&mut tx, order_id, rows).await? else {
        return Ok(None);
    };
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(Some(ids))
}
