//! A client for Yamato Transport's クロネコwebコレクト gateway, token method.
//!
//! This crate knows where the gateway lives in each mode and how its URLs are
//! formed (`reference/webcollect-protocol.md` §1). The typed requests and
//! replies of each function (A08, A06, A07, A11, E01, E02, E04, H01) build on
//! [`Endpoints`].

pub mod endpoints;

pub use endpoints::{Action, Endpoints, GatewayMode, GatewayModeError};
