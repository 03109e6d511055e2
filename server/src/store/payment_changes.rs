//! What the merchant's payment operations read and record on an order: the
//! order as they need it, its lease, and each operation's effect. The writes
//! that record what the gateway was asked to do or did are synced to disk
//! (see `execute_durable`).

use zerostep_domain::order::GatewayStatus;
use zerostep_webcollect::TradeInfo;

use crate::store::{execute_durable, Pool};

/// id, receipt_no, status, gateway_status, slip_no, payment_method.
pub type OrderTuple = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    String,
    i64,
);

/// The columns of an order's [`OrderTuple`].
const SELECT_ORDER: &str =
    "SELECT id, receipt_no, status, gateway_status, slip_no, payment_method, total FROM orders WHERE ";

/// The order with this 注文番号.
pub async fn order_by_number(pool: &Pool, number: &str) -> Result<Option<OrderTuple>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_ORDER}order_number = $1"))
        .bind(number)
        .fetch_optional(pool)
        .await
}

/// The order with this row id.
pub async fn order_by_id(pool: &Pool, id: i64) -> Result<Option<OrderTuple>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_ORDER}id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Takes the order's lease for `holder` (`<run id>#<n>`) unless another
/// holder's lease is newer than `lapsed`, or its server's run is known to
/// have stopped (its last heartbeat before `dead_before`: killed, or its host
/// gone); false when the order is busy. A holder whose run never beat is
/// waited for until `lapsed`.
pub async fn take_lease(
    pool: &Pool,
    order_id: i64,
    holder: &str,
    lapsed: &str,
    dead_before: &str,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query(
        "UPDATE orders SET op_lease = $1, op_lease_at = $2 WHERE id = $3 AND (op_lease IS NULL OR op_lease_at < $4
           OR EXISTS (SELECT 1 FROM server_runs r WHERE orders.op_lease LIKE (r.run_id || '#%') AND r.heartbeat_at < $5))",
    )
    .bind(holder)
    .bind(crate::store::time::now())
    .bind(order_id)
    .bind(lapsed)
    .bind(dead_before)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Releases the lease `holder` took on the order.
pub async fn release_lease(pool: &Pool, order_id: i64, holder: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET op_lease = NULL WHERE id = $1 AND op_lease = $2")
        .bind(order_id)
        .bind(holder)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Claims the order for a slip before its E01, while it is 与信完了 without
/// one, and records the E01 as in flight (see `gateway_operations::begin`), in
/// one transaction synced to disk: a crash between the two would leave a slip
/// the gateway never got and no operation for the reconciler to find. The
/// operation's row, or `None` when the order cannot take a slip.
pub async fn claim_slip(
    pool: &Pool,
    order_id: i64,
    slip: &str,
    actor: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    crate::store::durable(&mut conn, true).await?;
    let claimed = claim_slip_on(&mut conn, order_id, slip, actor).await;
    crate::store::end_durable(&mut conn).await;
    claimed
}

async fn claim_slip_on(
    conn: &mut sqlx::AnyConnection,
    order_id: i64,
    slip: &str,
    actor: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = sqlx::Connection::begin(conn).await?;
    let claimed = sqlx::query(
        "UPDATE orders SET slip_no = $1 WHERE id = $2 AND slip_no IS NULL AND gateway_status = $3",
    )
    .bind(slip)
    .bind(order_id)
    .bind(GatewayStatus::Authorized.column())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        return Ok(None);
    }
    let op = crate::store::gateway_operations::insert_in_flight(&mut *tx, order_id, "E01", actor)
        .await?;
    tx.commit().await?;
    Ok(Some(op))
}

/// Releases a slip the gateway refused.
pub async fn release_slip(pool: &Pool, order_id: i64, slip: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET slip_no = NULL WHERE id = $1 AND slip_no = $2")
        .bind(order_id)
        .bind(slip)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Records a slip the gateway registered, and the order's new gateway status.
pub async fn record_shipped(
    pool: &Pool,
    order_id: i64,
    slip: &str,
    status: GatewayStatus,
) -> Result<(), sqlx::Error> {
    let entered = sqlx::query(
        "UPDATE orders SET slip_no = $1, gateway_status = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(slip)
    .bind(status.column())
    .bind(crate::store::time::now())
    .bind(order_id);
    execute_durable(pool, entered).await.map(|_| ())
}

/// Records a re-authorization (A11): 与信完了 again, renewed now.
pub async fn record_reauthorized(pool: &Pool, order_id: i64) -> Result<(), sqlx::Error> {
    let query = sqlx::query("UPDATE orders SET gateway_status = $4, last_reauth_at = $2, authorized_at = $2, error_code = $1 WHERE id = $3")
        .bind(None::<String>)
        .bind(crate::store::time::now())
        .bind(order_id)
        .bind(GatewayStatus::Authorized.column());
    execute_durable(pool, query).await.map(|_| ())
}

/// Records a withdrawn slip (E02): no slip, 与信完了 again.
pub async fn record_slip_withdrawn(pool: &Pool, order_id: i64) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "UPDATE orders SET slip_no = NULL, gateway_status = $1, error_code = NULL, updated_at = $2 WHERE id = $3",
    )
    .bind(GatewayStatus::Authorized.column())
    .bind(crate::store::time::now())
    .bind(order_id);
    execute_durable(pool, query).await.map(|_| ())
}

/// Records a cancellation (A06): 取消, the slip forgotten.
pub async fn record_cancelled(pool: &Pool, order_id: i64) -> Result<(), sqlx::Error> {
    let query = sqlx::query("UPDATE orders SET gateway_status = $4, slip_no = NULL, error_code = $1, updated_at = $2 WHERE id = $3")
        .bind(None::<String>)
        .bind(crate::store::time::now())
        .bind(order_id)
        .bind(GatewayStatus::Cancelled.column());
    execute_durable(pool, query).await.map(|_| ())
}

/// Records 金額変更NG: it replaces 与信完了 only (a shipped or settled order
/// keeps its state).
pub async fn record_amount_change_failed(pool: &Pool, order_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET gateway_status = $2 WHERE id = $1 AND gateway_status = $3")
        .bind(order_id)
        .bind(GatewayStatus::AmountChangeFailed.column())
        .bind(GatewayStatus::Authorized.column())
        .execute(pool)
        .await
        .map(|_| ())
}

/// Records a new amount (A07); after a failed change the order is
/// 与信完了 again, as at the gateway.
pub async fn record_amount(pool: &Pool, order_id: i64, new_price: u64) -> Result<(), sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE orders SET total = $1, updated_at = $2, gateway_status = CASE WHEN gateway_status = $4 THEN $5 ELSE gateway_status END WHERE id = $3",
    )
    .bind(i64::try_from(new_price).unwrap_or(i64::MAX))
    .bind(crate::store::time::now())
    .bind(order_id)
    .bind(GatewayStatus::AmountChangeFailed.column())
    .bind(GatewayStatus::Authorized.column());
    execute_durable(pool, changed).await.map(|_| ())
}

/// Gives the order the gateway's status, amount and slip from E04 `info`,
/// unless it changed since it was read (its gateway status then, `seen`) or another
/// change is in flight (since `dead_before`) or began after the E04 `op`.
/// False when skipped.
pub async fn take_gateway_truth(
    pool: &Pool,
    order_id: i64,
    seen: Option<GatewayStatus>,
    info: &TradeInfo,
    dead_before: &str,
    op: i64,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE orders SET gateway_status = $1, total = $2, slip_no = $3, updated_at = $4 WHERE id = $5 AND gateway_status IS NOT DISTINCT FROM $6
           AND NOT EXISTS (SELECT 1 FROM gateway_operations g WHERE g.order_id = $5 AND g.function_div <> 'E04'
                           AND ((g.in_flight = 1 AND g.at >= $7) OR g.id > $8))",
    )
    .bind(info.status().column())
    .bind(i64::try_from(info.settle_price).unwrap_or(i64::MAX))
    .bind(info.slip_nos.first())
    .bind(crate::store::time::now())
    .bind(order_id)
    .bind(seen.map(GatewayStatus::column))
    .bind(dead_before)
    .bind(op)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(updated == 1)
}

/// Records a re-authorization the gateway shows as renewed at `renewed`.
pub async fn record_renewal(pool: &Pool, order_id: i64, renewed: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET last_reauth_at = $1, authorized_at = $1 WHERE id = $2")
        .bind(renewed)
        .bind(order_id)
        .execute(pool)
        .await
        .map(|_| ())
}
