//! What guards the shopper's endpoints against abuse (security review H1,
//! M2, M3), below the services that use it: the sessions the server issues
//! and signs, and the rate limits on the shopper's writes. The shop-wide
//! velocity guard, which reads the shop's settings and orders, is
//! `checkout::proof_of_work`.

pub mod rate_limits;
pub mod shopper_session;
