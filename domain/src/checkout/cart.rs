//! The cart's lines: a product and a quantity, within the limits.

use serde::{Deserialize, Serialize};

use crate::Sku;

/// How many of one product a cart line may hold.
pub const MAX_QUANTITY: u8 = 99;

/// How many lines a cart may hold.
pub const MAX_LINES: usize = 50;

/// A quantity from 1 to 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "i64", into = "u8")]
pub struct Quantity(u8);

/// Not a quantity from 1 to 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("quantity must be 1 to {MAX_QUANTITY} (got {0})")]
pub struct QuantityError(pub i64);

impl Quantity {
    /// Parses a quantity.
    pub fn new(n: i64) -> Result<Self, QuantityError> {
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=MAX_QUANTITY).contains(n))
            .map(Quantity)
            .ok_or(QuantityError(n))
    }

    /// The number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Quantity {
    type Error = QuantityError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Quantity::new(value)
    }
}

impl From<Quantity> for u8 {
    fn from(value: Quantity) -> Self {
        value.0
    }
}

/// One line of a cart as the browser sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CartLine {
    /// The product.
    pub sku: Sku,
    /// How many.
    pub quantity: Quantity,
}
