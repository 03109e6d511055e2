//! The error every business layer returns: a refusal (a stable
//! [`ErrorCode`] and a [`Text`] from the message catalogue) or an internal
//! failure whose cause goes to the log only. It imports no web crate: the
//! code decides the HTTP status (`ErrorCode::http_status`), and `http::error`
//! turns it into a reply and makes the extractors that produce it.

use zerostep_domain::api::{ErrorCode, Text};

/// An API failure, turned into an HTTP reply by `IntoResponse`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request cannot be served as asked; the client is told why.
    #[error("{code}: {message}")]
    Refused {
        /// Stable identifier (its HTTP status follows from it).
        code: ErrorCode,
        /// Why, in both languages, from the catalogue.
        message: Text,
    },
    /// Something failed on our side; details go to the log only.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A refusal with `code`, explained by `message`.
    pub fn refused(code: ErrorCode, message: Text) -> Self {
        ApiError::Refused { code, message }
    }

    /// An internal error with its cause kept for the log.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }

    /// The code a client sees.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Refused { code, .. } => *code,
            ApiError::Internal(_) => ErrorCode::InternalError,
        }
    }

    /// The text a client sees (a generic one for an internal error).
    pub fn message(&self) -> Text {
        match self {
            ApiError::Refused { message, .. } => message.clone(),
            ApiError::Internal(_) => crate::messages::internal(),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        ApiError::internal(format!("database: {err}"))
    }
}
