//! Order mail: サンクスメール to the buyer and 受注通知メール to the shop,
//! in Japanese, built with lettre and kept in the outbox (a table, plus an
//! `.eml` file per message under the outbox folder) for delivery.

use std::path::Path;

use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::{Settings, SmtpSettings, SmtpTls};
use crate::store::{outbox, outbox::OutboxRow, Pool};

use zerostep_domain::checkout::Quote;
use zerostep_domain::order::{Buyer, DeliveryChoice, Recipient};

/// What the mails say about an order.
pub struct OrderMail<'a> {
    /// The order's row id.
    pub order_id: i64,
    /// 注文番号.
    pub order_number: &'a str,
    /// The priced order.
    pub quote: &'a Quote,
    /// ご注文者.
    pub buyer: &'a Buyer,
    /// お届け先 when not the buyer.
    pub recipient: Option<&'a Recipient>,
    /// 配送方法・お届け日時.
    pub delivery: &'a DeliveryChoice,
    /// 支払方法の名称.
    pub payment_name: &'a str,
    /// サンクスメール注意書き.
    pub payment_notes: Option<&'a str>,
}

fn order_text(m: &OrderMail<'_>) -> String {
    let mut lines = vec![
        format!("注文番号: {}", m.order_number),
        String::new(),
        "■ご注文内容".to_owned(),
    ];
    for l in &m.quote.lines {
        let mark = if l.tax_rate == zerostep_domain::TaxRate::Reduced {
            "※"
        } else {
            ""
        };
        lines.push(format!(
            "{}{mark} × {}  {}",
            l.name,
            l.quantity.get(),
            l.amount
        ));
    }
    let shipping = match m.quote.shipping.fee {
        Some(fee) => fee.to_string(),
        None => "別途連絡".to_owned(),
    };
    lines.push(format!("送料: {shipping}"));
    for r in &m.quote.rates {
        lines.push(format!(
            "{}対象: {}（内消費税 {}）",
            r.rate, r.amount, r.tax
        ));
    }
    lines.push(format!("合計（税込）: {}", m.quote.total));
    lines.push("※は軽減税率（8%）対象商品です。".to_owned());
    lines.push(String::new());
    lines.push(format!("■お支払い方法: {}", m.payment_name));
    if let Some(notes) = m.payment_notes {
        lines.push(notes.to_owned());
    }
    lines.push(String::new());
    let (name, phone, address) = match m.recipient {
        Some(r) => (r.name.full(), r.phone.as_ref().to_owned(), &r.address),
        None => (
            m.buyer.name.full(),
            m.buyer.phone.as_ref().to_owned(),
            &m.buyer.address,
        ),
    };
    lines.push("■お届け先".to_owned());
    lines.push(format!(
        "〒{} {}{}{}",
        address.postal_code,
        address.prefecture,
        address.city.as_ref(),
        address.line1.as_ref()
    ));
    if let Some(line2) = &address.line2 {
        lines.push(line2.as_ref().to_owned());
    }
    lines.push(format!("{name} 様（{phone}）"));
    let date = m
        .delivery
        .date
        .clone()
        .unwrap_or_else(|| "指定なし".to_owned());
    lines.push(format!(
        "お届け希望日: {date} / お届け時間帯: {}",
        m.delivery.time_slot.label_ja()
    ));
    lines.join("\n")
}

/// Both mails of an order, built and ready to be written.
pub struct PreparedMails {
    order_id: i64,
    order_number: String,
    /// Kind, recipient, subject, body and message of each mail that could be built.
    built: Vec<(&'static str, String, String, String, Message)>,
    /// The mails that could not be built (an address the mail library cannot use).
    failures: Vec<String>,
}

/// The `.eml` copies of mails just written, and the mails that failed.
pub struct MailFiles {
    files: Vec<(std::path::PathBuf, Vec<u8>)>,
    failures: Vec<String>,
}

/// Builds both mails of a completed order.
pub fn prepare_order_mails(from: &str, shop_email: &str, m: &OrderMail<'_>) -> PreparedMails {
    let detail = order_text(m);
    let thanks = format!(
        "{} 様\n\nこのたびはご注文いただき、誠にありがとうございます。\n以下の内容でご注文を承りました。\n\n{detail}\n\n商品の発送時にあらためてご連絡いたします。\nZerostep 茶舗",
        m.buyer.name.full()
    );
    let notice = format!(
        "新しいご注文がありました。\n\nご注文者: {} 様 <{}>\n\n{detail}",
        m.buyer.name.full(),
        m.buyer.email
    );
    // The shop's notice first, and each mail on its own: an address the mail
    // library cannot use must not cost the other message.
    let mails = [
        (
            "shop_notice",
            shop_email.to_owned(),
            format!("【受注通知】注文番号 {}", m.order_number),
            notice,
        ),
        (
            "thanks",
            m.buyer.email.as_ref().to_owned(),
            format!(
                "【Zerostep 茶舗】ご注文ありがとうございます（注文番号 {}）",
                m.order_number
            ),
            thanks,
        ),
    ];
    let mut failures = Vec::new();
    let mut built = Vec::new();
    for (kind, to, subject, body) in mails {
        match build_message(from, &to, &subject, &body) {
            Ok(message) => built.push((kind, to, subject, body, message)),
            Err(err) => failures.push(format!("{kind}: {err}")),
        }
    }
    PreparedMails {
        order_id: m.order_id,
        order_number: m.order_number.to_owned(),
        built,
        failures,
    }
}

impl PreparedMails {
    /// The order's row id.
    pub fn order_id(&self) -> i64 {
        self.order_id
    }

    /// The outbox rows of the mails (copies, for the writer's transaction).
    pub fn outbox_rows(&self) -> Vec<OutboxRow> {
        self.rows()
            .map(|(kind, to, subject, body)| OutboxRow {
                kind,
                to: to.to_owned(),
                subject: subject.to_owned(),
                body: body.to_owned(),
            })
            .collect()
    }

    /// Kind, recipient, subject and body of each mail to write.
    pub fn rows(&self) -> impl Iterator<Item = (&'static str, &str, &str, &str)> {
        self.built.iter().map(|(kind, to, subject, body, _)| {
            (*kind, to.as_str(), subject.as_str(), body.as_str())
        })
    }

    /// The `.eml` copies of the mails, given the outbox ids their rows got
    /// (in the order of [`PreparedMails::rows`]).
    pub fn into_files(self, outbox_dir: &Path, ids: &[i64]) -> MailFiles {
        let files = self
            .built
            .into_iter()
            .zip(ids)
            .map(|((kind, _, _, _, message), id)| {
                (
                    outbox_dir.join(format!("{id:06}-{}-{kind}.eml", self.order_number)),
                    message.formatted(),
                )
            })
            .collect();
        MailFiles {
            files,
            failures: self.failures,
        }
    }
}

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
    let ids = outbox::insert_claimed(conn, mails.order_id, &mails.outbox_rows()).await?;
    Ok(ids.map(|ids| mails.into_files(outbox_dir, &ids)))
}

/// Writes the `.eml` copies of committed outbox rows, every one attempted;
/// `Err` lists what failed (a mail that could not be built, a file).
pub async fn write_files(outbox_dir: &Path, written: MailFiles) -> Result<(), String> {
    let MailFiles {
        files,
        mut failures,
    } = written;
    let (done, finished) = tokio::sync::oneshot::channel();
    let job = FileJob {
        dir: outbox_dir.to_owned(),
        files,
        done,
    };
    match file_writer().send(job) {
        Ok(()) => match finished.await {
            Ok(file_failures) => failures.extend(file_failures),
            Err(_) => failures.push("the mail file writer stopped".to_owned()),
        },
        Err(_) => failures.push("the mail file writer stopped".to_owned()),
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// `.eml` copies to write into a folder, and where to say what failed.
struct FileJob {
    dir: std::path::PathBuf,
    files: Vec<(std::path::PathBuf, Vec<u8>)>,
    done: tokio::sync::oneshot::Sender<Vec<String>>,
}

/// The thread that writes every `.eml` copy of this process, one file after
/// another. Files created at once in one folder contend for the folder's
/// lock: under the order load, blocking tasks writing them concurrently spent
/// a sixth of the server's CPU time spinning on it.
fn file_writer() -> &'static std::sync::mpsc::Sender<FileJob> {
    static WRITER: std::sync::OnceLock<std::sync::mpsc::Sender<FileJob>> =
        std::sync::OnceLock::new();
    WRITER.get_or_init(|| {
        let (jobs, queue) = std::sync::mpsc::channel::<FileJob>();
        let spawned = std::thread::Builder::new()
            .name("zerostep-mail-files".to_owned())
            .spawn(move || {
                while let Ok(job) = queue.recv() {
                    let mut failures = Vec::new();
                    if let Err(err) = std::fs::create_dir_all(&job.dir) {
                        failures.push(format!("{}: {err}", job.dir.display()));
                    }
                    for (file, bytes) in job.files {
                        if let Err(err) = std::fs::write(&file, bytes) {
                            failures.push(format!("{}: {err}", file.display()));
                        }
                    }
                    let _ = job.done.send(failures);
                }
            });
        if let Err(err) = spawned {
            // The receiver is gone with the closure: every write reports it.
            tracing::error!(%err, "the mail file writer could not start");
        }
        jobs
    })
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

/// The recipient's mailbox. An address our own rules accept (the shopper's
/// e-mail as validated at checkout) but lettre's stricter parser refuses is
/// taken as it is: the legacy addresses of Japan's mobile carriers, such as
/// `taro..yamada@docomo.ne.jp` or `taro.@ezweb.ne.jp`, are still delivered
/// by their carriers. Those rules allow address characters only (no spaces,
/// quotes, angle brackets or line breaks), so nothing can reach a header.
fn recipient(to: &str) -> Result<Mailbox, String> {
    match to.parse::<Mailbox>() {
        Ok(mailbox) => Ok(mailbox),
        Err(err) => {
            let email =
                zerostep_domain::contact::Email::parse(to).map_err(|_| format!("{to}: {err}"))?;
            let (user, domain) = email
                .as_ref()
                .rsplit_once('@')
                .ok_or_else(|| format!("{to}: {err}"))?;
            Ok(Mailbox::new(
                None,
                lettre::Address::new_dangerous(user, domain),
            ))
        }
    }
}

fn build_message(from: &str, to: &str, subject: &str, body: &str) -> Result<Message, String> {
    let from = from
        .parse::<Mailbox>()
        .map_err(|e| format!("{from}: {e}"))?;
    let to = recipient(to)?;
    // The envelope is given, not read back from the headers: lettre's parser
    // would drop a legacy carrier address there (see `recipient`).
    let envelope = lettre::address::Envelope::new(Some(from.email.clone()), vec![to.email.clone()])
        .map_err(|e| e.to_string())?;
    Message::builder()
        .from(from)
        .to(to)
        .envelope(envelope)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
        .map_err(|e| e.to_string())
}

fn transport(smtp: &SmtpSettings) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let builder = match smtp.tls {
        SmtpTls::None => {
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str())
        }
        SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| e.to_string())?,
        SmtpTls::Tls => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?
        }
    };
    let builder = builder
        .port(smtp.port)
        .timeout(Some(std::time::Duration::from_secs(20)));
    let builder = match (&smtp.username, &smtp.password) {
        (Some(user), Some(password)) => builder.credentials(Credentials::new(
            user.clone(),
            password.expose_secret().to_owned(),
        )),
        _ => builder,
    };
    Ok(builder.build())
}

/// Sends what the outbox holds unsent through the SMTP relay, oldest first;
/// stops at the first failure (the rest waits for the next run). Returns how many were sent.
pub async fn deliver_pending(
    pool: &crate::store::Pool,
    from: &str,
    smtp: &SmtpSettings,
) -> Result<usize, String> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, recipient, subject, body FROM outbox WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT 50",
    )
    .bind(MAX_ATTEMPTS)
    .fetch_all(pool)
    .await
    .map_err(|e| e.to_string())?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mailer = transport(smtp)?;
    let mut sent = 0;
    let mut errors = Vec::new();
    for (id, to, subject, body) in rows {
        let result = match build_message(from, &to, &subject, &body) {
            Ok(message) => mailer
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| format!("SMTP {}:{}: {e}", smtp.host, smtp.port)),
            Err(e) => Err(e),
        };
        let update = match &result {
            Ok(()) => sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2").bind(crate::store::now_text()).bind(id),
            Err(e) => sqlx::query("UPDATE outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2").bind(e.clone()).bind(id),
        };
        update.execute(pool).await.map_err(|e| e.to_string())?;
        match result {
            Ok(()) => sent += 1,
            Err(e) => errors.push(format!("message {id}: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(sent)
    } else {
        Err(format!("{sent} sent; {}", errors.join("; ")))
    }
}

/// A message that failed this many times is left for a person to look at.
const MAX_ATTEMPTS: i64 = 5;

/// 配送通知メール: the parcel's 問合番号 (and tracking page) to the buyer.
pub async fn queue_shipping_notice(
    pool: &Pool,
    settings: &Settings,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The header lines of a built message, unfolded.
    fn headers(message: &Message) -> Vec<String> {
        let text = String::from_utf8_lossy(&message.formatted()).into_owned();
        let head = text.split("\r\n\r\n").next().unwrap_or_default().to_owned();
        head.replace("\r\n ", " ")
            .replace("\r\n\t", " ")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    /// Japan's mobile carriers still deliver to addresses made before they
    /// enforced RFC 5322 (dots doubled or before the `@`): the サンクスメール
    /// must reach them, not be dropped as unparsable.
    #[test]
    fn legacy_mobile_carrier_addresses_get_their_mail() {
        for to in [
            "taro..yamada@docomo.ne.jp",
            "taro.@ezweb.ne.jp",
            ".taro@softbank.ne.jp",
        ] {
            let message = build_message("shop@example.jp", to, "件名", "本文")
                .unwrap_or_else(|e| panic!("{to}: {e}"));
            assert!(
                headers(&message).contains(&format!("To: {to}")),
                "{to}: {:?}",
                headers(&message)
            );
        }
        // What neither lettre nor our rules accept stays refused.
        for to in [
            "taro yamada@docomo.ne.jp",
            "taro..yamada@docomo",
            "taro..@@docomo.ne.jp",
        ] {
            assert!(
                build_message("shop@example.jp", to, "件名", "本文").is_err(),
                "{to}"
            );
        }
    }

    #[test]
    fn addresses_with_line_breaks_are_refused() {
        for to in [
            "taro@example.jp\r\nBcc: evil@example.com",
            "taro@example.jp\nBcc: evil@example.com",
            "\"Taro\r\nBcc: evil@example.com\" <taro@example.jp>",
            "taro@example.jp, evil@example.com",
        ] {
            assert!(
                build_message("shop@example.jp", to, "件名", "本文").is_err(),
                "{to:?} was accepted"
            );
        }
        // The shopper's address is checked before it gets here, too.
        assert!(zerostep_domain::Email::parse("taro@example.jp\r\nBcc: evil@example.com").is_err());
    }

    #[test]
    fn a_subject_or_body_with_line_breaks_adds_no_header() {
        let hostile = "注文\r\nBcc: evil@example.com\r\nX-Injected: yes";
        let message =
            build_message("shop@example.jp", "taro@example.jp", hostile, hostile).expect("built");
        let headers = headers(&message);
        assert!(
            headers
                .iter()
                .all(|h| !h.starts_with("Bcc:") && !h.starts_with("X-Injected:")),
            "{headers:#?}"
        );
        assert_eq!(headers.iter().filter(|h| h.starts_with("To:")).count(), 1);
        assert_eq!(
            headers.iter().filter(|h| h.starts_with("Subject:")).count(),
            1
        );
    }
}
