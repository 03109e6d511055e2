//! `GET /api/checkout/config` and `POST /api/quotes`: what the purchase page
//! offers, and the server's prices for a cart (client prices are never used).

use axum::extract::State;
use axum::Json;

use zerostep_domain::checkout::{CheckoutConfig, Quote, QuoteRequest};

use crate::checkout::{checkout_config, price_request};
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;

/// The purchase page's payment and delivery choices.
pub async fn config(State(state): State<Services>) -> Result<Json<CheckoutConfig>, ApiError> {
    Ok(Json(checkout_config(
        &*state.shop().await?,
        &state.gateway,
    )?))
}

/// Prices a cart for an address; see [`zerostep_domain::checkout::price`].
pub async fn quote(
    State(state): State<Services>,
    headers: axum::http::HeaderMap,
    ApiJson(req): ApiJson<QuoteRequest>,
) -> Result<Json<Quote>, ApiError> {
    let ua = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    Ok(Json(price_request(&*state.shop().await?, &req, ua)?))
}
