//! Products of the shop's catalogue, as the API lists them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Sku, TaxRate, Yen};

/// The longest product name accepted, in characters.
const MAX_NAME_CHARS: usize = 100;

/// A product's display name: 1–100 characters, no control characters,
/// surrounding white space removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct ProductName(String);

/// Why a string is not a product name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProductNameError {
    /// Nothing but white space.
    #[error("product name must not be empty")]
    Empty,
    /// More than 100 characters.
    #[error("product name must be at most {MAX_NAME_CHARS} characters")]
    TooLong,
    /// Contains a control character (newline, tab, NUL…).
    #[error("product name must not contain control characters")]
    ControlChar,
}

impl ProductName {
    /// Parses a product name.
    pub fn parse(input: &str) -> Result<Self, ProductNameError> {
        let name = input.trim();
        if name.is_empty() {
            return Err(ProductNameError::Empty);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(ProductNameError::TooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(ProductNameError::ControlChar);
        }
        Ok(ProductName(name.to_owned()))
    }
}

impl TryFrom<String> for ProductName {
    type Error = ProductNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        ProductName::parse(&value)
    }
}

impl From<ProductName> for String {
    fn from(value: ProductName) -> Self {
        value.0
    }
}

impl AsRef<str> for ProductName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProductName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A product as `GET /api/products` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    /// The product's code.
    pub sku: Sku,
    /// Its display name.
    pub name: ProductName,
    /// Its name in English, when the shop gave one (Japanese otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<ProductName>,
    /// Unit price, consumption tax included (総額表示).
    pub price: Yen,
    /// The consumption-tax rate that applies to it.
    pub tax_rate: TaxRate,
}

impl Product {
    /// The tax contained in one unit's price (for display only: orders round
    /// once per rate over all lines).
    pub fn unit_tax(&self) -> Yen {
        self.tax_rate.included_tax(self.price)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(
            ProductName::parse("  静岡煎茶 100g ").map(String::from),
            Ok("静岡煎茶 100g".to_owned())
        );
        assert_eq!(ProductName::parse(" \t"), Err(ProductNameError::Empty));
        assert_eq!(
            ProductName::parse("a\nb"),
            Err(ProductNameError::ControlChar)
        );
        assert_eq!(
            ProductName::parse(&"茶".repeat(101)),
            Err(ProductNameError::TooLong)
        );
        assert!(ProductName::parse(&"茶".repeat(100)).is_ok());
    }

    #[test]
    fn product_json_is_validated_field_by_field() {
        let ok = r#"{"sku":"TEA-01","name":"煎茶","price":1080,"tax_rate":8}"#;
        let product: Product = serde_json::from_str(ok).expect("valid product");
        assert_eq!(product.unit_tax(), Yen::new(80).expect("valid"));

        for bad in [
            r#"{"sku":"","name":"煎茶","price":1080,"tax_rate":8}"#,
            r#"{"sku":"TEA-01","name":"","price":1080,"tax_rate":8}"#,
            r#"{"sku":"TEA-01","name":"煎茶","price":-1,"tax_rate":8}"#,
            r#"{"sku":"TEA-01","name":"煎茶","price":1080,"tax_rate":5}"#,
        ] {
            assert!(serde_json::from_str::<Product>(bad).is_err(), "{bad}");
        }
    }
}
