//! What the merchant types into the admin for the gateway, parsed once:
//! the 加盟店コード, the アクセスキー, a 問い合わせ番号 and the 対応種別. The
//! access key is a secret: its `Debug` shows nothing, and it has no
//! `Display` or `Serialize`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// 加盟店コード: 1-20 ASCII letters and digits (Yamato's are 9 digits).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TraderCode(String);

/// A 加盟店コード that breaks the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a trader code is 1-20 letters and digits")]
pub struct TraderCodeError;

impl TraderCode {
    /// The code in `text` (surrounding spaces are ignored).
    pub fn parse(text: &str) -> Result<TraderCode, TraderCodeError> {
        let code = text.trim();
        if code.is_empty() || code.len() > 20 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(TraderCodeError);
        }
        Ok(TraderCode(code.to_owned()))
    }
}

impl AsRef<str> for TraderCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// アクセスキー: 1-32 ASCII letters and digits (Yamato's are 7 digits). A
/// secret: it only ever leaves through [`AccessKey::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct AccessKey(String);

/// An アクセスキー that breaks the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an access key is 1-32 letters and digits")]
pub struct AccessKeyError;

impl AccessKey {
    /// The key in `text` (surrounding spaces are ignored).
    pub fn parse(text: &str) -> Result<AccessKey, AccessKeyError> {
        let key = text.trim();
        if key.is_empty() || key.len() > 32 || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(AccessKeyError);
        }
        Ok(AccessKey(key.to_owned()))
    }

    /// The key itself, for the checksum and for storing it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessKey(***)")
    }
}

/// 対応種別: the kind of device a payment method is offered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// PC.
    Pc,
    /// スマートフォン.
    Smartphone,
}

impl Channel {
    /// Both, in display order.
    pub const ALL: [Channel; 2] = [Channel::Pc, Channel::Smartphone];

    /// The stored and wire spelling (`pc`, `smartphone`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Pc => "pc",
            Channel::Smartphone => "smartphone",
        }
    }

    /// The seed's label (PC, スマートフォン).
    pub const fn label(self) -> &'static str {
        match self {
            Channel::Pc => "PC",
            Channel::Smartphone => "スマートフォン",
        }
    }

    /// The channels in a stored list (`pc,smartphone`); unknown entries are
    /// ignored.
    pub fn parse_list(stored: &str) -> Vec<Channel> {
        Channel::ALL
            .into_iter()
            .filter(|c| stored.split(',').any(|s| s.trim() == c.as_str()))
            .collect()
    }

    /// `channels` as stored (`pc,smartphone`), each once, in display order.
    pub fn store_list(channels: &[Channel]) -> String {
        Channel::ALL
            .into_iter()
            .filter(|c| channels.contains(c))
            .map(Channel::as_str)
            .collect::<Vec<_>>()
            .join(",")
    }
}

crate::wire::wire_enum! {
    /// Who carries the parcel (配送サービス), which decides a slip's form.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Carrier {
        /// ヤマト運輸 (`00`): 12 digits, typed with or without hyphens.
        Yamato => "yamato",
        /// その他 (`99`): the other carrier's reference as typed.
        Other => "other",
    }
}

impl Carrier {
    /// The carrier of a 配送サービス setting: `99` その他, anything else
    /// (`00`, or none saved) ヤマト運輸.
    pub fn of_service(code: Option<&str>) -> Carrier {
        if code == Some("99") {
            Carrier::Other
        } else {
            Carrier::Yamato
        }
    }

    /// Its name as merchants read it.
    pub fn label(self) -> &'static str {
        match self {
            Carrier::Yamato => "ヤマト運輸",
            Carrier::Other => "その他",
        }
    }
}

/// 問い合わせ番号 (a shipping slip number) as the merchant typed it, made
/// ready for E01: trimmed, and for Yamato without hyphens. Its format
/// (digits, length, the check digit) is the gateway's rule, checked by
/// `zerostep_webcollect::rules` with Yamato's error codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlipNo(String);

/// A slip number with nothing in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a slip number is required")]
pub struct SlipNoError;

impl SlipNo {
    /// The slip in `text` for `carrier`.
    pub fn parse(text: &str, carrier: Carrier) -> Result<SlipNo, SlipNoError> {
        let text = text.trim();
        let slip: String = match carrier {
            Carrier::Yamato => text.chars().filter(|c| *c != '-').collect(),
            Carrier::Other => text.to_owned(),
        };
        if slip.is_empty() {
            return Err(SlipNoError);
        }
        Ok(SlipNo(slip))
    }
}

impl AsRef<str> for SlipNo {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Whether a Yamato slip number's last digit is its first eleven digits mod 7.
pub fn yamato_check_digit_ok(slip: &str) -> bool {
    if slip.len() != 12 || !slip.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (body, check) = slip.split_at(11);
    match (body.parse::<u64>(), check.parse::<u64>()) {
        (Ok(body), Ok(check)) => body % 7 == check,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trader_codes_are_letters_and_digits_up_to_20() {
        assert_eq!(
            TraderCode::parse(" 999999999 ").map(|c| c.as_ref().to_owned()),
            Ok("999999999".to_owned())
        );
        for bad in ["", " ", "888-888", "８８８", &"9".repeat(21)] {
            assert_eq!(TraderCode::parse(bad), Err(TraderCodeError), "{bad:?}");
        }
    }

    #[test]
    fn access_keys_parse_and_never_show_in_debug() {
        let key = AccessKey::parse("7654321").expect("a key");
        assert_eq!(key.expose(), "7654321");
        assert_eq!(format!("{key:?}"), "AccessKey(***)");
        assert!(!format!("{:?}", Some(key)).contains("7654321"));
        for bad in ["", "76543x!", &"1".repeat(33)] {
            assert_eq!(AccessKey::parse(bad), Err(AccessKeyError), "{bad:?}");
        }
    }

    #[test]
    fn channels_are_stored_as_a_list_in_display_order() {
        assert_eq!(
            Channel::parse_list("smartphone, pc,tablet"),
            vec![Channel::Pc, Channel::Smartphone]
        );
        assert_eq!(
            Channel::store_list(&[Channel::Smartphone, Channel::Pc, Channel::Pc]),
            "pc,smartphone"
        );
        assert_eq!(
            serde_json::to_string(&Channel::Smartphone).expect("test value"),
            "\"smartphone\""
        );
        assert!(serde_json::from_str::<Channel>("\"tablet\"").is_err());
    }

    #[test]
    fn a_slip_is_trimmed_and_a_yamato_slip_loses_its_hyphens() {
        let yamato = SlipNo::parse(" 1234-5678-9012 ", Carrier::Yamato).expect("test value");
        assert_eq!(yamato.as_ref(), "123456789012");
        let other = SlipNo::parse(" AB-12 ", Carrier::Other).expect("test value");
        assert_eq!(other.as_ref(), "AB-12");
        assert_eq!(SlipNo::parse(" - ", Carrier::Yamato), Err(SlipNoError));
        assert_eq!(SlipNo::parse("  ", Carrier::Other), Err(SlipNoError));
    }

    #[test]
    fn the_check_digit_is_the_first_eleven_digits_mod_7() {
        // 12345678901 % 7 == 3.
        assert!(yamato_check_digit_ok("123456789013"));
        assert!(!yamato_check_digit_ok("123456789010"));
        assert!(!yamato_check_digit_ok("12345678901"));
        assert!(!yamato_check_digit_ok("12345678901a"));
    }
}
