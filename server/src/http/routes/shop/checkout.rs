//! `GET /api/checkout/config` and `POST /api/quotes`: what the purchase page
//! offers, and the server's prices for a cart (client prices are never used).

use axum::extract::State;
use axum::Json;

use zerostep_domain::api::proof::ProofChallenge;
use zerostep_domain::checkout::{CheckoutConfig, Quote, QuoteRequest};

use crate::checkout::proof_of_work;
use crate::checkout::{checkout_config, price_request};
use crate::error::ApiError;
use crate::guard::shopper_session::unix_now;
use crate::http::error::ApiJson;
use crate::http::extract::presented_session;
use crate::services::Services;

/// The purchase page's payment and delivery choices, and the shopper's
/// session: the one the request brings (`X-Zerostep-Session`) while it is
/// fresh, else a new one. (Like every `/api` answer, never cached.)
pub async fn config(
    State(state): State<Services>,
    headers: axum::http::HeaderMap,
) -> Result<Json<CheckoutConfig>, ApiError> {
    let session = state
        .session_key
        .renew(presented_session(&headers), unix_now());
    Ok(Json(checkout_config(
        &*state.shop().await?,
        &state.gateway,
        session,
    )?))
}

/// A proof-of-work challenge for a card order while the shop-wide velocity
/// guard is on (see `checkout::proof_of_work`).
pub async fn challenge(State(state): State<Services>) -> Json<ProofChallenge> {
    Json(proof_of_work::challenge(
        &state.session_key,
        state.config.proof_of_work_max,
        unix_now(),
    ))
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
