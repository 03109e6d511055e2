//! What a call to the gateway can end with, split by what the caller must
//! do: fix the input, show the gateway's refusal, or treat the outcome as
//! unknown (a transport failure is never a decline).

use crate::codes::{describe, describe_credit_error, ErrorKind};
use crate::rules::FieldError;

/// Why a call did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A field broke a gateway rule; nothing was sent.
    #[error("invalid field {}: {} ({})", .0.field, .0.code, describe(&.0.code).en)]
    Invalid(FieldError),
    /// The gateway answered with an error.
    #[error("{0}")]
    Gateway(GatewayError),
    /// No usable answer: the outcome is unknown.
    #[error("{0}")]
    Transport(TransportError),
}

/// An error the gateway answered with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("gateway error {code}{}: {en}", credit_error_code.as_deref().map(|c| format!(" ({c})")).unwrap_or_default())]
pub struct GatewayError {
    /// `errorCode`, e.g. `A082000010`.
    pub code: String,
    /// `creditErrorCode` (C/G code from the card network), when given.
    pub credit_error_code: Option<String>,
    /// What kind of failure it is.
    pub kind: ErrorKind,
    /// Japanese explanation (with the card network's reason when given).
    pub ja: String,
    /// English explanation.
    pub en: String,
}

impl GatewayError {
    /// Builds the error for `code` (and `creditErrorCode`) from the catalogue.
    pub fn from_codes(code: &str, credit_error_code: Option<&str>) -> Self {
        let info = describe(code);
        let (mut ja, mut en) = (info.ja.into_owned(), info.en.into_owned());
        if let Some(cg) = credit_error_code {
            let (cja, cen) = describe_credit_error(cg);
            ja = format!("{ja}（{cg}: {cja}）");
            en = format!("{en} ({cg}: {cen})");
        }
        GatewayError {
            code: code.to_owned(),
            credit_error_code: credit_error_code.map(str::to_owned),
            kind: info.kind,
            ja,
            en,
        }
    }
}

/// How a call failed in transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No reply within the client's timeout.
    Timeout,
    /// Could not connect.
    Connect,
    /// The connection broke while the reply was being read.
    Reset,
    /// An HTTP status other than 200.
    Status(u16),
    /// The body was not a `<return>` document.
    BadReply,
}

/// A transport failure: the gateway may or may not have acted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("gateway unreachable or unreadable ({kind:?}): {detail}")]
pub struct TransportError {
    /// What failed.
    pub kind: TransportKind,
    /// Details for the log.
    pub detail: String,
}

pub(crate) fn transport(kind: TransportKind, detail: impl std::fmt::Display) -> Error {
    Error::Transport(TransportError {
        kind,
        detail: detail.to_string(),
    })
}
