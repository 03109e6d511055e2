//! The purchase page's sections, top to bottom: the cart, the buyer and the
//! recipient (with their addresses), delivery, payment, and the order
//! summary beside them.

pub mod address;
pub mod buyer;
pub mod cart;
pub mod delivery;
pub mod payment;
pub mod summary;
