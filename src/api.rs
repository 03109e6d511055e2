//! The one typed client of our backend's API. Components never build URLs or
//! parse JSON; every failure becomes an [`ApiError`] with a stable `code`.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use zerostep_domain::checkout::{CheckoutConfig, PostalLookup, Quote, QuoteRequest};
use zerostep_domain::{ApiErrorBody, PostalCode, Product};

/// A failed API call: the server's `{code, message}`, or a local code for a
/// network or decoding failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} ({code})")]
pub struct ApiError {
    /// Stable identifier: the server's, or `network` / `bad_response`.
    pub code: String,
    /// Human-readable text.
    pub message: String,
}

impl ApiError {
    fn network(err: impl std::fmt::Display) -> Self {
        ApiError {
            code: "network".to_owned(),
            message: format!("サーバーに接続できませんでした。/ Could not reach the server: {err}"),
        }
    }

    fn bad_response(err: impl std::fmt::Display) -> Self {
        ApiError {
            code: "bad_response".to_owned(),
            message: format!("サーバーの応答を読み取れませんでした。/ The server's reply could not be read: {err}"),
        }
    }
}

/// Path prefix of the API (same origin as the SPA).
const API: &str = "/api";

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json::<T>().await.map_err(ApiError::bad_response);
    }
    let status = response.status();
    match response.json::<ApiErrorBody>().await {
        Ok(body) => Err(ApiError {
            code: body.code,
            message: body.message,
        }),
        Err(_) => Err(ApiError::bad_response(format!("HTTP {status}"))),
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(&format!("{API}{path}"))
        .send()
        .await
        .map_err(ApiError::network)?;
    decode(response).await
}

async fn post<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let request = Request::post(&format!("{API}{path}"))
        .json(body)
        .map_err(ApiError::bad_response)?;
    let response = request.send().await.map_err(ApiError::network)?;
    decode(response).await
}

/// `GET /api/products`: the catalogue, tax-included prices.
pub async fn products() -> Result<Vec<Product>, ApiError> {
    get("/products").await
}

/// `GET /api/checkout/config`: payment and delivery choices.
pub async fn checkout_config() -> Result<CheckoutConfig, ApiError> {
    get("/checkout/config").await
}

/// `POST /api/quotes`: the server's prices for the cart and address.
pub async fn quote(request: QuoteRequest) -> Result<Quote, ApiError> {
    post("/quotes", &request).await
}

/// `GET /api/postal-codes/{code}`: `Ok(None)` when the code is unknown.
pub async fn postal_lookup(code: PostalCode) -> Result<Option<PostalLookup>, ApiError> {
    match get(&format!("/postal-codes/{}", code.digits())).await {
        Ok(found) => Ok(Some(found)),
        Err(e) if e.code == "postal_code_not_found" => Ok(None),
        Err(e) => Err(e),
    }
}
