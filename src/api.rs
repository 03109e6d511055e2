//! The one typed client of our backend's API. Components never build URLs or
//! parse JSON; every failure becomes an [`ApiError`] with a stable `code`.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use zerostep_domain::{ApiErrorBody, Product};

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

/// `GET /api/products`: the catalogue, tax-included prices.
pub async fn products() -> Result<Vec<Product>, ApiError> {
    get("/products").await
}
