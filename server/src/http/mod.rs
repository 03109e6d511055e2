//! The HTTP layer: error replies and extractors, security headers, the
//! front ends (SPAs and the embeddable widget), and one file per route group.
//! Only this layer (and `app`, which assembles it) imports axum.

pub mod client_ip;
pub mod embed;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod request_id;
pub mod routes;
pub mod security;
pub mod spa;
