//! Reusable components of the checkout SPA.

pub mod announcer;
pub mod field;
pub mod header;
pub mod product_card;
