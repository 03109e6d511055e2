//! The mail outbox's statements: an order's mails are claimed once
//! (`orders.mails_queued`) and written as outbox rows in the same transaction.

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
