//! The merchant's payment operations on an order: 売上確定 by slip number
//! (E01), 再与信 (A11), 取消 (A06), 金額変更 (A07) and the status sync (E04).
//! Each call is recorded in the order's API operation history with who made
//! it; the order follows the gateway's answer.

use chrono::Utc;

use zerostep_webcollect::{DeliveryService, Error as GatewayCallError};

use crate::error::ApiError;
use crate::services::Services;

/// What the operations need to know about an order.
pub struct OrderRef {
    /// Row id.
    pub id: i64,
    /// 受付番号.
    pub receipt_no: String,
    /// Our status.
    pub status: String,
    /// statusInfo as last seen.
    pub gateway_status: Option<i64>,
    /// 問い合わせ番号.
    pub slip_no: Option<String>,
    /// `card` or `bank_transfer`.
    pub payment_method: String,
}

/// id, receipt_no, status, gateway_status, slip_no, payment_method.
type OrderTuple = (i64, String, String, Option<i64>, Option<String>, String);

/// The query of an [`OrderRef`], with its condition on one order.
macro_rules! select_order_ref {
    ($condition:literal) => {
        concat!(
            "SELECT id, receipt_no, status, gateway_status, slip_no, payment_method FROM orders WHERE ",
            $condition
        )
    };
}

/// The order with this 注文番号, or 404.
pub async fn find(pool: &crate::store::Pool, order_number: &str) -> Result<OrderRef, ApiError> {
    let row: Option<OrderTuple> = sqlx::query_as(select_order_ref!("order_number = $1"))
        .bind(order_number)
        .fetch_optional(pool)
        .await?;
    from_row(row)
}

/// The order with this row id, as it is now, or 404.
async fn reload(pool: &crate::store::Pool, id: i64) -> Result<OrderRef, ApiError> {
    let row: Option<OrderTuple> = sqlx::query_as(select_order_ref!("id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    from_row(row)
}

fn from_row(row: Option<OrderTuple>) -> Result<OrderRef, ApiError> {
    let (id, receipt_no, status, gateway_status, slip_no, payment_method) =
        row.ok_or(ApiError::NotFound("注文が見つかりません。/ No such order."))?;
    Ok(OrderRef {
        id,
        receipt_no,
        status,
        gateway_status,
        slip_no,
        payment_method,
    })
}

fn conflict(message: &str) -> ApiError {
    ApiError::Status {
        status: 409,
        code: "not_allowed_in_this_state",
        message: message.to_owned(),
    }
}

/// The authorized card order, or why it cannot be operated on.
fn card_authorized(order: &OrderRef) -> Result<(), ApiError> {
    if order.payment_method != "card" || order.status != "authorized" {
        return Err(conflict(
            "与信済みのカード決済の注文ではありません。/ This is not an authorized card order.",
        ));
    }
    Ok(())
}

/// Numbers the leases this process takes.
static NEXT_LEASE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Runs one change to the order's payment (E01, A11, A06, A07) while holding
/// the order's lease (see the `order_operation_lease` migration): a second
/// change meanwhile is refused with 409 `order_busy`, and `change` gets the
/// order as it is once the lease is held. A lease left by a crashed server
/// lapses a minute after the gateway timeout.
async fn with_lease<T, F, Fut>(state: &Services, order_id: i64, change: F) -> Result<T, ApiError>
where
    F: FnOnce(OrderRef) -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let holder = format!(
        "{}#{}",
        state.run_id,
        NEXT_LEASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let lapsed = crate::store::seconds_ago(state.settings.gateway.timeout_secs.saturating_add(60));
    let taken = sqlx::query(
        "UPDATE orders SET op_lease = $1, op_lease_at = $2 WHERE id = $3 AND (op_lease IS NULL OR op_lease_at < $4)",
    )
    .bind(&holder)
    .bind(Utc::now().to_rfc3339())
    .bind(order_id)
    .bind(&lapsed)
    .execute(&state.pool)
    .await?
    .rows_affected();
    if taken != 1 {
        return Err(ApiError::Status {
            status: 409,
            code: "order_busy",
            message: "この注文は別の決済操作を処理中です。完了してから、もう一度お試しください。/ Another payment operation on this order is in progress; try again once it has finished.".to_owned(),
        });
    }
    // Released below; if this future is dropped first (the request timed
    // out, the client left) or panics, the guard releases it in a task.
    let mut guard = LeaseGuard {
        pool: state.pool.clone(),
        order_id,
        holder: Some(holder.clone()),
    };
    let result = match reload(&state.pool, order_id).await {
        Ok(order) => change(order).await,
        Err(e) => Err(e),
    };
    guard.holder = None;
    release_lease(&state.pool, order_id, &holder).await;
    result
}

/// Releases the lease `holder` took on the order (it lapses on its own if this fails).
async fn release_lease(pool: &crate::store::Pool, order_id: i64, holder: &str) {
    let released = sqlx::query("UPDATE orders SET op_lease = NULL WHERE id = $1 AND op_lease = $2")
        .bind(order_id)
        .bind(holder)
        .execute(pool)
        .await;
    if let Err(err) = released {
        tracing::error!(%err, order_id, "an order's operation lease was not released");
    }
}

/// Releases a lease whose change never finished.
struct LeaseGuard {
    pool: crate::store::Pool,
    order_id: i64,
    holder: Option<String>,
}

impl Drop for LeaseGuard {
    fn drop(&mut self) {
        let Some(holder) = self.holder.take() else {
            return;
        };
        let (pool, order_id) = (self.pool.clone(), self.order_id);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { release_lease(&pool, order_id, &holder).await });
        }
    }
}

/// Writes the operation to the history before it is sent: a change (E01,
/// A11, A06, A07) as `unknown` and unsettled, synced to disk, so that an
/// answer lost to a timeout or a crash is found by the reconciler. Returns its row.
async fn begin(state: &Services, order: &OrderRef, fd: &str, actor: &str) -> Result<i64, ApiError> {
    let changes = fd != "E04";
    let query = sqlx::query_scalar::<_, i64>(
        "INSERT INTO gateway_operations (order_id, function_div, outcome, at, actor, settled, in_flight) VALUES ($1, $2, 'unknown', $3, $4, $5, 1) RETURNING id",
    )
    .bind(order.id)
    .bind(fd)
    .bind(Utc::now().to_rfc3339())
    .bind(actor)
    .bind(i64::from(!changes));
    if !changes {
        return Ok(query.fetch_one(&state.pool).await?);
    }
    let mut conn = state.pool.acquire().await?;
    crate::store::durable(&mut conn, true).await?;
    let id = query.fetch_one(&mut *conn).await;
    crate::store::end_durable(&mut conn).await;
    Ok(id?)
}

/// Records an answer on the operation's row. A change whose answer was lost
/// (`unknown`) is unsettled, even if an E04 made meanwhile had settled it.
async fn finish(
    pool: &crate::store::Pool,
    op_id: i64,
    outcome: &str,
    code: Option<&str>,
    credit: Option<&str>,
    detail: Option<&str>,
) {
    let result = sqlx::query(
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
    .await;
    if let Err(err) = result {
        tracing::error!(%err, op_id, "could not record a gateway answer");
    }
}

/// Marks an operation done once the order shows its effect: a crash between
/// the two leaves it unsettled, for the reconciler.
async fn succeeded(state: &Services, op_id: i64) {
    finish(&state.pool, op_id, "ok", None, None, None).await;
}

/// Records a refused or unanswered call on its row (from [`begin`]) and turns
/// a gateway refusal into an API error that shows Yamato's code and text as
/// received. A success is recorded by [`succeeded`], after the order's update.
async fn settle<T>(
    state: &Services,
    op_id: i64,
    result: Result<T, GatewayCallError>,
) -> Result<T, ApiError> {
    let pool = &state.pool;
    match result {
        Ok(value) => Ok(value),
        Err(GatewayCallError::Gateway(g)) => {
            let credit = g.credit_error_code.as_deref();
            finish(pool, op_id, "error", Some(&g.code), credit, None).await;
            Err(ApiError::Status {
                status: 422,
                code: "gateway_refused",
                message: format!("{}（{}）/ {} ({})", g.ja, g.code, g.en, g.code),
            })
        }
        Err(GatewayCallError::Invalid(f)) => {
            let message = zerostep_webcollect::codes::describe(&f.code);
            finish(pool, op_id, "error", Some(&f.code), None, Some(f.field)).await;
            Err(ApiError::BadRequest {
                code: "invalid_field",
                message: format!("{}（{}）/ {} ({})", message.ja, f.code, message.en, f.code),
            })
        }
        Err(GatewayCallError::Transport(t)) => {
            finish(pool, op_id, "unknown", None, None, Some(&t.detail)).await;
            Err(ApiError::Status {
                status: 502,
                code: "gateway_unavailable",
                message: "決済システムから応答がありませんでした。結果は自動で確認されます（「状態を更新」でもすぐ確認できます）。/ The gateway did not answer; the outcome is checked automatically (or now, with Refresh status).".to_owned(),
            })
        }
    }
}

async fn set(
    pool: &crate::store::Pool,
    sql: &str,
    order_id: i64,
    value: Option<String>,
) -> Result<(), ApiError> {
    let query = sqlx::query(sql)
        .bind(value)
        .bind(Utc::now().to_rfc3339())
        .bind(order_id);
    crate::store::execute_durable(pool, query).await?;
    Ok(())
}

/// 問い合わせ番号 → E01 (売上確定). The delivery service follows the card settings.
pub async fn register_slip(
    state: &Services,
    order: &OrderRef,
    slip_no: &str,
    actor: &str,
) -> Result<(), ApiError> {
    with_lease(state, order.id, |order| async move {
        register_slip_held(state, &order, slip_no, actor).await
    })
    .await
}

async fn register_slip_held(
    state: &Services,
    order: &OrderRef,
    slip_no: &str,
    actor: &str,
) -> Result<(), ApiError> {
    card_authorized(order)?;
    if slip_no.trim().is_empty() {
        return Err(ApiError::BadRequest {
            code: "slip_required",
            message: "問い合わせ番号を入力してください。/ Enter the slip number.".to_owned(),
        });
    }
    if order.slip_no.is_some() || order.gateway_status != Some(4) {
        return Err(conflict("この注文には問い合わせ番号を登録できません（登録済み、または与信完了ではありません）。/ A slip cannot be registered for this order now."));
    }
    let service: String =
        sqlx::query_scalar("SELECT delivery_service FROM payment_methods WHERE code = 'card'")
            .fetch_optional(&state.pool)
            .await?
            .unwrap_or_else(|| "00".to_owned());
    let service = if service == "99" {
        DeliveryService::Other
    } else {
        DeliveryService::Yamato
    };
    let slip = match service {
        DeliveryService::Yamato => zerostep_webcollect::rules::normalize_slip(slip_no.trim()),
        DeliveryService::Other => slip_no.trim().to_owned(),
    };
    let client = state.gateway_client().await;
    // Claim the order first: a second click (or a second admin) cannot register another slip meanwhile.
    let claim = sqlx::query(
        "UPDATE orders SET slip_no = $1 WHERE id = $2 AND slip_no IS NULL AND gateway_status = 4",
    )
    .bind(&slip)
    .bind(order.id);
    let claimed = crate::store::execute_durable(&state.pool, claim)
        .await?
        .rows_affected();
    if claimed != 1 {
        return Err(conflict("この注文には問い合わせ番号を登録できません（登録済み、または与信完了ではありません）。/ A slip cannot be registered for this order now."));
    }
    let op = begin(state, order, "E01", actor).await?;
    let result = client
        .shipment_entry(&order.receipt_no, &slip, service, None)
        .await;
    if matches!(
        result,
        Err(GatewayCallError::Gateway(_) | GatewayCallError::Invalid(_))
    ) {
        // Refused: nothing was registered, release the claim. (An unknown outcome keeps it; the sync corrects it.)
        sqlx::query("UPDATE orders SET slip_no = NULL WHERE id = $1 AND slip_no = $2")
            .bind(order.id)
            .bind(&slip)
            .execute(&state.pool)
            .await?;
    }
    let entered = settle(state, op, result).await?;
    let status = if service == DeliveryService::Yamato {
        30
    } else {
        31
    };
    let entered_row = sqlx::query(
        "UPDATE orders SET slip_no = $1, gateway_status = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(&slip)
    .bind(status)
    .bind(Utc::now().to_rfc3339())
    .bind(order.id);
    crate::store::execute_durable(&state.pool, entered_row).await?;
    if let Err(err) = crate::mail::queue_shipping_notice(
        &state.pool,
        &state.settings,
        order.id,
        &slip,
        entered.slip_url_pc.as_deref(),
    )
    .await
    {
        tracing::error!(%err, order_id = order.id, "配送通知メール not queued");
    }
    succeeded(state, op).await;
    Ok(())
}

/// 再与信 (A11): before a slip is registered; renews the authorization hold.
/// From 取消 (40) too, as the gateway allows (protocol §5.3).
pub async fn reauthorize(state: &Services, order: &OrderRef, actor: &str) -> Result<(), ApiError> {
    with_lease(state, order.id, |order| async move {
        reauthorize_held(state, &order, actor).await
    })
    .await
}

/// 再与信 of the 外部決済一括処理: only an order still 与信完了 (4) without a
/// slip, checked once its lease is held (one cancelled or shipped since the
/// list was made is refused as `not_eligible`).
pub async fn reauthorize_in_bulk(
    state: &Services,
    order: &OrderRef,
    actor: &str,
) -> Result<(), ApiError> {
    with_lease(state, order.id, |order| async move {
        if order.gateway_status != Some(4) || order.slip_no.is_some() {
            return Err(ApiError::Status {
                status: 409,
                code: "not_eligible",
                message: "対象外（状態が変わりました）/ No longer eligible".to_owned(),
            });
        }
        reauthorize_held(state, &order, actor).await
    })
    .await
}

async fn reauthorize_held(state: &Services, order: &OrderRef, actor: &str) -> Result<(), ApiError> {
    card_authorized(order)?;
    if order.slip_no.is_some() || !matches!(order.gateway_status, Some(4) | Some(40)) {
        return Err(conflict("再与信は問い合わせ番号の登録前にのみ行えます。/ Re-authorization is only possible before a slip is registered."));
    }
    let client = state.gateway_client().await;
    let op = begin(state, order, "A11", actor).await?;
    let result = client.re_auth(&order.receipt_no, None).await;
    settle(state, op, result).await?;
    set(&state.pool, "UPDATE orders SET gateway_status = 4, last_reauth_at = $2, authorized_at = $2, error_code = $1 WHERE id = $3", order.id, None).await?;
    succeeded(state, op).await;
    Ok(())
}

/// 取消 (A06).
pub async fn cancel(state: &Services, order: &OrderRef, actor: &str) -> Result<(), ApiError> {
    with_lease(state, order.id, |order| async move {
        cancel_held(state, &order, actor).await
    })
    .await
}

async fn cancel_held(state: &Services, order: &OrderRef, actor: &str) -> Result<(), ApiError> {
    card_authorized(order)?;
    let client = state.gateway_client().await;
    let op = begin(state, order, "A06", actor).await?;
    let result = client.credit_cancel(&order.receipt_no, None).await;
    settle(state, op, result).await?;
    set(&state.pool, "UPDATE orders SET gateway_status = 40, slip_no = NULL, error_code = $1, updated_at = $2 WHERE id = $3", order.id, None).await?;
    succeeded(state, op).await;
    Ok(())
}

/// 金額変更 (A07).
pub async fn change_amount(
    state: &Services,
    order: &OrderRef,
    new_price: u64,
    actor: &str,
) -> Result<(), ApiError> {
    with_lease(state, order.id, |order| async move {
        change_amount_held(state, &order, new_price, actor).await
    })
    .await
}

async fn change_amount_held(
    state: &Services,
    order: &OrderRef,
    new_price: u64,
    actor: &str,
) -> Result<(), ApiError> {
    card_authorized(order)?;
    let client = state.gateway_client().await;
    let op = begin(state, order, "A07", actor).await?;
    let result = client
        .credit_change_price(&order.receipt_no, new_price, None)
        .await;
    if let Err(GatewayCallError::Gateway(g)) = &result {
        if g.code == "A076000001" {
            // 金額変更NG replaces 与信完了 only; a shipped or settled order keeps its state.
            sqlx::query(
                "UPDATE orders SET gateway_status = 17 WHERE id = $1 AND gateway_status = 4",
            )
            .bind(order.id)
            .execute(&state.pool)
            .await?;
        }
    }
    settle(state, op, result).await?;
    // A successful change after a failed one (17) returns the order to 与信完了, as the gateway does.
    let changed = sqlx::query(
        "UPDATE orders SET total = $1, updated_at = $2, gateway_status = CASE WHEN gateway_status = 17 THEN 4 ELSE gateway_status END WHERE id = $3",
    )
    .bind(i64::try_from(new_price).unwrap_or(i64::MAX))
    .bind(Utc::now().to_rfc3339())
    .bind(order.id);
    crate::store::execute_durable(&state.pool, changed).await?;
    succeeded(state, op).await;
    Ok(())
}

/// Status sync (E04): the order takes the gateway's statusInfo and amount.
pub async fn sync(state: &Services, order: &OrderRef, actor: &str) -> Result<(), ApiError> {
    if order.payment_method != "card" {
        return Ok(());
    }
    let client = state.gateway_client().await;
    let op = begin(state, order, "E04", actor).await?;
    let result = client.trade_info(&order.receipt_no).await;
    let found = settle(state, op, result).await?;
    succeeded(state, op).await;
    let Some(info) = found else {
        return Ok(());
    };
    // The gateway's truth, slips included. Skipped while another change to the
    // order is in flight or began after this E04 (its answer is newer), and if
    // the order changed meanwhile; the next pass tries again.
    let dead_before = crate::store::seconds_ago(state.settings.reconcile_stale_secs);
    let slip = info.slip_nos.first();
    let updated = sqlx::query(
        "UPDATE orders SET gateway_status = $1, total = $2, slip_no = $3, updated_at = $4 WHERE id = $5 AND gateway_status IS NOT DISTINCT FROM $6
           AND NOT EXISTS (SELECT 1 FROM gateway_operations g WHERE g.order_id = $5 AND g.function_div <> 'E04'
                           AND ((g.in_flight = 1 AND g.at >= $7) OR g.id > $8))",
    )
    .bind(i64::from(info.status_info))
    .bind(i64::try_from(info.settle_price).unwrap_or(i64::MAX))
    .bind(slip)
    .bind(Utc::now().to_rfc3339())
    .bind(order.id)
    .bind(order.gateway_status)
    .bind(&dead_before)
    .bind(op)
    .execute(&state.pool)
    .await?
    .rows_affected();
    if updated == 1 {
        // Changes answered before this E04 was sent, but lost, are settled by it
        // (and those in flight past the stale time, which died with their server).
        // A re-authorization leaves status and amount as they were: E04's
        // 最終更新日時 (renewalDate) after the A11 was sent shows that it happened.
        let renewed = info
            .raw
            .iter()
            .find(|(k, _)| k == "renewalDate")
            .and_then(|(_, v)| gateway_time(v));
        let lost: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, function_div, at FROM gateway_operations WHERE order_id = $1 AND settled = 0 AND id < $2 AND (in_flight = 0 OR at < $3)",
        )
        .bind(order.id)
        .bind(op)
        .bind(&dead_before)
        .fetch_all(&state.pool)
        .await?;
        let lost_slip = lost.iter().any(|(_, fd, _)| fd == "E01");
        for (id, fd, at) in lost {
            let applied_reauth = fd == "A11"
                && renewed.is_some_and(|r| {
                    chrono::DateTime::parse_from_rfc3339(&at)
                        .is_ok_and(|at| r.timestamp() >= at.timestamp())
                });
            let detail = format!("settled by E04 (statusInfo {})", info.status_info);
            sqlx::query("UPDATE gateway_operations SET settled = 1, in_flight = 0, outcome = CASE WHEN $1 THEN 'ok' ELSE outcome END, detail = $2 WHERE id = $3")
                .bind(applied_reauth)
                .bind(&detail)
                .bind(id)
                .execute(&state.pool)
                .await?;
            if applied_reauth {
                if let Some(r) = renewed {
                    sqlx::query(
                        "UPDATE orders SET last_reauth_at = $1, authorized_at = $1 WHERE id = $2",
                    )
                    .bind(r.to_rfc3339())
                    .bind(order.id)
                    .execute(&state.pool)
                    .await?;
                }
            }
        }
        // A slip the gateway took while its answer (or the mail after it) was
        // lost: the shopper still gets the 配送通知メール, once.
        let newly_shipped = order.gateway_status == Some(4) || lost_slip;
        if let (true, Some(slip), 30 | 31) = (newly_shipped, slip, info.status_info) {
            if let Err(err) = crate::mail::queue_shipping_notice(
                &state.pool,
                &state.settings,
                order.id,
                slip,
                None,
            )
            .await
            {
                tracing::error!(%err, order_id = order.id, "配送通知メール not queued");
            }
        }
    }
    Ok(())
}

/// A gateway date (`yyyyMMddHHmmss`, JST).
fn gateway_time(value: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let jst = chrono::FixedOffset::east_opt(9 * 3600)?;
    chrono::NaiveDateTime::parse_from_str(value, "%Y%m%d%H%M%S")
        .ok()?
        .and_local_timezone(jst)
        .single()
}
