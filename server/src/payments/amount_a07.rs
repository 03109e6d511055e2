//! 金額変更 (A07): changing the authorized amount.

use zerostep_domain::order::GatewayStatus;
use zerostep_webcollect::{Error as GatewayCallError, ErrorKind};

use super::journal::{begin, settle, succeeded};
use super::lease::with_lease;
use super::order_ref::{card_authorized, OrderRef};
use crate::error::ApiError;
use crate::services::Services;

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

pub(super) async fn change_amount_held(
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
        // A07's one decline (A076000001): the new amount was not authorized.
        if g.kind == ErrorKind::Decline {
            // 金額変更NG replaces 与信完了 only; a shipped or settled order keeps its state.
            sqlx::query(
                "UPDATE orders SET gateway_status = $2 WHERE id = $1 AND gateway_status = $3",
            )
            .bind(order.id)
            .bind(GatewayStatus::AmountChangeFailed.column())
            .bind(GatewayStatus::Authorized.column())
            .execute(&state.pool)
            .await?;
        }
    }
    settle(state, op, result).await?;
    // A successful change after a failed one (17) returns the order to 与信完了, as the gateway does.
    let changed = sqlx::query(
        "UPDATE orders SET total = $1, updated_at = $2, gateway_status = CASE WHEN gateway_status = $4 THEN $5 ELSE gateway_status END WHERE id = $3",
    )
    .bind(i64::try_from(new_price).unwrap_or(i64::MAX))
    .bind(crate::store::time::now())
    .bind(order.id)
    .bind(GatewayStatus::AmountChangeFailed.column())
    .bind(GatewayStatus::Authorized.column());
    crate::store::execute_durable(&state.pool, changed).await?;
    succeeded(state, op).await;
    Ok(())
}
