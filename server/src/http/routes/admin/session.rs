//! The merchant's session: `POST /api/admin/login`, `POST /api/admin/logout`
//! and `GET /api/admin/session`.

use zerostep_domain::api::ErrorCode;

use crate::auth::{self, AdminUser, LoginOutcome};
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use zerostep_domain::api::admin::{LoginRequest, SessionInfo};

/// Logs in; sets the HttpOnly session cookie and returns the CSRF token.
pub async fn login(
    State(state): State<Services>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    match auth::login(&state.pool, &req.login, &req.password).await? {
        LoginOutcome::Ok { token, csrf } => {
            let cookie = auth::cookie(
                &token,
                crate::http::extract::secure_request(&headers, &state.config),
            );
            Ok((
                [(header::SET_COOKIE, cookie)],
                Json(SessionInfo {
                    login: req.login,
                    csrf_token: csrf,
                }),
            )
                .into_response())
        }
        LoginOutcome::Invalid => Err(ApiError::refused(
            ErrorCode::InvalidCredentials,
            crate::messages::invalid_credentials(),
        )),
        LoginOutcome::Locked => Err(ApiError::refused(
            ErrorCode::AccountLocked,
            crate::messages::account_locked(),
        )),
    }
}

/// Logs out.
pub async fn logout(
    State(state): State<Services>,
    headers: HeaderMap,
    user: AdminUser,
) -> Result<Response, ApiError> {
    auth::logout(&state.pool, &user).await?;
    let cookie = auth::cookie(
        "",
        crate::http::extract::secure_request(&headers, &state.config),
    );
    Ok(([(header::SET_COOKIE, cookie)], StatusCode::NO_CONTENT).into_response())
}

/// The current session (for the admin SPA after a reload).
pub async fn session(user: AdminUser) -> Json<SessionInfo> {
    Json(SessionInfo {
        login: user.login,
        csrf_token: user.csrf,
    })
}
