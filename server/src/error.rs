//! The error the business layers return while they are still shaped by
//! the HTTP status they end in (an interim step: per-operation error enums
//! will replace it). It imports no web crate; `http::error` turns it into a
//! reply and makes the extractors that produce it.

/// An API failure, turned into an HTTP reply by `IntoResponse`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No such resource or endpoint; the message says which, in Japanese and English.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// A resource was not found, with its own stable code.
    #[error("{code}: {message}")]
    NotFoundWithCode {
        /// Stable identifier, e.g. `postal_code_not_found`.
        code: &'static str,
        /// Bilingual explanation.
        message: String,
    },
    /// The request was understood but is invalid.
    #[error("{code}: {message}")]
    BadRequest {
        /// Stable identifier, e.g. `invalid_json`.
        code: &'static str,
        /// Bilingual explanation naming the field and the rule.
        message: String,
    },
    /// The body is not JSON (415).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The request is well-formed but refers to something that cannot be used (422).
    #[error("{code}: {message}")]
    Unprocessable {
        /// Stable identifier, e.g. `unknown_sku`.
        code: &'static str,
        /// Bilingual explanation.
        message: String,
    },
    /// Any other client error with its own status (401, 403, 409, 423, …).
    #[error("{code}: {message}")]
    Status {
        /// HTTP status.
        status: u16,
        /// Stable identifier.
        code: &'static str,
        /// Bilingual explanation.
        message: String,
    },
    /// Something failed on our side; details go to the log only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// An internal error with its cause kept for the log.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::internal(format!("database: {err}"))
    }
}
