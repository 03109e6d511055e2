//! An order's mails (サンクスメール and 受注通知メール, or the word that an
//! order shown as 確認中 was not completed), built from the stored order so
//! that placement and reconciliation send the same thing, and queued once.

use zerostep_domain::checkout::Quote;

use crate::mail::{prepare_not_completed_mails, prepare_order_mails, queue_order_mails, OrderMail};
use crate::services::Services;
use crate::shop::Shop;
use crate::store::orders;

/// Queues the order's mails (read back from the stored order, so placement
/// and reconciliation send the same thing), once: the first caller claims
/// them, on any instance, in the transaction that writes them. A failure is
/// logged; one that wrote nothing leaves them for the next caller.
pub async fn send_mails(state: &Services, order_id: i64) {
    if let Err(err) = mail_for_stored(state, order_id, Outcome::Completed).await {
        tracing::error!(%err, order_id, "order mail not queued");
    }
}

/// Queues the buyer's and the shop's word that an order shown as 確認中 was
/// not completed and nothing was charged; once, as [`send_mails`].
pub async fn send_not_completed_mails(state: &Services, order_id: i64) {
    if let Err(err) = mail_for_stored(state, order_id, Outcome::NotCompleted).await {
        tracing::error!(%err, order_id, "not-completed mail not queued");
    }
}

/// Which mails an order gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// サンクスメール and 受注通知メール.
    Completed,
    /// The word that it was not completed.
    NotCompleted,
}

/// The 支払方法の名称 and サンクスメール注意書き of the method stored as `code`.
pub(crate) fn payment_for_mail<'s>(shop: &'s Shop, code: &str) -> (&'s str, Option<&'s str>) {
    let info = shop.payment_method(code);
    (
        info.map_or("", |m| m.name.as_str()),
        info.and_then(|m| m.notes.as_deref()),
    )
}

pub(crate) async fn mail_for_stored(
    state: &Services,
    id: i64,
    outcome: Outcome,
) -> Result<(), String> {
    let row = orders::unmailed(&state.pool, id)
        .await
        .map_err(|e| e.to_string())?;
    let Some(row) = row else {
        // Queued already (by this request's first attempt or a reconciler).
        return Ok(());
    };
    let quote: Quote = serde_json::from_str(&row.quote_json).map_err(|e| e.to_string())?;
    let buyer = serde_json::from_str(&row.buyer_json).map_err(|e| e.to_string())?;
    let recipient = row
        .recipient_json
        .map(|r| serde_json::from_str(&r))
        .transpose()
        .map_err(|e| e.to_string())?;
    let delivery = serde_json::from_str(&row.delivery_json).map_err(|e| e.to_string())?;
    let shop = state.shop().await.map_err(|e| e.to_string())?;
    let (today_name, payment_notes) = payment_for_mail(&shop, &row.payment_method);
    // A mail queued later (by the reconciler) names the method as the order
    // was placed with it, as 受注明細 does.
    let payment_name = row.payment_name.as_deref().unwrap_or(today_name);
    let texts = shop.profile().mail_texts();
    let mail = OrderMail {
        order_id: id,
        order_number: &row.order_number,
        quote: &quote,
        buyer: &buyer,
        recipient: recipient.as_ref(),
        delivery: &delivery,
        payment_name,
        payment_notes,
        texts: &texts,
    };
    let (from, shop_email) = (&state.config.mail_from, &state.config.shop_email);
    let mails = match outcome {
        Outcome::Completed => prepare_order_mails(from, shop_email, &mail),
        Outcome::NotCompleted => prepare_not_completed_mails(from, shop_email, &mail),
    };
    queue_order_mails(&state.pool, &state.config.outbox_dir, mails).await
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
