//! Queueing mails in the outbox: an order's mails once per order, and a
//! 配送通知メール once per slip.

use std::path::Path;

use super::compose::{build_message, PreparedMails};
use super::files::write_files;
use super::MailTexts;
use crate::config::Config;
use crate::store::{orders, outbox, Pool};

/// Queues an order's mails (its サンクスメール and 受注通知メール, or the word
/// that it was not completed), once: the order's mails are claimed
/// (`orders.mails_queued`) in the transaction that writes them, so a second
/// caller on any instance queues nothing, and a failed write leaves them
/// unclaimed for the next one. `.eml` copies are written after the commit.
pub async fn queue_order_mails(
    pool: &crate::store::Pool,
    outbox_dir: &Path,
    mails: PreparedMails,
) -> Result<(), String> {
    let Some(ids) = outbox::queue_claimed(pool, mails.order_id(), &mails.outbox_rows()).await?
    else {
        return Ok(());
    };
    write_files(outbox_dir, mails.into_files(outbox_dir, &ids)).await
}

/// 配送通知メール: the parcel's 問合番号 (and tracking page) to the buyer,
/// in the shop's words (`texts`). Returns false when this slip's notice was
/// queued before (nothing is queued twice).
pub async fn queue_shipping_notice(
    pool: &Pool,
    settings: &Config,
    texts: &MailTexts,
    order_id: i64,
    slip_no: &str,
    tracking_url: Option<&str>,
) -> Result<bool, String> {
    let (order_number, buyer_json) = orders::number_and_buyer(pool, order_id)
        .await
        .map_err(|e| e.to_string())?;
    // One notice per slip: a status refresh and the E01's own answer may both get here.
    let sent = outbox::shipping_notice_queued_at(pool, order_id, slip_no)
        .await
        .map_err(|e| e.to_string())?;
    if sent.is_some() {
        return Ok(false);
    }
    let buyer: zerostep_domain::order::Buyer =
        serde_json::from_str(&buyer_json).map_err(|e| e.to_string())?;
    let tracking = tracking_url
        .map(|u| format!("\n配送状況: {u}"))
        .unwrap_or_default();
    let body = format!(
        "{} 様\n\n{}\n\n注文番号: {order_number}\n問合番号: {slip_no}{tracking}\n\n{}",
        buyer.name.full(),
        texts.shipping(),
        texts.signature()
    );
    let subject = texts.subject(&format!("商品を発送しました（注文番号 {order_number}）"));
    let to = buyer.email.as_ref().to_owned();
    let message = build_message(texts.sender(&settings.mail_from)?, &to, &subject, &body)?;
    let id = outbox::insert_shipping_notice(pool, order_id, &to, &subject, &body)
        .await
        .map_err(|e| e.to_string())?;
    let dir = &settings.outbox_dir;
    crate::private_files::create_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join(format!("{id:06}-{order_number}-shipping_notice.eml"));
    crate::private_files::write(&file, &message.formatted())
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(true)
}
