//! The public API, one file per resource.

pub mod checkout;
mod health;
mod orders;
mod postal_codes;
mod products;

use axum::routing::{get, post};
use axum::Router;

use crate::{ApiError, AppState};

/// Routes under `/api`.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/products", get(products::list))
        .route("/checkout/config", get(checkout::config))
        .route("/quotes", post(checkout::quote))
        .route("/orders", post(orders::create))
        .route("/postal-codes/{code}", get(postal_codes::lookup))
        .fallback(|| async {
            ApiError::NotFound("指定された API はありません。/ No such API endpoint.")
        })
}
