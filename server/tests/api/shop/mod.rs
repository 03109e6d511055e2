//! What the shopper's pages ask: the catalogue, the checkout's settings,
//! prices and postal codes.

mod checkout_config;
mod openapi;
mod postal_codes;
mod products;
mod quotes;
