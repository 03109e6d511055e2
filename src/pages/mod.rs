//! One module per route of the checkout SPA.

pub mod checkout;
pub mod complete;
pub mod not_found;
pub mod shop;
