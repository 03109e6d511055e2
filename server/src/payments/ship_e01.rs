//! 問い合わせ番号 → E01 (売上確定): registering a slip number confirms the sale.

use zerostep_domain::merchant::{Carrier, SlipNo};
use zerostep_domain::order::GatewayStatus;
use zerostep_webcollect::{DeliveryService, Error as GatewayCallError};

use super::error::OperationError;
use super::journal::{settle, succeeded};
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
        register_slip_held(state, &order, slip_no, None, actor).await
    })
    .await
}

/// 売上確定 of 売上確定一括処理: the slip and 配送サービス the file gave, for
/// an order still 与信完了 without a slip once its lease is held (one
/// shipped or cancelled since the run started is refused as
/// `not_eligible`).
pub async fn register_slip_in_bulk(
    state: &Services,
    order: &OrderRef,
    slip_no: &str,
    carrier: Carrier,
    actor: &str,
) -> Result<(), OperationError> {
    with_lease(state, order.id, |order| async move {
        if order.gateway_status != Some(GatewayStatus::Authorized) || order.slip_no.is_some() {
            return Err(OperationError::NoLongerEligible);
        }
        register_slip_held(state, &order, slip_no, Some(carrier), actor).await
    })
    .await
}

/// E01 for an order whose lease is held; `carrier` none: the card's
/// 配送サービス setting.
pub(super) async fn register_slip_held(
    state: &Services,
    order: &OrderRef,
    slip_no: &str,
    carrier: Option<Carrier>,
    actor: &str,
) -> Result<(), OperationError> {
    card_authorized(order)?;
    let carrier = match carrier {
        Some(carrier) => carrier,
        None => crate::store::shop_settings::card_carrier(&state.pool).await?,
    };
    let service = match carrier {
        Carrier::Yamato => DeliveryService::Yamato,
        Carrier::Other => DeliveryService::Other,
    };
    // Its format is the gateway's rule, checked with Yamato's codes on the way out.
    let slip = SlipNo::parse(slip_no, carrier).map_err(|_| OperationError::SlipRequired)?;
    let slip = slip.as_ref();
    if order.slip_no.is_some() || order.gateway_status != Some(GatewayStatus::Authorized) {
        return Err(OperationError::SlipNotAllowed);
    }
    let client = state.gateway_client().await;
    // Claim the order first: a second click (or a second admin) cannot register
    // another slip meanwhile. The claim and the E01's row are one write, so the
    // reconciler finds any claim a crash leaves.
    let Some(op) = payment_changes::claim_slip(&state.pool, order.id, slip, actor).await? else {
        return Err(OperationError::SlipNotAllowed);
    };
    crate::failpoint::hit("slip_claimed");
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
