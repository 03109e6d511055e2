//! 配送通知メール: the parcel's 問合番号 to the buyer, in the shop's words.
//! It goes out when the slip is registered, or from 受注明細's button, as
//! the shop chose in 基本設定; never twice for one slip.

use zerostep_domain::api::admin::ShippingNoticeMode;

use super::error::OperationError;
use super::order_ref::OrderRef;
use crate::services::Services;

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
    let profile = shop.profile();
    if profile.shipping_notice != ShippingNoticeMode::OnRegister {
        return;
    }
    let texts = profile.mail_texts();
    let queued = crate::mail::queue_shipping_notice(
        &state.pool,
        &state.config,
        &texts,
        order_id,
        slip,
        tracking_url,
    )
    .await;
    if let Err(err) = queued {
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
    let texts = shop.profile().mail_texts();
    let queued = crate::mail::queue_shipping_notice(
        &state.pool,
        &state.config,
        &texts,
        order.id,
        slip,
        None,
    )
    .await
    .map_err(OperationError::internal)?;
    if queued {
        Ok(())
    } else {
        Err(OperationError::NoticeAlreadySent)
    }
}
