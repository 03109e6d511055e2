//! Zerostep's domain: the validated types that both the checkout SPA and the
//! server use, and the JSON shapes (DTOs) of the public API.
//!
//! Every value with rules is a newtype whose constructor is the only way in,
//! and whose `Deserialize` goes through that constructor: decoding JSON *is*
//! validation, on both sides of the wire. This crate does no I/O and depends
//! on no web crate, so its tests run in about a second.

pub mod api;
pub mod money;
pub mod product;
pub mod sku;

pub use api::{ApiErrorBody, Health};
pub use money::{TaxRate, TaxRateError, Yen, YenError};
pub use product::{Product, ProductName, ProductNameError};
pub use sku::{Sku, SkuError};
