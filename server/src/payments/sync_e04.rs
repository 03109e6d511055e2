//! Status sync (E04): the order takes the gateway's statusInfo, amount and
//! slip, and settles the operations whose answer was lost.

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::GatewayStatus;

use super::journal::{begin, settle, succeeded};
use super::order_ref::OrderRef;
use crate::error::ApiError;
use crate::services::Services;
use crate::store::time::gateway_time;

/// Status sync (E04): the order takes the gateway's statusInfo and amount.
pub async fn sync(state: &Services, order: &OrderRef, actor: &str) -> Result<(), ApiError> {
    if order.payment_method != PaymentMethodCode::Card.as_str() {
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
    let dead_before = crate::store::seconds_ago(state.config.reconcile_stale_secs);
    let slip = info.slip_nos.first();
    let updated = sqlx::query(
        "UPDATE orders SET gateway_status = $1, total = $2, slip_no = $3, updated_at = $4 WHERE id = $5 AND gateway_status IS NOT DISTINCT FROM $6
           AND NOT EXISTS (SELECT 1 FROM gateway_operations g WHERE g.order_id = $5 AND g.function_div <> 'E04'
                           AND ((g.in_flight = 1 AND g.at >= $7) OR g.id > $8))",
    )
    .bind(info.status().column())
    .bind(i64::try_from(info.settle_price).unwrap_or(i64::MAX))
    .bind(slip)
    .bind(crate::store::time::now())
    .bind(order.id)
    .bind(order.gateway_status.map(GatewayStatus::column))
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
            let detail = format!("settled by E04 ({})", info.status());
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
        let newly_shipped = order.gateway_status == Some(GatewayStatus::Authorized) || lost_slip;
        let shipped = matches!(
            info.status(),
            GatewayStatus::AwaitingSettlement | GatewayStatus::Settled
        );
        if let (true, true, Some(slip)) = (newly_shipped, shipped, slip) {
            if let Err(err) =
                crate::mail::queue_shipping_notice(&state.pool, &state.config, order.id, slip, None)
                    .await
            {
                tracing::error!(%err, order_id = order.id, "配送通知メール not queued");
            }
        }
    }
    Ok(())
}
