//! Building the mails: サンクスメール and 受注通知メール of an order, or,
//! when an order left 確認中 without a payment, the buyer's and the shop's
//! word that it was not completed; in Japanese, as lettre messages
//! (addresses checked by our own rules, so legacy mobile-carrier addresses
//! get their mail).

use std::path::Path;

use lettre::message::{header::ContentType, Mailbox, Message};
use zerostep_domain::checkout::Quote;
use zerostep_domain::order::{Buyer, DeliveryChoice, Recipient};

use crate::store::outbox::OutboxRow;

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
    /// What the mails say of the shop.
    pub texts: &'a super::MailTexts,
}

pub(super) fn order_text(m: &OrderMail<'_>) -> String {
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
    pub(super) files: Vec<(std::path::PathBuf, Vec<u8>)>,
    pub(super) failures: Vec<String>,
}

/// Builds both mails of a completed order.
pub fn prepare_order_mails(from: &str, shop_email: &str, m: &OrderMail<'_>) -> PreparedMails {
    let detail = order_text(m);
    let thanks = format!(
        "{} 様\n\n{}\n\n{detail}\n\n{}",
        m.buyer.name.full(),
        m.texts.thanks(),
        m.texts.signature()
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
            m.texts.subject(&format!(
                "ご注文ありがとうございます（注文番号 {}）",
                m.order_number
            )),
            thanks,
        ),
    ];
    prepare(from, m, mails)
}

/// Both mails of an order that was shown to the shopper as 確認中 and then
/// found not charged: the buyer is told it was not completed and that
/// nothing was charged, the shop that it will not be shipped.
pub fn prepare_not_completed_mails(
    from: &str,
    shop_email: &str,
    m: &OrderMail<'_>,
) -> PreparedMails {
    let detail = order_text(m);
    let buyer = format!(
        "{} 様\n\nこのたびはご注文いただき、誠にありがとうございます。\n確認中としてお受けしたご注文は、お支払いの手続きが完了しなかったため、成立しませんでした。\nカードへのご請求はありません（与信も残っていません）。\nお手数ですが、あらためてご注文ください。\n\n{detail}\n\n{}",
        m.buyer.name.full(),
        m.texts.signature()
    );
    let notice = format!(
        "確認中だったご注文は、決済が完了していなかったため成立しませんでした。発送しないでください。\nご注文者にはその旨をお知らせしました。\n\nご注文者: {} 様 <{}>\n\n{detail}",
        m.buyer.name.full(),
        m.buyer.email
    );
    let mails = [
        (
            "shop_not_completed",
            shop_email.to_owned(),
            format!("【注文不成立】注文番号 {}", m.order_number),
            notice,
        ),
        (
            "not_completed",
            m.buyer.email.as_ref().to_owned(),
            m.texts.subject(&format!(
                "ご注文は成立しませんでした（注文番号 {}）",
                m.order_number
            )),
            buyer,
        ),
    ];
    prepare(from, m, mails)
}

/// Builds each of `mails` (kind, recipient, subject, body) on its own.
fn prepare(
    from: &str,
    m: &OrderMail<'_>,
    mails: [(&'static str, String, String, String); 2],
) -> PreparedMails {
    let mut failures = Vec::new();
    let mut built = Vec::new();
    let sender = m.texts.sender(from);
    for (kind, to, subject, body) in mails {
        let message = sender
            .clone()
            .and_then(|from| build_message(from, &to, &subject, &body));
        match message {
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

/// The recipient's mailbox. An address our own rules accept (the shopper's
/// e-mail as validated at checkout) but lettre's stricter parser refuses is
/// taken as it is: the legacy addresses of Japan's mobile carriers, such as
/// `taro..yamada@docomo.ne.jp` or `taro.@ezweb.ne.jp`, are still delivered
/// by their carriers. Those rules allow address characters only (no spaces,
/// quotes, angle brackets or line breaks), so nothing can reach a header.
pub(super) fn recipient(to: &str) -> Result<Mailbox, String> {
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

pub(super) fn build_message(
    from: Mailbox,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<Message, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shop() -> Mailbox {
        "shop@example.jp".parse().expect("a mailbox")
    }

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
            let message =
                build_message(shop(), to, "件名", "本文").unwrap_or_else(|e| panic!("{to}: {e}"));
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
            assert!(build_message(shop(), to, "件名", "本文").is_err(), "{to}");
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
                build_message(shop(), to, "件名", "本文").is_err(),
                "{to:?} was accepted"
            );
        }
        // The shopper's address is checked before it gets here, too.
        assert!(zerostep_domain::Email::parse("taro@example.jp\r\nBcc: evil@example.com").is_err());
    }

    #[test]
    fn a_subject_or_body_with_line_breaks_adds_no_header() {
        let hostile = "注文\r\nBcc: evil@example.com\r\nX-Injected: yes";
        let message = build_message(shop(), "taro@example.jp", hostile, hostile).expect("built");
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
