//! What became of an order: settling an unknown A08 outcome with E04, and
//! the answer a retried request gets from an order already written.

use zerostep_domain::order::{GatewayStatus, OrderOutcome, OrderPlaced, OrderStatus};

use super::answer::{declined, PlaceOrderError, Placement};
use crate::error::ApiError;
use crate::services::Services;
use crate::store::order_path::{log_operation, transition};
use crate::store::orders;

/// Logs a database error after the gateway acted, instead of failing the answer.
pub(crate) fn record(result: Result<bool, sqlx::Error>) {
    if let Err(err) = result {
        tracing::error!(%err, "order state not recorded; the reconciler will repair it");
    }
}

/// What E04 said about an order whose A08 outcome was unknown.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The gateway has it authorized: the order is complete.
    Authorized,
    /// The gateway has no such transaction: nothing was charged.
    NotFound,
    /// Still unknown: the order waits for the reconciler.
    Unknown,
}

/// Asks E04 and records the truth. "Not found" becomes `failed` only when
/// `not_found_is_final` (the A08 cannot still be in flight); otherwise the
/// order stays `pending_review` for the reconciler. Status 21 (決済手続き中)
/// is still unknown.
pub async fn resolve_unknown(
    state: &Services,
    order_id: i64,
    receipt_no: &str,
    not_found_is_final: bool,
) -> Resolved {
    let pending = [OrderStatus::Authorizing, OrderStatus::PendingReview];
    match state.gateway_client().await.trade_info(receipt_no).await {
        Ok(Some(info)) if info.status().is_authorized() => {
            log_operation(
                &state.pool,
                order_id,
                "E04",
                "ok",
                None,
                None,
                Some(&info.status().to_string()),
            )
            .await;
            record(
                transition(
                    &state.pool,
                    order_id,
                    &pending,
                    OrderStatus::Authorized,
                    info.crd_c_res_cd.as_deref(),
                    None,
                    None,
                )
                .await,
            );
            Resolved::Authorized
        }
        Ok(found)
            if not_found_is_final
                && found
                    .as_ref()
                    .is_none_or(|i| i.status() != GatewayStatus::InProgress) =>
        {
            let detail = found.map_or_else(|| "not found".to_owned(), |i| i.status().to_string());
            log_operation(
                &state.pool,
                order_id,
                "E04",
                "ok",
                None,
                None,
                Some(&detail),
            )
            .await;
            record(
                transition(
                    &state.pool,
                    order_id,
                    &pending,
                    OrderStatus::Failed,
                    None,
                    None,
                    None,
                )
                .await,
            );
            Resolved::NotFound
        }
        other => {
            let detail = match other {
                Ok(None) => "not found yet".to_owned(),
                Ok(Some(i)) => i.status().to_string(),
                Err(err) => err.to_string(),
            };
            log_operation(
                &state.pool,
                order_id,
                "E04",
                "unknown",
                None,
                None,
                Some(&detail),
            )
            .await;
            record(
                transition(
                    &state.pool,
                    order_id,
                    &[OrderStatus::Authorizing],
                    OrderStatus::PendingReview,
                    None,
                    None,
                    None,
                )
                .await,
            );
            Resolved::Unknown
        }
    }
}

/// The answer a retry gets for an order whose first request never answered
/// (the server was killed): the order as it stands, 確認中 until the
/// reconciler settles it.
pub async fn answer_for(state: &Services, order_id: i64) -> Result<Placement, ApiError> {
    let (order_number, status, method, total, buyer_json, code, credit) =
        orders::answer_fields(&state.pool, order_id).await?;
    let placed = |outcome| -> Result<Placement, ApiError> {
        let buyer: zerostep_domain::order::Buyer =
            serde_json::from_str(&buyer_json).map_err(ApiError::internal)?;
        Ok(Placement::Placed(OrderPlaced {
            order_number: order_number.clone(),
            outcome,
            payment_method: serde_json::from_value(serde_json::Value::String(method.clone()))
                .map_err(ApiError::internal)?,
            total: zerostep_domain::money::Yen::new(total).map_err(ApiError::internal)?,
            email: Some(buyer.email),
            authentication_url: None,
        }))
    };
    let status: OrderStatus = status.parse().map_err(ApiError::internal)?;
    match status {
        OrderStatus::Authorized | OrderStatus::Accepted => placed(OrderOutcome::Complete),
        OrderStatus::Declined => Ok(declined(
            code.as_deref().unwrap_or_default(),
            credit.as_deref(),
            None,
        )),
        OrderStatus::Failed => Ok(PlaceOrderError::NotCharged.into()),
        OrderStatus::Authorizing | OrderStatus::PendingReview => {
            placed(OrderOutcome::PendingReview)
        }
    }
}
