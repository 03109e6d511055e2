//! Why a merchant operation was refused, and what the merchant reads.

use zerostep_domain::api::{ErrorCode, Text};

use crate::error::ApiError;
use crate::messages;

/// A refused or failed payment operation (E01, A11, A06, A07, E04).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OperationError {
    /// No order has this number.
    #[error("no such order")]
    NoSuchOrder,
    /// The order is not a card order with an authorization.
    #[error("not an authorized card order")]
    NotAnAuthorizedCardOrder,
    /// Another operation holds the order's lease.
    #[error("another operation is in progress")]
    Busy,
    /// E01 without a slip number.
    #[error("slip number required")]
    SlipRequired,
    /// E01 on an order that has a slip or is not 与信完了.
    #[error("a slip cannot be registered now")]
    SlipNotAllowed,
    /// A11 after a slip was registered.
    #[error("re-authorization after a slip")]
    ReauthAfterSlip,
    /// E02 on an order without a slip.
    #[error("no slip to withdraw")]
    NoSlip,
    /// E02 once the parcel is settled (or the payment left 精算確定待ち).
    #[error("the slip can no longer be withdrawn")]
    SlipSettled,
    /// 再与信 of a cancelled order (only 取消を取り消して再与信 does that).
    #[error("re-authorization of a cancelled order")]
    ReauthCancelled,
    /// 取消を取り消して再与信 of an order that is not cancelled.
    #[error("the order is not cancelled")]
    NotCancelled,
    /// 配送通知メール for a slip whose notice went out already.
    #[error("the shipping notice was sent")]
    NoticeAlreadySent,
    /// 金額変更 above the amount authorized now, not confirmed as an increase.
    #[error("an increase above the authorized {authorized} yen was not confirmed")]
    IncreaseNotConfirmed {
        /// The amount authorized now.
        authorized: i64,
    },
    /// A bulk item whose order changed since the list was made.
    #[error("no longer eligible")]
    NoLongerEligible,
    /// The gateway refused the operation.
    #[error("the gateway refused: {code}")]
    GatewayRefused {
        /// Yamato's error code.
        code: String,
        /// Yamato's text for it.
        text: Text,
    },
    /// The gateway found a field invalid.
    #[error("the gateway found a field invalid: {code}")]
    InvalidField {
        /// Yamato's error code.
        code: String,
        /// Yamato's text for it.
        text: Text,
    },
    /// The gateway did not answer; the reconciler will ask it.
    #[error("the gateway did not answer")]
    Unanswered,
    /// Something failed on our side (the database).
    #[error("internal error: {0}")]
    Internal(String),
}

impl OperationError {
    /// An internal error with its cause kept for the log.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        OperationError::Internal(cause.to_string())
    }

    /// The code the client sees (and so the HTTP status).
    pub fn code(&self) -> ErrorCode {
        match self {
            OperationError::NoSuchOrder => ErrorCode::NotFound,
            OperationError::NotAnAuthorizedCardOrder
            | OperationError::SlipNotAllowed
            | OperationError::ReauthAfterSlip
            | OperationError::ReauthCancelled
            | OperationError::NotCancelled
            | OperationError::NoSlip
            | OperationError::SlipSettled
            | OperationError::NoticeAlreadySent => ErrorCode::NotAllowedInThisState,
            OperationError::Busy => ErrorCode::OrderBusy,
            OperationError::IncreaseNotConfirmed { .. } => ErrorCode::IncreaseNotConfirmed,
            OperationError::SlipRequired => ErrorCode::SlipRequired,
            OperationError::NoLongerEligible => ErrorCode::NotEligible,
            OperationError::GatewayRefused { .. } => ErrorCode::GatewayRefused,
            OperationError::InvalidField { .. } => ErrorCode::InvalidField,
            OperationError::Unanswered => ErrorCode::GatewayUnavailable,
            OperationError::Internal(_) => ErrorCode::InternalError,
        }
    }

    /// What the merchant reads, from the catalogue.
    pub fn message(&self) -> Text {
        match self {
            OperationError::NoSuchOrder => messages::no_such_order(),
            OperationError::NotAnAuthorizedCardOrder => messages::not_an_authorized_card_order(),
            OperationError::Busy => messages::order_busy(),
            OperationError::IncreaseNotConfirmed { authorized } => {
                messages::increase_not_confirmed(*authorized)
            }
            OperationError::SlipRequired => messages::slip_required(),
            OperationError::SlipNotAllowed => messages::slip_not_allowed(),
            OperationError::ReauthAfterSlip => messages::reauth_after_slip(),
            OperationError::ReauthCancelled => messages::reauth_cancelled(),
            OperationError::NoSlip => messages::no_slip(),
            OperationError::SlipSettled => messages::slip_settled(),
            OperationError::NotCancelled => messages::not_cancelled(),
            OperationError::NoticeAlreadySent => messages::notice_already_sent(),
            OperationError::NoLongerEligible => messages::no_longer_eligible(),
            OperationError::GatewayRefused { code, text }
            | OperationError::InvalidField { code, text } => messages::gateway_says(text, code),
            OperationError::Unanswered => messages::operation_unanswered(),
            OperationError::Internal(_) => messages::internal(),
        }
    }
}

impl From<sqlx::Error> for OperationError {
    fn from(err: sqlx::Error) -> Self {
        OperationError::internal(format!("database: {err}"))
    }
}

impl From<OperationError> for ApiError {
    fn from(err: OperationError) -> Self {
        match err {
            OperationError::Internal(cause) => ApiError::Internal(cause),
            refused => ApiError::refused(refused.code(), refused.message()),
        }
    }
}
