//! Status sync (E04): the order takes the gateway's statusInfo, amount and
//! slip, and settles the operations whose answer was lost.

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::GatewayStatus;

use super::error::OperationError;
use super::journal::{begin, settle, succeeded};
use super::order_ref::OrderRef;
use crate::services::Services;
use crate::store::time::gateway_time;
use crate::store::{gateway_operations, payment_changes};

/// Status sync (E04): the order takes the gateway's statusInfo and amount.
pub async fn sync(state: &Services, order: &OrderRef, actor: &str) -> Result<(), OperationError> {
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
    let updated = payment_changes::take_gateway_truth(
        &state.pool,
        order.id,
        order.gateway_status,
        &info,
        &dead_before,
        op,
    )
    .await?;
    if updated {
        // Changes answered before this E04 was sent, but lost, are settled by it
        // (and those in flight past the stale time, which died with their server).
        // A re-authorization leaves status and amount as they were: E04's
        // 最終更新日時 (renewalDate) after the A11 was sent shows that it happened.
        let renewed = info
            .raw
            .iter()
            .find(|(k, _)| k == "renewalDate")
            .and_then(|(_, v)| gateway_time(v));
        let lost =
            gateway_operations::unsettled_before(&state.pool, order.id, op, &dead_before).await?;
        let lost_slip = lost.iter().any(|(_, fd, _)| fd == "E01");
        for (id, fd, at) in lost {
            let applied_reauth = fd == "A11"
                && renewed.is_some_and(|r| {
                    chrono::DateTime::parse_from_rfc3339(&at)
                        .is_ok_and(|at| r.timestamp() >= at.timestamp())
                });
            let detail = format!("settled by E04 ({})", info.status());
            gateway_operations::settle_lost(&state.pool, id, applied_reauth, &detail).await?;
            if applied_reauth {
                if let Some(r) = renewed {
                    payment_changes::record_renewal(&state.pool, order.id, &r.to_rfc3339()).await?;
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
            super::shipping_notice::on_registered(state, order.id, slip, None).await;
        }
    }
    Ok(())
}
