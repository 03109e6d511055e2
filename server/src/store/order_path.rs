//! The order path's rows and statements: the idempotency key, the card
//! attempt, the order row written before A08, its state transitions and the
//! completion recorded after an approved A08. The pooled versions here serve
//! PostgreSQL (and SQLite through the pool); `store::sqlite` runs the same
//! statements through the SQLite writer's own connection.

use rand::Rng;
use zerostep_domain::order::{GatewayStatus, OrderStatus};

use crate::store::gateway_operations::{record_op, OpLog};
use crate::store::outbox::{insert_claimed, OutboxRow};
use crate::store::{Engine, Pool};

/// Claims an idempotency key (key, request hash, time, server run, the
/// shopper session's bucket); exactly one request can.
pub const CLAIM_KEY: &str = "INSERT INTO idempotency_keys (key, request_hash, created_at, claimed_by, session) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING";

/// Stores the answer given under a key: status, body, key.
pub const STORE_REPLY: &str =
    "UPDATE idempotency_keys SET response_code = $1, response_body = $2 WHERE key = $3 AND response_code IS NULL";

pub async fn log_operation<'e>(
    executor: impl sqlx::AnyExecutor<'e>,
    order_id: i64,
    fd: &str,
    outcome: &str,
    code: Option<&str>,
    credit: Option<&str>,
    detail: Option<&str>,
) {
    let op = OpLog {
        order_id,
        function_div: fd,
        outcome,
        code,
        credit,
        detail,
        actor: "system",
    };
    record_op(executor, &op).await;
}

/// The statement behind [`transition`]: `$1` the new status, `$2` 受付番号
/// of the authorization (kept when null), `$3` and `$4` the error codes, `$5`
/// the time, `$6` the order, and `$7`… the `from_count` statuses it may leave.
pub fn transition_sql(from_count: usize) -> String {
    let placeholders = (0..from_count)
        .map(|i| format!("${}", i + 7))
        .collect::<Vec<_>>()
        .join(", ");
    // An authorization is 与信完了 at the gateway until E04 says otherwise.
    let authorized = OrderStatus::Authorized.as_str();
    let gateway_authorized = GatewayStatus::Authorized.code();
    format!(
        "UPDATE orders SET status = $1, crd_c_res_cd = COALESCE($2, crd_c_res_cd), error_code = $3, credit_error_code = $4, updated_at = $5,
             gateway_status = CASE WHEN $1 = '{authorized}' THEN COALESCE(gateway_status, {gateway_authorized}) ELSE gateway_status END,
             authorized_at = CASE WHEN $1 = '{authorized}' THEN COALESCE(authorized_at, $5) ELSE authorized_at END
         WHERE id = $6 AND status IN ({placeholders})"
    )
}

/// Moves an order from `from` to `to`; false when it was no longer in `from`.
pub async fn transition<'e>(
    executor: impl sqlx::AnyExecutor<'e>,
    order_id: i64,
    from: &[OrderStatus],
    to: OrderStatus,
    crd: Option<&str>,
    code: Option<&str>,
    credit: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let sql = transition_sql(from.len());
    let mut q = sqlx::query(&sql)
        .bind(to.as_str())
        .bind(crd)
        .bind(code)
        .bind(credit)
        .bind(crate::store::time::now())
        .bind(order_id);
    for f in from {
        q = q.bind(f.as_str());
    }
    Ok(q.execute(executor).await?.rows_affected() == 1)
}

/// The advisory lock key of card-attempt claims on PostgreSQL ("ZSCARD").
const CARD_ATTEMPT_LOCK: i64 = 0x5A53_4341_5244;

/// A card attempt to count against the card-testing limit, in its buckets.
pub struct AttemptClaim {
    /// The client's address, an IPv6 one by its /64.
    pub ip: String,
    /// The buyer's mailbox (`Email::mailbox`).
    pub email: String,
    /// The server-issued session's nonce, or the shared bucket.
    pub session: String,
    /// The start of the counting window, as stored.
    pub since: String,
    /// Attempts allowed in the window per IP, e-mail and session.
    pub limit: i64,
}

/// Claims a card attempt: IP, e-mail, session, time, window start, limit.
pub const CLAIM_ATTEMPT: &str = "INSERT INTO card_failures (ip, email, session, at)
         SELECT $1, $2, $3, $4
         WHERE (SELECT COUNT(*) FROM card_failures WHERE at >= $5 AND ip = $1) < $6
           AND (SELECT COUNT(*) FROM card_failures WHERE at >= $5 AND email = $2) < $6
           AND (SELECT COUNT(*) FROM card_failures WHERE at >= $5 AND session = $3) < $6
         RETURNING id";

/// Writes an order row (see [`NewOrder`]), with a provisional 注文番号; returns its id.
pub const INSERT_ORDER: &str = "INSERT INTO orders (order_number, receipt_no, status, payment_method, pay_way, total, quote_json, buyer_json, recipient_json, delivery_json, device_div, created_at, updated_at, payment_name, client_ip, search_text)
         VALUES ('pending-' || $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";

/// Forgets a claimed card attempt (the card was not at fault): its row id.
pub const FORGET_ATTEMPT: &str = "DELETE FROM card_failures WHERE id = $1";

/// Sets an order's 注文番号: number, row id.
pub const SET_ORDER_NUMBER: &str = "UPDATE orders SET order_number = $1 WHERE id = $2";

/// Points an idempotency key at its order: row id, key.
///
/// Not on a key already answered (withdrawn by `POST /api/orders/abandon`):
/// the order's transaction then rolls back, before any A08.
pub const SET_KEY_ORDER: &str =
    "UPDATE idempotency_keys SET order_id = $1 WHERE key = $2 AND response_code IS NULL";

/// 注文番号: the day in Japan and the row id (`20240501-000042`).
pub fn order_number(order_id: i64) -> String {
    format!(
        "{}-{:06}",
        crate::store::time::jst_now().format("%Y%m%d"),
        order_id
    )
}

/// Records a card attempt unless the IP, e-mail or session is at the limit
/// (then `None`). One statement: SQLite runs it atomically (one writer at a
/// time). PostgreSQL runs concurrent transactions, so there the claims (of
/// every server instance) take turns on a transaction-scoped advisory lock,
/// held until the order row commits.
pub async fn claim_attempt(
    conn: &mut sqlx::AnyConnection,
    claim: &AttemptClaim,
) -> Result<Option<i64>, sqlx::Error> {
    if Engine::of_connection(conn) == Some(Engine::Postgres) {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(CARD_ATTEMPT_LOCK)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query_scalar(CLAIM_ATTEMPT)
        .bind(&claim.ip)
        .bind(&claim.email)
        .bind(&claim.session)
        .bind(crate::store::time::now())
        .bind(&claim.since)
        .bind(claim.limit)
        .fetch_optional(conn)
        .await
}

/// The order row to write before A08, every value bound as stored.
pub struct NewOrder {
    /// The card attempt to claim first (card orders).
    pub attempt: Option<AttemptClaim>,
    pub status: OrderStatus,
    pub method: &'static str,
    /// The method's name as the shop calls it now (kept with the order).
    pub payment_name: Option<String>,
    /// Where a card order came from (for 決済エラー履歴).
    pub client_ip: Option<String>,
    pub pay_way: Option<i64>,
    pub total: i64,
    pub quote_json: String,
    pub buyer_json: String,
    /// What the buyer is found by (`search::buyer_text`).
    pub search_text: String,
    pub recipient_json: Option<String>,
    pub delivery_json: String,
    pub device_div: &'static str,
    pub idempotency_key: String,
}

/// Writes the order row (after claiming its card attempt) in one
/// transaction whose commit is synced to disk. `None`: the attempt is over
/// the card-testing limit, and nothing was written.
pub async fn write_order(
    conn: &mut sqlx::AnyConnection,
    row: NewOrder,
) -> Result<Option<WrittenOrder>, sqlx::Error> {
    crate::store::durable(conn, true).await?;
    let written = write_order_row(conn, &row).await;
    if let Err(err) = crate::store::durable(conn, false).await {
        tracing::warn!(%err, "synchronous could not be reset after the order row");
    }
    written
}

pub async fn write_order_row(
    conn: &mut sqlx::AnyConnection,
    row: &NewOrder,
) -> Result<Option<WrittenOrder>, sqlx::Error> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let attempt_id = match &row.attempt {
        Some(claim) => match claim_attempt(&mut tx, claim).await? {
            Some(id) => Some(id),
            None => return Ok(None),
        },
        None => None,
    };
    let receipt_no = new_receipt_no();
    let now = crate::store::time::now();
    let order_id: i64 = sqlx::query_scalar(INSERT_ORDER)
        .bind(&receipt_no)
        .bind(&receipt_no)
        .bind(row.status.as_str())
        .bind(row.method)
        .bind(row.pay_way)
        .bind(row.total)
        .bind(&row.quote_json)
        .bind(&row.buyer_json)
        .bind(row.recipient_json.as_deref())
        .bind(&row.delivery_json)
        .bind(row.device_div)
        .bind(&now)
        .bind(&now)
        .bind(row.payment_name.as_deref())
        .bind(row.client_ip.as_deref())
        .bind(&row.search_text)
        .fetch_one(&mut *tx)
        .await?;
    let order_number = order_number(order_id);
    sqlx::query(SET_ORDER_NUMBER)
        .bind(&order_number)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    // A request cut short by a crash leaves its key pointing at the order, which answers a retry.
    let linked = sqlx::query(SET_KEY_ORDER)
        .bind(order_id)
        .bind(&row.idempotency_key)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if linked != 1 {
        return Err(sqlx::Error::RowNotFound);
    }
    tx.commit().await?;
    Ok(Some(WrittenOrder {
        attempt_id,
        receipt_no,
        order_id,
        order_number,
    }))
}

/// A fresh 受付番号: `ZS` + JST timestamp + `-` + 6 random characters (23, Yamato's charset).
pub fn new_receipt_no() -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let suffix: String = (0..6)
        .map(|_| char::from(CHARS[rng.random_range(0..CHARS.len())]))
        .collect();
    let now = crate::store::time::jst_now();
    format!("ZS{}-{suffix}", now.format("%Y%m%d%H%M%S"))
}

/// An order row just written.
pub struct WrittenOrder {
    /// The card attempt claimed with it (card orders).
    pub attempt_id: Option<i64>,
    /// 受付番号 (the gateway's order number).
    pub receipt_no: String,
    /// Row id.
    pub order_id: i64,
    /// 注文番号.
    pub order_number: String,
}

/// Logs the approved A08 and moves the order to 与信完了, through `conn`
/// (which the caller runs in a transaction); false when it was no longer
/// `authorizing`.
pub async fn authorize(
    conn: &mut sqlx::AnyConnection,
    order_id: i64,
    crd_c_res_cd: &str,
) -> Result<bool, sqlx::Error> {
    log_operation(&mut *conn, order_id, "A08", "ok", None, None, None).await;
    transition(
        conn,
        order_id,
        &[OrderStatus::Authorizing],
        OrderStatus::Authorized,
        Some(crd_c_res_cd),
        None,
        None,
    )
    .await
}

/// Everything an approved A08 records.
pub struct Completion {
    pub order_id: i64,
    pub crd_c_res_cd: String,
    /// The card attempt to forget (an authorization does not count against the limit).
    pub attempt_id: Option<i64>,
    /// The order's mails, written to the outbox unless already claimed.
    pub mails: Vec<OutboxRow>,
    pub idempotency_key: String,
    /// The answer's HTTP status and JSON body, stored under the key.
    pub reply: super::idempotency_keys::Reply,
}

pub async fn write_completion(
    conn: &mut sqlx::AnyConnection,
    c: Completion,
) -> Result<Option<Vec<i64>>, String> {
    let mut tx = sqlx::Connection::begin(conn)
        .await
        .map_err(|e| e.to_string())?;
    authorize(&mut tx, c.order_id, &c.crd_c_res_cd)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(id) = c.attempt_id {
        sqlx::query(FORGET_ATTEMPT)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(|e| e.to_string())?;
    }
    let ids = insert_claimed(&mut tx, c.order_id, &c.mails).await?;
    sqlx::query(STORE_REPLY)
        .bind(i64::from(c.reply.status))
        .bind(&c.reply.body)
        .bind(&c.idempotency_key)
        .execute(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(ids)
}

/// Claims an order for one reconciliation, on whichever instance gets there
/// first: its `updated_at` moves on, so a second claim with the value read
/// before fails.
pub async fn claim_for_reconciliation(
    pool: &crate::store::Pool,
    order_id: i64,
    updated_at: &str,
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE orders SET updated_at = $1 WHERE id = $2 AND updated_at = $3")
            .bind(crate::store::time::now())
            .bind(order_id)
            .bind(updated_at)
            .execute(pool)
            .await?
            .rows_affected()
            == 1,
    )
}

/// After an approved A08, in one transaction: the operation log and 与信完了.
/// If it fails, the order stays `authorizing` and the reconciler settles it
/// with E04. (The card attempt is forgotten apart, so that failing to delete
/// it cannot undo this record.)
pub async fn record_authorized(
    pool: &Pool,
    order_id: i64,
    crd_c_res_cd: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let moved = authorize(&mut tx, order_id, crd_c_res_cd).await?;
    tx.commit().await?;
    Ok(moved)
}

/// Forgets a claimed card attempt (the card was not at fault, or it was
/// authorized): its row id.
pub async fn forget_attempt(pool: &Pool, attempt_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(FORGET_ATTEMPT)
        .bind(attempt_id)
        .execute(pool)
        .await
        .map(|_| ())
}
