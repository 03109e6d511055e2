//! The API's error replies, and the extractors whose rejections produce them.
//!
//! Every non-2xx reply has the body `{code, message: {ja, en}}`, with the
//! status its code is mapped to (`ErrorCode::http_status`). Server errors
//! carry a generic message, and their cause goes to the log, never to the
//! client.

use axum::extract::rejection::JsonRejection;
use axum::extract::FromRequest;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use zerostep_domain::api::{ApiErrorBody, ErrorCode};

use crate::error::ApiError;
use crate::messages;

fn body_too_large() -> ApiError {
    ApiError::refused(ErrorCode::BodyTooLarge, messages::body_too_large())
}

impl From<axum::extract::rejection::BytesRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::BytesRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return body_too_large();
        }
        ApiError::refused(
            ErrorCode::InvalidBody,
            messages::unreadable_body(&rejection.body_text()),
        )
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return body_too_large();
        }
        let code = match rejection {
            JsonRejection::MissingJsonContentType(_) => {
                return ApiError::refused(ErrorCode::UnsupportedMediaType, messages::not_json())
            }
            JsonRejection::JsonSyntaxError(_) => ErrorCode::InvalidJson,
            JsonRejection::JsonDataError(_) => ErrorCode::InvalidField,
            _ => ErrorCode::InvalidBody,
        };
        ApiError::refused(code, messages::invalid_body(&rejection.body_text()))
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        ApiError::refused(
            ErrorCode::InvalidPath,
            messages::invalid_path(&rejection.body_text()),
        )
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        ApiError::refused(
            ErrorCode::InvalidQuery,
            messages::invalid_query(&rejection.body_text()),
        )
    }
}

/// The status an error code is answered with.
fn status_of(code: ErrorCode) -> StatusCode {
    StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        let code = self.code();
        let body = ApiErrorBody {
            code,
            message: self.message(),
        };
        (status_of(code), Json(body)).into_response()
    }
}

/// 429 `rate_limited` with `message`, and `Retry-After: {secs}`.
pub fn rate_limited(message: zerostep_domain::api::Text, secs: u64) -> Response {
    let code = ErrorCode::RateLimited;
    (
        status_of(code),
        [(axum::http::header::RETRY_AFTER, secs.to_string())],
        Json(ApiErrorBody { code, message }),
    )
        .into_response()
}

/// `Json<T>` whose rejection is an [`ApiError`], so a malformed body gets
/// our error shape instead of axum's plain text.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

/// `Path<T>` whose rejection (a segment that is not a number, bad
/// percent-encoding) is an [`ApiError`] with our error shape.
#[derive(Debug, Clone, Copy, Default, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `Query<T>` whose rejection is an [`ApiError`] with our error shape.
#[derive(Debug, Clone, Copy, Default, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);
