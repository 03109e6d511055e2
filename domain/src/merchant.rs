//! What the merchant types into the admin for the gateway, parsed once:
//! the 加盟店コード and the アクセスキー. The access key is a secret: its
//! `Debug` shows nothing, and it has no `Display` or `Serialize`.

use std::fmt;

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
}
