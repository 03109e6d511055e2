//! 出荷情報取消 (E02): withdrawing a wrongly registered 問い合わせ番号 before
//! the parcel is scanned, so the right one can be registered.

use zerostep_domain::order::GatewayStatus;

use super::error::OperationError;
use super::journal::{begin, settle, succeeded};
use super::lease::with_lease;
use super::order_ref::{card_authorized, OrderRef};
use crate::services::Services;

/// E02: the order's slip is withdrawn and the payment is 与信完了 again. Only
/// while the sale awaits settlement (精算確定待ち, 30): a settled parcel can
/// no longer be withdrawn, as Yamato's gateway has it.
pub async fn withdraw_slip(
    state: &Services,
    order: &OrderRef,
    actor: &str,
) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        card_authorized(&order)?;
        let Some(slip) = order.slip_no.clone() else {
            return Err(OperationError::NoSlip);
        };
        if order.gateway_status != Some(GatewayStatus::AwaitingSettlement) {
            return Err(OperationError::SlipSettled);
        }
        let client = state.gateway_client().await;
        let op = begin(state, &order, "E02", actor).await?;
        let result = client.shipment_cancel(&order.receipt_no, &slip, None).await;
        settle(state, op, result).await?;
        crate::store::payment_changes::record_slip_withdrawn(&state.pool, order.id).await?;
        succeeded(state, op).await;
        Ok(())
    })
    .await
}
