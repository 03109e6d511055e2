//! 再与信 (A11): renewing an authorization before a slip is registered, one
//! order at a time or from the bulk job; and, as its own action, undoing a
//! 取消 by authorizing the cancelled payment again.

use zerostep_domain::order::GatewayStatus;

use super::error::OperationError;
use super::journal::{begin, settle, succeeded};
use super::lease::with_lease;
use super::order_ref::{card_authorized, OrderRef};
use crate::services::Services;

/// 再与信 (A11): before a slip is registered; renews the authorization hold
/// of an order still 与信完了 (4). A cancelled one is refused: authorizing it
/// again puts a charge back on the card, which only [`undo_cancel`] does.
pub async fn reauthorize(
    state: &Services,
    order: &OrderRef,
    actor: &str,
) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        if order.gateway_status == Some(GatewayStatus::Cancelled) {
            return Err(OperationError::ReauthCancelled);
        }
        reauthorize_held(state, &order, actor).await
    })
    .await
}

/// 取消を取り消して再与信: A11 on an order cancelled (取消, 40) before a slip,
/// as the gateway allows (protocol §5.3) and Yamato's own plugin offers, to
/// undo a mistaken 取消. The order's amount is held on the card again.
pub async fn undo_cancel(
    state: &Services,
    order: &OrderRef,
    actor: &str,
) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        if order.gateway_status != Some(GatewayStatus::Cancelled) {
            return Err(OperationError::NotCancelled);
        }
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
) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        if order.gateway_status != Some(GatewayStatus::Authorized) || order.slip_no.is_some() {
            return Err(OperationError::NoLongerEligible);
        }
        reauthorize_held(state, &order, actor).await
    })
    .await
}

pub(super) async fn reauthorize_held(
    state: &Services,
    order: &OrderRef,
    actor: &str,
) -> Result<(), OperationError> {
    card_authorized(order)?;
    if order.slip_no.is_some()
        || !matches!(
            order.gateway_status,
            Some(GatewayStatus::Authorized | GatewayStatus::Cancelled)
        )
    {
        return Err(OperationError::ReauthAfterSlip);
    }
    let client = state.gateway_client().await;
    let op = begin(state, order, "A11", actor).await?;
    let result = client.re_auth(&order.receipt_no, None).await;
    settle(state, op, result).await?;
    crate::store::payment_changes::record_reauthorized(&state.pool, order.id).await?;
    succeeded(state, op).await;
    Ok(())
}
