//! 問い合わせ番号 → E01 (売上確定): registering a slip number confirms the sale.

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::merchant::{Carrier, SlipNo};
use zerostep_domain::order::GatewayStatus;
use zerostep_webcollect::{DeliveryService, Error as GatewayCallError};

use super::error::OperationError;
use super::journal::{begin, settle, succeeded};
use super::lease::with_lease;
use super::order_ref::{card_authorized, OrderRef};
use crate::services::Services;
use crate::store::payment_changes;

/// 問い合わせ番号 → E01 (売上確定). The delivery service follows the card settings.
pub async fn register_slip(
    state: &Services,
    order: &OrderRef,
    slip_no: &str,
    actor: &str,
) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        register_slip_held(state, &order, slip_no, actor).await
    })
    .await
}

pub(super) async fn register_slip_held(
    state: &Services,
    order: &OrderRef,
    slip_no: &str,
    actor: &str,
) -> Result<(), OperationError> {
    card_authorized(order)?;
    let service = crate::store::shop_settings::delivery_service(
        &state.pool,
        PaymentMethodCode::Card.as_str(),
    )
    .await?
    .unwrap_or_else(|| "00".to_owned());
    let (service, carrier) = if service == "99" {
        (DeliveryService::Other, Carrier::Other)
    } else {
        (DeliveryService::Yamato, Carrier::Yamato)
    };
    // Its format is the gateway's rule, checked with Yamato's codes on the way out.
    let slip = SlipNo::parse(slip_no, carrier).map_err(|_| OperationError::SlipRequired)?;
    let slip = slip.as_ref();
    if order.slip_no.is_some() || order.gateway_status != Some(GatewayStatus::Authorized) {
        return Err(OperationError::SlipNotAllowed);
    }
    let client = state.gateway_client().await;
    // Claim the order first: a second click (or a second admin) cannot register another slip meanwhile.
    if !payment_changes::claim_slip(&state.pool, order.id, slip).await? {
        return Err(OperationError::SlipNotAllowed);
    }
    let op = begin(state, order, "E01", actor).await?;
    let result = client
        .shipment_entry(&order.receipt_no, slip, service, None)
        .await;
    if matches!(
        result,
        Err(GatewayCallError::Gateway(_) | GatewayCallError::Invalid(_))
    ) {
        // Refused: nothing was registered, release the claim. (An unknown outcome keeps it; the sync corrects it.)
        payment_changes::release_slip(&state.pool, order.id, slip).await?;
    }
    let entered = settle(state, op, result).await?;
    // A Yamato parcel is settled when it is scanned; another carrier's at once.
    let status = if service == DeliveryService::Yamato {
        GatewayStatus::AwaitingSettlement
    } else {
        GatewayStatus::Settled
    };
    payment_changes::record_shipped(&state.pool, order.id, slip, status).await?;
    super::shipping_notice::on_registered(state, order.id, slip, entered.slip_url_pc.as_deref())
        .await;
    succeeded(state, op).await;
    Ok(())
}
