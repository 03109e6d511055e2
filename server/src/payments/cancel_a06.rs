//! 取消 (A06): cancelling the card payment.

use zerostep_domain::order::GatewayStatus;

use super::journal::{begin, set, settle, succeeded};
use super::lease::with_lease;
use super::order_ref::{card_authorized, OrderRef};
use crate::error::ApiError;
use crate::services::Services;

/// 取消 (A06).
pub async fn cancel(state: &Services, order: &OrderRef, actor: &str) -> Result<(), ApiError> {
    with_lease(state, order.id, |order| async move {
        cancel_held(state, &order, actor).await
    })
    .await
}

pub(super) async fn cancel_held(
    state: &Services,
    order: &OrderRef,
    actor: &str,
) -> Result<(), ApiError> {
    card_authorized(order)?;
    let client = state.gateway_client().await;
    let op = begin(state, order, "A06", actor).await?;
    let result = client.credit_cancel(&order.receipt_no, None).await;
    settle(state, op, result).await?;
    set(&state.pool, "UPDATE orders SET gateway_status = $4, slip_no = NULL, error_code = $1, updated_at = $2 WHERE id = $3", order.id, GatewayStatus::Cancelled).await?;
    succeeded(state, op).await;
    Ok(())
}
