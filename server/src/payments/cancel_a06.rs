//! 取消 (A06): cancelling the card payment.

use super::error::OperationError;
use super::journal::{begin, settle, succeeded};
use super::lease::with_lease;
use super::order_ref::{card_authorized, OrderRef};
use crate::services::Services;

/// 取消 (A06).
pub async fn cancel(state: &Services, order: &OrderRef, actor: &str) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        cancel_held(state, &order, actor).await
    })
    .await
}

pub(super) async fn cancel_held(
    state: &Services,
    order: &OrderRef,
    actor: &str,
) -> Result<(), OperationError> {
    card_authorized(order)?;
    let client = state.gateway_client().await;
    let op = begin(state, order, "A06", actor).await?;
    let result = client.credit_cancel(&order.receipt_no, None).await;
    settle(state, op, result).await?;
    crate::store::payment_changes::record_cancelled(&state.pool, order.id).await?;
    succeeded(state, op).await;
    Ok(())
}
