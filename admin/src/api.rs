//! The admin SPA's one client of `/api/admin/...`. The session cookie travels
//! by itself (same origin); state-changing calls add the session's CSRF token.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zerostep_domain::ApiErrorBody;

/// A failed call, with the server's code and message as received.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// Stable code (`not_authenticated`, `gateway_refused`, …).
    pub code: String,
    /// The message to show.
    pub message: String,
}

fn network(e: impl std::fmt::Display) -> ApiError {
    ApiError {
        code: "network".into(),
        message: format!("サーバーに接続できません。/ Cannot reach the server: {e}"),
    }
}

/// The logged-in session.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Session {
    /// Login name.
    pub login: String,
    /// CSRF token for state-changing calls.
    pub csrf_token: String,
}

async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    response
        .json::<ApiErrorBody>()
        .await
        .map(|b| ApiError {
            code: b.code,
            message: b.message,
        })
        .unwrap_or_else(|_| ApiError {
            code: "http".into(),
            message: format!("HTTP {status}"),
        })
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response.json::<T>().await.map_err(network)
    } else {
        Err(error_of(response).await)
    }
}

/// `GET` a JSON resource.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(
        Request::get(&format!("/api/admin{path}"))
            .send()
            .await
            .map_err(network)?,
    )
    .await
}

/// Sends JSON with the CSRF token (the builder names the method); `Ok(())` on any 2xx.
async fn send_json(
    request: gloo_net::http::RequestBuilder,
    csrf: &str,
    body: &impl Serialize,
) -> Result<(), ApiError> {
    let response = request
        .header("X-CSRF-Token", csrf)
        .json(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

/// `POST` with the CSRF token; `Ok(())` on any 2xx.
pub async fn post(path: &str, csrf: &str, body: &impl Serialize) -> Result<(), ApiError> {
    send_json(Request::post(&format!("/api/admin{path}")), csrf, body).await
}

/// `PUT` JSON with the CSRF token; `Ok(())` on any 2xx.
pub async fn put(path: &str, csrf: &str, body: &impl Serialize) -> Result<(), ApiError> {
    send_json(Request::put(&format!("/api/admin{path}")), csrf, body).await
}

/// `POST /api/admin/login`.
pub async fn login(login: String, password: String) -> Result<Session, ApiError> {
    #[derive(Serialize)]
    struct Body {
        login: String,
        password: String,
    }
    let response = Request::post("/api/admin/login")
        .json(&Body { login, password })
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    decode(response).await
}

/// `GET /api/admin/session`: `None` when not logged in.
pub async fn session() -> Result<Option<Session>, ApiError> {
    match get::<Session>("/session").await {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.code == "not_authenticated" => Ok(None),
        Err(e) => Err(e),
    }
}
