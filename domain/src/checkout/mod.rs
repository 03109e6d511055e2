//! The purchase page's API shapes and the pricing rules behind `POST /api/quotes`.
//!
//! Pricing lives here, with no I/O, so its rules are tested in a second: lines
//! are tax-included (総額表示); the shipping fee is taxed at the standard
//! rate; consumption tax is computed once per rate over the whole order.
//!
//! - [`cart`]: lines and quantities;
//! - [`payment`]: payment methods and the token script's settings;
//! - [`delivery`]: delivery methods, dates and time slots;
//! - [`quote`]: the purchase page's settings and a cart's quote;
//! - [`pricing`]: `price()` and each payment method's availability;
//! - [`postal`]: postal-code lookups.
//!
//! Everything is re-exported here, so `checkout::Quote` names it wherever it lives.

pub mod cart;
pub mod delivery;
pub mod payment;
pub mod postal;
pub mod pricing;
pub mod quote;

pub use cart::*;
pub use delivery::*;
pub use payment::*;
pub use postal::*;
pub use pricing::*;
pub use quote::*;
