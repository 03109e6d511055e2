//! A client for Yamato Transport's クロネコwebコレクト gateway, token method.
//!
//! - [`endpoints`]: where the gateway lives in each mode, and its URLs.
//! - [`rules`]: the field rules of each API function, with Yamato's codes;
//!   shared with the sandbox so both enforce one definition.
//! - [`codes`]: every error code in Japanese and English, with its kind.
//! - [`xml`]: the `<return>` reply document.
//! - [`three_d`]: 3-D Secure's return POST, start page and risk data.
//! - [`client`]: typed requests and replies over HTTP.
//!
//! The protocol is described in `reference/webcollect-protocol.md`.

pub mod client;
pub mod codes;
pub mod endpoints;
pub mod rules;
pub mod three_d;
/// Text rules, shared with the domain crate (one definition of JIS X 0208).
pub use zerostep_domain::text;
pub mod xml;

pub use client::{
    A08Reply, Authorized, Client, ClientConfig, CreditToken, CreditToken3D, DeliveryService,
    DeviceDiv, Error, GatewayError, ShipmentEntered, ThreeDRequest, ThreeDSecureStart, TradeInfo,
    TransportError, TransportKind,
};
pub use codes::ErrorKind;
pub use endpoints::{Action, Endpoints, GatewayMode, GatewayModeError};
