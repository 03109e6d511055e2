//! 金額変更 (A07): changing the authorized amount.

use zerostep_webcollect::{Error as GatewayCallError, ErrorKind};

use super::error::OperationError;
use super::journal::{begin, settle, succeeded};
use super::lease::with_lease;
use super::order_ref::{card_authorized, OrderRef};
use crate::services::Services;
use crate::store::payment_changes;

/// 金額変更 (A07). An amount above the one authorized now charges the
/// shopper more than they agreed to: it needs `confirm_increase`, checked
/// against the order as it is once the lease is held.
pub async fn change_amount(
    state: &Services,
    order: &OrderRef,
    new_price: u64,
    confirm_increase: bool,
    actor: &str,
) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        let raises = i64::try_from(new_price).map_or(true, |p| p > order.total);
        if raises && !confirm_increase {
            return Err(OperationError::IncreaseNotConfirmed {
                authorized: order.total,
            });
        }
        change_amount_held(state, &order, new_price, actor).await
    })
    .await
}

pub(super) async fn change_amount_held(
    state: &Services,
    order: &OrderRef,
    new_price: u64,
    actor: &str,
) -> Result<(), OperationError> {
    card_authorized(order)?;
    let client = state.gateway_client().await;
    let op = begin(state, order, "A07", actor).await?;
    let result = client
        .credit_change_price(&order.receipt_no, new_price, None)
        .await;
    if let Err(GatewayCallError::Gateway(g)) = &result {
        // A07's one decline (A076000001): the new amount was not authorized.
        if g.kind == ErrorKind::Decline {
            // 金額変更NG replaces 与信完了 only; a shipped or settled order keeps its state.
            payment_changes::record_amount_change_failed(&state.pool, order.id).await?;
        }
    }
    settle(state, op, result).await?;
    // A successful change after a failed one (17) returns the order to 与信完了, as the gateway does.
    payment_changes::record_amount(&state.pool, order.id, new_price).await?;
    succeeded(state, op).await;
    Ok(())
}
