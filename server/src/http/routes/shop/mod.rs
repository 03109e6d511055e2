//! The shopper's API: health, products, the purchase page's settings and
//! quotes, orders, postal codes, payment logos and CSP reports. It answers CORS requests
//! from the origins allowed to embed the checkout.

pub mod checkout;
pub mod csp_reports;
pub mod health;
pub mod orders;
pub mod payment_logos;
pub mod postal_codes;
pub mod products;
pub mod three_d;
