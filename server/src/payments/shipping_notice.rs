//! 配送通知メール: the parcel's 問合番号 to the buyer, in the shop's words.
//! It goes out when the slip is registered, or from 受注明細's button, as
//! the shop chose in 基本設定; never twice for one slip.

use zerostep_domain::api::admin::ShippingNoticeMode;

use super::error::OperationError;
use super::order_ref::OrderRef;
use crate::services::Services;
use crate::shop::Shop;

/// After a slip was registered (E01 accepted, or found by the status sync):
/// the notice, when the shop sends it then. A failure is logged; the slip
/// stays registered and the button can send the notice later.
pub(super) async fn on_registered(
    state: &Services,
    order_id: i64,
    slip: &str,
    tracking_url: Option<&str>,
) {
    let shop = match state.shop().await {
        Ok(shop) => shop,
        Err(err) => {
            tracing::error!(%err, order_id, "配送通知メール not queued: no settings");
            return;
        }
    };
    if shop.profile().shipping_notice != ShippingNoticeMode::OnRegister {
        return;
    }
    if let Err(err) = queue(state, &shop, order_id, slip, tracking_url).await {
        tracing::error!(%err, order_id, "配送通知メール not queued");
    }
}

/// 「配送通知メールを送信」: the notice for the order's registered slip.
/// Refused without a slip, and once this slip's notice went out.
pub async fn send_shipping_notice(
    state: &Services,
    order: &OrderRef,
) -> Result<(), OperationError> {
    let Some(slip) = order.slip_no.as_deref() else {
        return Err(OperationError::NoSlip);
    };
    let shop = state.shop().await.map_err(OperationError::internal)?;
    let queued = queue(state, &shop, order.id, slip, None)
        .await
        .map_err(OperationError::internal)?;
    if queued {
        Ok(())
    } else {
        Err(OperationError::NoticeAlreadySent)
    }
}

/// Queues the notice for `slip` in `shop`'s words; false when it went out before.
async fn queue(
    state: &Services,
    shop: &Shop,
    order_id: i64,
    slip: &str,
    tracking_url: Option<&str>,
) -> Result<bool, String> {
    let texts = shop.profile().mail_texts();
    crate::mail::queue_shipping_notice(
        &state.pool,
        &state.config,
        &texts,
        order_id,
        slip,
        tracking_url,
    )
    .await
}
