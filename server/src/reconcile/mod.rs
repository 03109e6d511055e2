//! The background work that brings orders to the gateway's truth: unknown
//! A08 outcomes, merchant operations whose answer was lost, and shipped
//! orders waiting for settlement. `app::jobs` runs it on a timer.

mod lost_operations;
mod unknown_outcomes;

pub use lost_operations::{reconcile_operations, sync_awaiting};
pub use unknown_outcomes::reconcile_once;
