//! `POST /api/orders` and what follows it, by journey.

mod card_defence;
mod idempotency;
mod mail;
mod placement;
mod rate_limits;
mod reconciliation;
mod three_d_secure;
mod velocity_guard;
