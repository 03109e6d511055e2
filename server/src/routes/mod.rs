//! The public API, one file per resource.

mod health;
mod products;

use axum::routing::get;
use axum::Router;

use crate::{ApiError, AppState};

/// Routes under `/api`.
pub fn api() -> Router<AppState> {
    Router::new()
        .route("/health", get(health::health))
        .route("/products", get(products::list))
        .fallback(|| async {
            ApiError::NotFound("指定された API はありません。/ No such API endpoint.")
        })
}
