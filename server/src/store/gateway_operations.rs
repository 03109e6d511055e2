//! The API operation history (`gateway_operations`): one row per call to the
//! gateway about an order, with its outcome and who made it.

/// One line of the API operation history.
pub struct OpLog<'a> {
    /// The order.
    pub order_id: i64,
    /// `A08`, `E01`, ….
    pub function_div: &'a str,
    /// `ok`, `error` or `unknown`.
    pub outcome: &'a str,
    /// The gateway's error code.
    pub code: Option<&'a str>,
    /// The card network's code.
    pub credit: Option<&'a str>,
    /// Anything else worth keeping.
    pub detail: Option<&'a str>,
    /// `system`, or the admin's login.
    pub actor: &'a str,
}

/// The statement that appends to the operation history.
pub const INSERT_OP: &str = "INSERT INTO gateway_operations (order_id, function_div, outcome, error_code, credit_error_code, detail, at, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// Appends to the operation history; a failure is logged.
pub async fn record_op<'e>(executor: impl sqlx::AnyExecutor<'e>, op: &OpLog<'_>) {
    let result = sqlx::query(INSERT_OP)
        .bind(op.order_id)
        .bind(op.function_div)
        .bind(op.outcome)
        .bind(op.code)
        .bind(op.credit)
        .bind(op.detail)
        .bind(crate::store::time::now())
        .bind(op.actor)
        .execute(executor)
        .await;
    if let Err(err) = result {
        tracing::error!(%err, order_id = op.order_id, "could not log a gateway operation");
    }
}

/// Writes an operation to the history before it is sent: a change (E01,
/// A11, A06, A07) as `unknown` and unsettled, synced to disk, so that an
/// answer lost to a timeout or a crash is found by the reconciler; an E04
/// as settled. Returns its row.
pub async fn begin(
    pool: &crate::store::Pool,
    order_id: i64,
    function_div: &str,
    actor: &str,
) -> Result<i64, sqlx::Error> {
    if function_div == "E04" {
        return insert_in_flight(pool, order_id, function_div, actor).await;
    }
    let mut conn = pool.acquire().await?;
    crate::store::durable(&mut conn, true).await?;
    let id = insert_in_flight(&mut *conn, order_id, function_div, actor).await;
    crate::store::end_durable(&mut conn).await;
    id
}

/// The row [`begin`] writes, on `executor` (a transaction that must record
/// the call together with what it claims).
pub async fn insert_in_flight<'e>(
    executor: impl sqlx::AnyExecutor<'e>,
    order_id: i64,
    function_div: &str,
    actor: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO gateway_operations (order_id, function_div, outcome, at, actor, settled, in_flight) VALUES ($1, $2, 'unknown', $3, $4, $5, 1) RETURNING id",
    )
    .bind(order_id)
    .bind(function_div)
    .bind(crate::store::time::now())
    .bind(actor)
    .bind(i64::from(function_div == "E04"))
    .fetch_one(executor)
    .await
}

/// Records an answer on the operation's row. A change whose answer was lost
/// (`unknown`) stays unsettled.
pub async fn finish(
    pool: &crate::store::Pool,
    op_id: i64,
    outcome: &str,
    code: Option<&str>,
    credit: Option<&str>,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE gateway_operations SET outcome = $1, error_code = $2, credit_error_code = $3, detail = $4, in_flight = 0,
             settled = CASE WHEN function_div = 'E04' OR $5 <> 'unknown' THEN 1 ELSE 0 END WHERE id = $6",
    )
    .bind(outcome)
    .bind(code)
    .bind(credit)
    .bind(detail)
    .bind(outcome)
    .bind(op_id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// The order's unsettled operations older than the E04 `op` (id, function,
/// time), not in flight or in flight since before `dead_before`.
pub async fn unsettled_before(
    pool: &crate::store::Pool,
    order_id: i64,
    op: i64,
    dead_before: &str,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, function_div, at FROM gateway_operations WHERE order_id = $1 AND settled = 0 AND id < $2 AND (in_flight = 0 OR at < $3)",
    )
    .bind(order_id)
    .bind(op)
    .bind(dead_before)
    .fetch_all(pool)
    .await
}

/// Settles a lost operation with what E04 showed (`applied`: it took effect).
pub async fn settle_lost(
    pool: &crate::store::Pool,
    id: i64,
    applied: bool,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE gateway_operations SET settled = 1, in_flight = 0, outcome = CASE WHEN $1 THEN 'ok' ELSE outcome END, detail = $2 WHERE id = $3")
        .bind(applied)
        .bind(detail)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// at, function_div, actor, outcome, error_code, credit_error_code.
pub type OperationTuple = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// An order's API operation history, oldest first.
pub async fn history(
    pool: &crate::store::Pool,
    order_id: i64,
) -> Result<Vec<OperationTuple>, sqlx::Error> {
    sqlx::query_as(
        "SELECT at, function_div, actor, outcome, error_code, credit_error_code FROM gateway_operations WHERE order_id = $1 ORDER BY id",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await
}
