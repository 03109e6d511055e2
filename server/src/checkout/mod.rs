//! The shopper's checkout: what the purchase page offers, the server's
//! prices, placing an order (re-pricing, the order row, A08, and with 3-D
//! Secure the authentication and A09), and what became of an order whose
//! outcome was unknown.

mod a08_outcome;
mod answer;
mod config;
mod mails;
mod outcome;
mod place_order;
mod pricing;
pub mod proof_of_work;
mod three_d;
mod three_d_return;

pub use answer::{answer, error_reply, Answered, PlaceOrderError, Placement, Reply, Requester};
pub use config::checkout_config;
pub use mails::{send_mails, send_not_completed_mails};
pub use outcome::{answer_for, resolve_unknown, Resolved};
pub use place_order::{goods_name, place};
pub use pricing::price_request;
pub use three_d_return::{close_abandoned, finish_authentication, settle_three_d, ReturnOutcome};
