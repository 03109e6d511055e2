//! What a shop's mails say of it, from 基本設定: its name (in each subject
//! and as the sender's name), its signature and the opening words of the
//! サンクスメール and the 配送通知メール, with standard wording for what the
//! merchant left empty. Nothing here is any one shop's.

use lettre::message::Mailbox;

pub use zerostep_domain::api::admin::{STANDARD_SHIPPING, STANDARD_THANKS};

/// A shop's mail texts, the standard ones filled in.
#[derive(Debug, Clone)]
pub struct MailTexts {
    shop_name: String,
    signature: String,
    thanks: String,
    shipping: String,
}

impl MailTexts {
    /// The texts from 基本設定: an empty signature is the shop's name, an
    /// empty opening the standard wording.
    pub fn new(shop_name: &str, signature: &str, thanks: &str, shipping: &str) -> Self {
        let or = |text: &str, standard: &str| {
            let text = text.trim();
            if text.is_empty() {
                standard.to_owned()
            } else {
                text.to_owned()
            }
        };
        let shop_name = shop_name.trim().to_owned();
        MailTexts {
            signature: or(signature, &shop_name),
            thanks: or(thanks, STANDARD_THANKS),
            shipping: or(shipping, STANDARD_SHIPPING),
            shop_name,
        }
    }

    /// A subject: `【shop name】what`, or `what` for a shop not yet named.
    pub fn subject(&self, what: &str) -> String {
        if self.shop_name.is_empty() {
            what.to_owned()
        } else {
            format!("【{}】{what}", self.shop_name)
        }
    }

    /// The lines that close a mail to a shopper.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The サンクスメール's opening words.
    pub fn thanks(&self) -> &str {
        &self.thanks
    }

    /// The 配送通知メール's opening words.
    pub fn shipping(&self) -> &str {
        &self.shipping
    }

    /// The sender: the configured address, named after the shop unless the
    /// configuration names it (`Shop <shop@example.jp>`).
    pub fn sender(&self, configured: &str) -> Result<Mailbox, String> {
        let mailbox = configured
            .parse::<Mailbox>()
            .map_err(|e| format!("{configured}: {e}"))?;
        Ok(match (&mailbox.name, self.shop_name.is_empty()) {
            (None, false) => Mailbox::new(Some(self.shop_name.clone()), mailbox.email),
            _ => mailbox,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_texts_are_the_standard_ones_and_the_signature_is_the_name() {
        let t = MailTexts::new(" 山田商店 ", "", "  ", "");
        assert_eq!(t.signature(), "山田商店");
        assert_eq!(t.thanks(), STANDARD_THANKS);
        assert_eq!(t.shipping(), STANDARD_SHIPPING);
        assert_eq!(
            t.subject("商品を発送しました"),
            "【山田商店】商品を発送しました"
        );
    }

    #[test]
    fn a_shop_without_a_name_gets_plain_subjects() {
        let t = MailTexts::new("", "", "", "");
        assert_eq!(
            t.subject("ご注文ありがとうございます"),
            "ご注文ありがとうございます"
        );
        assert_eq!(t.signature(), "");
    }

    #[test]
    fn the_sender_is_named_after_the_shop_unless_configured_with_a_name() {
        let t = MailTexts::new("山田 \"商店\", 本店", "", "", "");
        let named = t.sender("shop@example.jp").expect("a mailbox");
        assert_eq!(named.name.as_deref(), Some("山田 \"商店\", 本店"));
        assert_eq!(named.email.to_string(), "shop@example.jp");
        let kept = t.sender("Other <other@example.jp>").expect("a mailbox");
        assert_eq!(kept.name.as_deref(), Some("Other"));
        assert!(t.sender("not an address").is_err());
    }
}
