//! Stock-keeping unit codes: how products are named in carts and orders.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The longest SKU accepted.
const MAX_LEN: usize = 32;

/// A product code: 1–32 of `A–Z`, `0–9` and `-`, starting with a letter or
/// digit. Lower-case input is upper-cased, so `tea-01` and `TEA-01` are one
/// product.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Sku(String);

/// Why a string is not a SKU.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkuError {
    /// Nothing was given.
    #[error("SKU must not be empty")]
    Empty,
    /// Longer than 32 characters.
    #[error("SKU must be at most {MAX_LEN} characters")]
    TooLong,
    /// A character other than A–Z, 0–9 and `-`.
    #[error("SKU may contain only A-Z, 0-9 and '-' (found {0:?})")]
    InvalidChar(char),
    /// Starts with `-`.
    #[error("SKU must start with a letter or digit")]
    LeadingHyphen,
}

impl Sku {
    /// Parses a SKU, upper-casing ASCII letters.
    pub fn parse(input: &str) -> Result<Self, SkuError> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(SkuError::Empty);
        }
        if code.chars().count() > MAX_LEN {
            return Err(SkuError::TooLong);
        }
        if let Some(bad) = code
            .chars()
            .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(SkuError::InvalidChar(bad));
        }
        if code.starts_with('-') {
            return Err(SkuError::LeadingHyphen);
        }
        Ok(Sku(code))
    }
}

impl TryFrom<String> for Sku {
    type Error = SkuError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Sku::parse(&value)
    }
}

impl From<Sku> for String {
    fn from(value: Sku) -> Self {
        value.0
    }
}

impl AsRef<str> for Sku {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sku {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_valid_codes() {
        assert_eq!(
            Sku::parse("tea-01").map(String::from),
            Ok("TEA-01".to_owned())
        );
        assert_eq!(Sku::parse("  A1 ").map(String::from), Ok("A1".to_owned()));
        assert!(Sku::parse(&"X".repeat(32)).is_ok());
    }

    #[test]
    fn names_the_rule_that_failed() {
        assert_eq!(Sku::parse(""), Err(SkuError::Empty));
        assert_eq!(Sku::parse("   "), Err(SkuError::Empty));
        assert_eq!(Sku::parse(&"X".repeat(33)), Err(SkuError::TooLong));
        assert_eq!(Sku::parse("TEA 01"), Err(SkuError::InvalidChar(' ')));
        assert_eq!(Sku::parse("お茶"), Err(SkuError::InvalidChar('お')));
        assert_eq!(Sku::parse("-TEA"), Err(SkuError::LeadingHyphen));
        assert_eq!(Sku::parse("TEA';--"), Err(SkuError::InvalidChar('\'')));
    }

    #[test]
    fn json_decoding_validates() {
        assert_eq!(
            serde_json::from_str::<Sku>("\"cup-1\"").ok(),
            Sku::parse("CUP-1").ok()
        );
        assert!(serde_json::from_str::<Sku>("\"\"").is_err());
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn never_panics_and_valid_output_reparses(input in "\\PC{0,40}") {
                if let Ok(sku) = Sku::parse(&input) {
                    prop_assert_eq!(Sku::parse(sku.as_ref()), Ok(sku.clone()));
                    prop_assert!(sku.as_ref().len() <= MAX_LEN);
                }
            }
        }
    }
}
