//! Queueing mails in the outbox: an order's mails once per order, and a
//! 配送通知メール once per slip.

use std::path::Path;

use super::compose::{build_message, prepare_order_mails, MailFiles, OrderMail, PreparedMails};
use super::files::write_files;
use crate::config::Config;
use crate::store::{outbox, Pool};

/// Claims the order's mails (`orders.mails_queued`) and writes their outbox
/// rows through `conn`, which the caller runs in a transaction: a failed
/// insert fails the whole transaction, the claim included. Returns the
/// `.eml` copies to write after the commit, or `None` when another caller
/// had claimed the mails already.
pub async fn insert_claimed(
    conn: &mut sqlx::AnyConnection,
    outbox_dir: &Path,
    mails: PreparedMails,
) -> Result<Option<MailFiles>, String> {
    let ids = outbox::insert_claimed(conn, mails.order_id(), &mails.outbox_rows()).await?;
    Ok(ids.map(|ids| mails.into_files(outbox_dir, &ids)))
}

/// Queues both mails of a completed order, once: the order's mails are
/// claimed (`orders.mails_queued`) in the transaction that writes them, so a
/// second caller on any instance queues nothing, and a failed write leaves
/// them unclaimed for the next one. `.eml` copies are written after the commit.
pub async fn queue_order_mails(
    pool: &crate::store::Pool,
    outbox_dir: &Path,
    from: &str,
    shop_email: &str,
    m: &OrderMail<'_>,
) -> Result<(), String> {
    let mails = prepare_order_mails(from, shop_email, m);
    let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
    // A failed insert rolls everything back, the claim included (PostgreSQL
    // would not commit the rest anyway): the mails stay for the next caller.
    let Some(files) = insert_claimed(&mut tx, outbox_dir, mails).await? else {
        return Ok(());
    };
    tx.commit().await.map_err(|e| e.to_string())?;
    write_files(outbox_dir, files).await
}

/// 配送通知メール: the parcel's 問合番号 (and tracking page) to the buyer.
pub async fn queue_shipping_notice(
    pool: &Pool,
    settings: &Config,
    order_id: i64,
    slip_no: &str,
    tracking_url: Option<&str>,
) -> Result<(), String> {
    let (order_number, buyer_json): (String, String) =
        sqlx::query_as("SELECT order_number, buyer_json FROM orders WHERE id = $1")
            .bind(order_id)
            .fetch_one(pool)
            .await
            .map_err(|e| e.to_string())?;
    // One notice per slip: a status refresh and the E01's own answer may both get here.
    let sent: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE order_id = $1 AND kind = 'shipping_notice'",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await
    .map_err(|e| e.to_string())?;
    let line = format!("問合番号: {slip_no}\n");
    if sent.iter().any(|body| body.contains(&line)) {
        return Ok(());
    }
    let buyer: zerostep_domain::order::Buyer =
        serde_json::from_str(&buyer_json).map_err(|e| e.to_string())?;
    let tracking = tracking_url
        .map(|u| format!("\n配送状況: {u}"))
        .unwrap_or_default();
    let body = format!(
        "{} 様\n\nご注文の商品を発送いたしました。\n\n注文番号: {order_number}\n問合番号: {slip_no}{tracking}\n\nお届けまでしばらくお待ちください。\nZerostep 茶舗",
        buyer.name.full()
    );
    let subject = format!("【Zerostep 茶舗】商品を発送しました（注文番号 {order_number}）");
    let to = buyer.email.as_ref().to_owned();
    let message = build_message(&settings.mail_from, &to, &subject, &body)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO outbox (order_id, kind, recipient, subject, body, created_at) VALUES ($1, 'shipping_notice', $2, $3, $4, $5) RETURNING id",
    )
    .bind(order_id)
    .bind(&to)
    .bind(&subject)
    .bind(&body)
    .bind(crate::store::now_text())
    .fetch_one(pool)
    .await
    .map_err(|e| e.to_string())?;
    let dir = &settings.outbox_dir;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join(format!("{id:06}-{order_number}-shipping_notice.eml"));
    std::fs::write(&file, message.formatted()).map_err(|e| format!("{}: {e}", file.display()))
}
