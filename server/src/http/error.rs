//! The API's error replies, and the extractors whose rejections produce them.
//!
//! Every non-2xx reply has the body `{code, message}`. Client errors carry a
//! stable `code` and a bilingual message; server errors carry a generic
//! message, and their cause goes to the log, never to the client.

use axum::extract::rejection::JsonRejection;
use axum::extract::FromRequest;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use zerostep_domain::ApiErrorBody;

use crate::error::ApiError;

fn body_too_large() -> ApiError {
    ApiError::Status {
        status: 413,
        code: "body_too_large",
        message:
            "リクエストが大きすぎます（2 MB まで）。/ The request body is too large (2 MB at most)."
                .to_owned(),
    }
}

impl From<axum::extract::rejection::BytesRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::BytesRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return body_too_large();
        }
        ApiError::BadRequest {
            code: "invalid_body",
            message: format!(
                "リクエストの内容を読み取れませんでした。/ The request body could not be read: {}",
                rejection.body_text()
            ),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return body_too_large();
        }
        let code = match rejection {
            JsonRejection::MissingJsonContentType(_) => return ApiError::UnsupportedMediaType,
            JsonRejection::JsonSyntaxError(_) => "invalid_json",
            JsonRejection::JsonDataError(_) => "invalid_field",
            _ => "invalid_body",
        };
        ApiError::BadRequest {
            code,
            message: format!(
                "リクエストの内容が正しくありません。/ The request body is invalid: {}",
                rejection.body_text()
            ),
        }
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        ApiError::BadRequest {
            code: "invalid_path",
            message: format!(
                "URL の指定が正しくありません。/ The URL is invalid: {}",
                rejection.body_text()
            ),
        }
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        ApiError::BadRequest {
            code: "invalid_query",
            message: format!(
                "検索条件が正しくありません。/ The query is invalid: {}",
                rejection.body_text()
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, message) = match self {
            ApiError::NotFound(message) => (StatusCode::NOT_FOUND, "not_found", message.to_owned()),
            ApiError::Status { status, code, message } => {
                (StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST), code, message)
            }
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "リクエストは JSON（Content-Type: application/json）で送ってください。/ Send the request as JSON (Content-Type: application/json).".to_owned(),
            ),
            ApiError::NotFoundWithCode { code, message } => (StatusCode::NOT_FOUND, code, message),
            ApiError::BadRequest { code, message } => (StatusCode::BAD_REQUEST, code, message),
            ApiError::Unprocessable { code, message } => (StatusCode::UNPROCESSABLE_ENTITY, code, message),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    "サーバーで問題が発生しました。時間をおいて再度お試しください。/ Something went wrong on our side; please try again later.".to_owned(),
                )
            }
        };
        (
            status,
            Json(ApiErrorBody {
                code: code.to_owned(),
                message,
            }),
        )
            .into_response()
    }
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
