//! Zerostep's domain: the validated types that both the checkout SPA and the
//! server use, and the JSON shapes (DTOs) of the public API.
//!
//! Every value with rules is a newtype whose constructor is the only way in,
//! and whose `Deserialize` goes through that constructor: decoding JSON *is*
//! validation, on both sides of the wire. This crate does no I/O and depends
//! on no web crate, so its tests run in about a second.

pub mod address;
pub mod api;
pub mod card;
pub mod checkout;
pub mod contact;
pub mod money;
pub mod order;
pub mod person;
pub mod product;
pub mod sku;
pub mod text;

pub use address::{
    Address, AddressLine, AddressLineError, PostalCode, PostalCodeError, Prefecture,
    PrefectureError,
};
pub use api::{ApiErrorBody, Health};
pub use contact::{Email, EmailError, Phone, PhoneError};
pub use money::{TaxRate, TaxRateError, Yen, YenError};
pub use person::{Kana, KanaError, NamePart, NamePartError, PersonName, PersonNameError};
pub use product::{Product, ProductName, ProductNameError};
pub use sku::{Sku, SkuError};
