//! The merchant's session: `POST /api/admin/login`, `POST /api/admin/logout`
//! and `GET /api/admin/session`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use zerostep_domain::api::admin::{LoginRequest, SessionInfo};
use zerostep_domain::api::ErrorCode;

use crate::auth::{self, device, AnyAdmin, LoginAttempt, LoginOutcome};
use crate::error::ApiError;
use crate::http::client_ip::{bucket, of_request};
use crate::http::error::ApiJson;
use crate::http::extract::{cookie, secure_request};
use crate::messages;
use crate::services::Services;

/// Logs in; sets the HttpOnly session cookie and the known-browser cookie,
/// and returns the CSRF token. Refusals: 401 `invalid_credentials` (an
/// unknown login too), 401 `totp_required` / `invalid_totp`, 423
/// `account_locked` (a known login or not), 429 `rate_limited` for the address.
pub async fn login(
    State(state): State<Services>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let ip = of_request(peer.ip(), &headers, &state.config.trusted_proxies);
    let (ip, ip_bucket) = (ip.to_string(), bucket(ip));
    let secure = secure_request(&headers, &state.config);
    let attempt = LoginAttempt {
        login: &req.login,
        password: &req.password,
        code: req.code.as_deref(),
        ip: &ip,
        ip_bucket: &ip_bucket,
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default(),
        device: cookie(&headers, device::cookie_name(secure)),
    };
    match auth::login(&state.pool, &state.session_key, &state.sealer, attempt).await? {
        LoginOutcome::Ok {
            token,
            csrf,
            device: known,
            must_change_password,
        } => Ok((
            AppendHeaders([
                (header::SET_COOKIE, auth::cookie(&token, secure)),
                (header::SET_COOKIE, device::cookie(&known, secure)),
            ]),
            Json(SessionInfo {
                login: req.login,
                csrf_token: csrf,
                must_change_password,
            }),
        )
            .into_response()),
        LoginOutcome::Invalid => Err(ApiError::refused(
            ErrorCode::InvalidCredentials,
            messages::invalid_credentials(),
        )),
        LoginOutcome::Locked => Err(ApiError::refused(
            ErrorCode::AccountLocked,
            messages::account_locked(),
        )),
        LoginOutcome::TotpRequired => Err(ApiError::refused(
            ErrorCode::TotpRequired,
            messages::totp_required(),
        )),
        LoginOutcome::InvalidTotp => Err(ApiError::refused(
            ErrorCode::InvalidTotp,
            messages::invalid_totp(),
        )),
        LoginOutcome::AddressLimited(secs) => Ok(crate::http::error::rate_limited(
            messages::too_many_logins(secs),
            secs,
        )),
    }
}

/// Logs out.
pub async fn logout(
    State(state): State<Services>,
    headers: HeaderMap,
    AnyAdmin(user): AnyAdmin,
) -> Result<Response, ApiError> {
    auth::logout(&state.pool, &user).await?;
    let cookie = auth::cookie("", secure_request(&headers, &state.config));
    Ok(([(header::SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

/// The current session (for the admin SPA after a reload).
pub async fn session(AnyAdmin(user): AnyAdmin) -> Json<SessionInfo> {
    Json(SessionInfo {
        login: user.login,
        csrf_token: user.csrf,
        must_change_password: user.must_change_password,
    })
}
