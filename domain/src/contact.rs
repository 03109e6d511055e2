//! E-mail address and telephone number, as the card gateway accepts them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{fullwidth_to_ascii, is_dash};

/// Longest e-mail address (A08 `buyer_email`).
const MAX_EMAIL: usize = 64;

/// Why an e-mail address is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    /// Empty.
    #[error("required")]
    Empty,
    /// Longer than 64 characters.
    #[error("at most {MAX_EMAIL} characters")]
    TooLong,
    /// No `@`, or more than one.
    #[error("must contain one @")]
    MissingAt,
    /// The part before `@` is empty or has characters mail does not allow.
    #[error("the part before @ is invalid")]
    InvalidLocal,
    /// The domain is not like `example.jp`.
    #[error("the domain is invalid")]
    InvalidDomain,
}

/// An e-mail address: ≤ 64 ASCII characters, `local@domain.tld`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address; full-width characters typed by an IME are folded.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = fullwidth_to_ascii(input).trim().to_owned();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.chars().count() > MAX_EMAIL {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = match s.split_once('@') {
            Some((l, d)) if !d.contains('@') => (l, d),
            _ => return Err(EmailError::MissingAt),
        };
        let local_ok = !local.is_empty()
            && local.chars().all(|c| {
                c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".chars().any(|s| s == c)
            });
        if !local_ok {
            return Err(EmailError::InvalidLocal);
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !domain_ok {
            return Err(EmailError::InvalidDomain);
        }
        Ok(Email(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The mailbox the address reaches, for counting attempts per person:
    /// lower-case, with a `+tag` dropped from the local part, so that
    /// `Taro+1@Example.jp` and `taro+2@example.jp` count as one.
    pub fn mailbox(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        let local = local.split_once('+').map_or(local, |(base, _)| base);
        // `+tag` alone (`+x@…`) keeps its whole local part: an empty one
        // would put every such address in one bucket.
        let local = if local.is_empty() {
            self.0.split_once('@').map_or("", |(l, _)| l)
        } else {
            local
        };
        format!("{}@{domain}", local.to_ascii_lowercase())
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a phone number is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Empty.
    #[error("required")]
    Empty,
    /// A character other than digits, hyphens and spaces.
    #[error("only digits and hyphens (found {0:?})")]
    InvalidChar(char),
    /// Japanese numbers start with 0 (or +81).
    #[error("must start with 0")]
    NoLeadingZero,
    /// Not 10 or 11 digits.
    #[error("must have 10 or 11 digits (found {0})")]
    DigitCount(usize),
}

/// A Japanese telephone number: 10 or 11 digits starting with 0, hyphens
/// kept as typed (so 8–13 characters, as A08 `buyer_tel` requires).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Parses a number: full-width digits, IME dashes, spaces and `+81` are normalised.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let folded: String = fullwidth_to_ascii(input)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if is_dash(c) { '-' } else { c })
            .collect();
        if folded.is_empty() {
            return Err(PhoneError::Empty);
        }
        let national = match folded.strip_prefix("+81") {
            Some(rest) => format!("0{}", rest.trim_start_matches('-')),
            None => folded,
        };
        if let Some(c) = national
            .chars()
            .find(|c| !(c.is_ascii_digit() || *c == '-'))
        {
            return Err(PhoneError::InvalidChar(c));
        }
        let compact: String = national
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let digits = compact.chars().filter(char::is_ascii_digit).count();
        if !compact.starts_with('0') {
            return Err(PhoneError::NoLeadingZero);
        }
        if !(10..=11).contains(&digits) {
            return Err(PhoneError::DigitCount(digits));
        }
        // More than two hyphens could exceed A08's 13 characters: keep digits only then.
        if compact.len() > 13 {
            return Ok(Phone(
                compact.chars().filter(char::is_ascii_digit).collect(),
            ));
        }
        Ok(Phone(compact))
    }

    /// Digits only (`09012345678`).
    pub fn digits(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Phone::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_mailbox_whatever_its_case_or_tag() {
        let mailbox = |s: &str| Email::parse(s).expect("valid").mailbox();
        assert_eq!(mailbox("Taro+1@Example.jp"), "taro@example.jp");
        assert_eq!(mailbox("taro+2+3@example.jp"), "taro@example.jp");
        assert_eq!(mailbox("TARO@example.jp"), "taro@example.jp");
        assert_eq!(mailbox("+x@example.jp"), "+x@example.jp");
        assert_ne!(mailbox("hanako@example.jp"), mailbox("taro@example.jp"));
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Taro.Y+shop@Example.JP ").map(String::from),
            Ok("Taro.Y+shop@example.jp".to_owned())
        );
        assert_eq!(
            Email::parse("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ").map(String::from),
            Ok("taro@example.jp".to_owned())
        );
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert_eq!(Email::parse("taro.example.jp"), Err(EmailError::MissingAt));
        assert_eq!(Email::parse("a@b@example.jp"), Err(EmailError::MissingAt));
        assert_eq!(Email::parse("@example.jp"), Err(EmailError::InvalidLocal));
        assert_eq!(
            Email::parse("太郎@example.jp"),
            Err(EmailError::InvalidLocal)
        );
        assert_eq!(
            Email::parse("taro@localhost"),
            Err(EmailError::InvalidDomain)
        );
        assert_eq!(Email::parse("taro@-x.jp"), Err(EmailError::InvalidDomain));
        assert_eq!(
            Email::parse("taro@example..jp"),
            Err(EmailError::InvalidDomain)
        );
        let at_limit = format!("{}@example.jp", "a".repeat(53));
        assert!(Email::parse(&at_limit).is_ok());
        assert_eq!(
            Email::parse(&format!("a{at_limit}")),
            Err(EmailError::TooLong)
        );
    }

    #[test]
    fn phones() {
        let p = |s| Phone::parse(s).map(String::from);
        assert_eq!(p("090-1234-5678"), Ok("090-1234-5678".to_owned()));
        assert_eq!(p("09012345678"), Ok("09012345678".to_owned()));
        assert_eq!(p("０３ー１２３４ー５６７８"), Ok("03-1234-5678".to_owned()));
        assert_eq!(p("+81 90 1234 5678"), Ok("09012345678".to_owned()));
        assert_eq!(p("03--1234--5678"), Ok("03-1234-5678".to_owned()));
        assert_eq!(p(""), Err(PhoneError::Empty));
        assert_eq!(p("03(1234)5678"), Err(PhoneError::InvalidChar('(')));
        assert_eq!(p("3-1234-5678"), Err(PhoneError::NoLeadingZero));
        assert_eq!(p("03-1234-567"), Err(PhoneError::DigitCount(9)));
        assert_eq!(p("090-1234-56789"), Err(PhoneError::DigitCount(12)));
        assert_eq!(
            Phone::parse("090-1234-5678").map(|p| p.digits()),
            Ok("09012345678".to_owned())
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn valid_phones_fit_the_gateway(input in "[0-9０-９ー－ +-]{0,20}") {
                if let Ok(phone) = Phone::parse(&input) {
                    let s: &str = phone.as_ref();
                    prop_assert!((8..=13).contains(&s.len()), "{}", s);
                    prop_assert!(s.chars().all(|c| c.is_ascii_digit() || c == '-'));
                    prop_assert_eq!(Phone::parse(s), Ok(phone.clone()));
                }
            }

            #[test]
            fn valid_emails_fit_the_gateway(input in "\\PC{0,70}") {
                if let Ok(email) = Email::parse(&input) {
                    prop_assert!(email.as_ref().chars().count() <= 64);
                    prop_assert!(email.as_ref().is_ascii());
                    prop_assert_eq!(Email::parse(email.as_ref()), Ok(email.clone()));
                }
            }
        }
    }
}
