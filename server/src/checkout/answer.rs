//! How a placement ends, and the HTTP status and JSON body it is answered
//! with (stored under the idempotency key and replayed from it).

use zerostep_domain::api::{ApiErrorBody, ErrorCode, Text};
use zerostep_domain::checkout::UnavailableReason;
use zerostep_domain::money::Yen;
use zerostep_domain::order::{OrderOutcome, OrderPlaced};

use crate::messages;
pub use crate::store::idempotency_keys::Reply;

/// Who placed the order, for device detection and the card-testing defence.
#[derive(Debug, Clone)]
pub struct Requester {
    /// Client IP address.
    pub ip: String,
    /// The address's bucket for the card-testing limits (an IPv6 /64).
    pub ip_bucket: String,
    /// The bucket of the browser session the server issued (its nonce), or
    /// the shared one (see `shopper_session`).
    pub session: String,
    /// `User-Agent`.
    pub user_agent: String,
    /// `Host`, for the address 3-D Secure returns to (without a configured one).
    pub host: String,
}

/// How a placement ended, before it becomes an HTTP reply.
#[derive(Debug)]
pub enum Placement {
    /// Complete or pending review.
    Placed(OrderPlaced),
    /// Refused; the order (if one was written) is declined or failed.
    Refused(PlaceOrderError),
}

/// Why an order was not placed, once it was understood (a malformed body or
/// cart is an `ApiError` before this point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceOrderError {
    /// The chosen payment method cannot be used for this order.
    PaymentUnavailable {
        /// Why not.
        reason: UnavailableReason,
        /// Whether the method is the card (its texts are more specific).
        card: bool,
    },
    /// Too many failed card attempts from this shopper.
    TooManyAttempts,
    /// The server's total differs from the one the shopper confirmed.
    PriceChanged {
        /// The total now.
        total: Yen,
    },
    /// The delivery date is not one of those offered.
    InvalidDeliveryDate,
    /// The number of instalments is not offered.
    PayWayNotOffered,
    /// The gateway refused a field of the order before authorizing.
    FieldBreaksGatewayRule {
        /// The field, in the gateway's words.
        field: String,
        /// Yamato's error code.
        code: String,
    },
    /// The card was declined.
    Declined {
        /// Yamato's error code.
        code: String,
        /// The card company's code, when given.
        credit: Option<String>,
        /// The gateway's reason in Japanese, when it gave one.
        reason: Option<String>,
    },
    /// The cardholder's 3-D Secure authentication failed, was cancelled or
    /// could not be trusted; nothing was authorized.
    AuthenticationFailed {
        /// Yamato's error code.
        code: String,
    },
    /// The gateway did not answer and holds no authorization.
    NotCharged,
    /// The card token expired before the authorization.
    TokenExpired,
    /// The gateway is in maintenance.
    Maintenance {
        /// Yamato's error code.
        code: String,
    },
    /// The gateway failed otherwise.
    Gateway {
        /// Yamato's error code.
        code: String,
    },
}

impl PlaceOrderError {
    /// The code the client sees (and so the HTTP status).
    pub fn code(&self) -> ErrorCode {
        match self {
            PlaceOrderError::PaymentUnavailable { .. } => ErrorCode::PaymentMethodUnavailable,
            PlaceOrderError::TooManyAttempts => ErrorCode::TooManyAttempts,
            PlaceOrderError::PriceChanged { .. } => ErrorCode::PriceChanged,
            PlaceOrderError::InvalidDeliveryDate => ErrorCode::InvalidDeliveryDate,
            PlaceOrderError::PayWayNotOffered => ErrorCode::PayWayNotOffered,
            PlaceOrderError::FieldBreaksGatewayRule { .. } => ErrorCode::InvalidField,
            PlaceOrderError::Declined { .. } => ErrorCode::CardDeclined,
            PlaceOrderError::AuthenticationFailed { .. } => ErrorCode::AuthenticationFailed,
            PlaceOrderError::NotCharged => ErrorCode::GatewayUnavailable,
            PlaceOrderError::TokenExpired => ErrorCode::TokenExpired,
            PlaceOrderError::Maintenance { .. } => ErrorCode::GatewayMaintenance,
            PlaceOrderError::Gateway { .. } => ErrorCode::GatewayError,
        }
    }

    /// What the shopper reads, from the catalogue.
    pub fn message(&self) -> Text {
        match self {
            PlaceOrderError::PaymentUnavailable { reason, card } => reason.text(*card),
            PlaceOrderError::TooManyAttempts => messages::too_many_attempts(),
            PlaceOrderError::PriceChanged { total } => {
                messages::price_changed(&total.to_string(), &total.grouped())
            }
            PlaceOrderError::InvalidDeliveryDate => messages::invalid_delivery_date(),
            PlaceOrderError::PayWayNotOffered => messages::pay_way_not_offered(),
            PlaceOrderError::FieldBreaksGatewayRule { field, code } => {
                messages::field_breaks_gateway_rule(field, code)
            }
            PlaceOrderError::Declined {
                code,
                credit,
                reason,
            } => {
                let support = credit
                    .as_deref()
                    .map_or_else(|| code.clone(), |c| format!("{code}, {c}"));
                messages::card_declined(reason.as_deref(), &support)
            }
            PlaceOrderError::AuthenticationFailed { code } => messages::authentication_failed(code),
            PlaceOrderError::NotCharged => messages::not_charged(),
            PlaceOrderError::TokenExpired => messages::token_expired(),
            PlaceOrderError::Maintenance { code } => messages::gateway_maintenance(code),
            PlaceOrderError::Gateway { code } => messages::gateway_error(code),
        }
    }
}

/// The status and JSON body of a placement's answer.
pub fn answer(placement: &Placement) -> Reply {
    match placement {
        Placement::Placed(placed) => Reply {
            status: match placed.outcome {
                OrderOutcome::Complete => 201,
                OrderOutcome::PendingReview | OrderOutcome::Authenticate => 202,
            },
            body: serde_json::to_string(placed).unwrap_or_default(),
        },
        Placement::Refused(error) => error_reply(error.code(), error.message()),
    }
}

/// The `{code, message}` answer of an API error, with its code's status.
pub fn error_reply(code: ErrorCode, message: Text) -> Reply {
    Reply {
        status: code.http_status(),
        body: serde_json::to_string(&ApiErrorBody { code, message }).unwrap_or_default(),
    }
}

/// What [`place`] ends with: the answer, and whether it is already stored
/// under the idempotency key (an authorized order records it in the
/// transaction that completes the order).
#[derive(Debug)]
pub struct Answered {
    /// The HTTP status and body.
    pub reply: Reply,
    /// Stored under the key with the order's completion.
    pub stored: bool,
}

impl From<Placement> for Answered {
    fn from(placement: Placement) -> Self {
        Answered {
            reply: answer(&placement),
            stored: false,
        }
    }
}

impl From<PlaceOrderError> for Placement {
    fn from(error: PlaceOrderError) -> Self {
        Placement::Refused(error)
    }
}

impl From<PlaceOrderError> for Answered {
    fn from(error: PlaceOrderError) -> Self {
        Placement::Refused(error).into()
    }
}

/// The card was declined: Yamato's code (and the card company's) for support,
/// and the gateway's reason when there is one.
pub(crate) fn declined(code: &str, credit: Option<&str>, reason_ja: Option<&str>) -> Placement {
    Placement::Refused(PlaceOrderError::Declined {
        code: code.to_owned(),
        credit: credit.map(str::to_owned),
        reason: reason_ja.map(str::to_owned),
    })
}
