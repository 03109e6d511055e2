//! Reusable components of the checkout SPA.

pub mod announcer;
pub mod header;
pub mod product_card;
