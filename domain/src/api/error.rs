//! The API's error contract: a stable [`ErrorCode`], a [`Text`] in both
//! languages, and the HTTP status each code is answered with (decided here,
//! in one place, for every layer).
//!
//! The server's wording lives in its message catalogue, the SPA's in its
//! own; this module holds only what both sides must agree on.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Something said to a person, in Japanese and in English. Clients show
/// the language their user chose; nothing ever splits a string to find one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Text {
    /// 日本語 (the default language).
    pub ja: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A fixed text. (Owned strings, not `Cow`: the SPAs' first load is
    /// smaller without the borrowed case, and a catalogue entry is a function.)
    pub fn fixed(ja: &'static str, en: &'static str) -> Text {
        Text::new(ja, en)
    }

    /// A text built at run time.
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The text in English when `english`, else in Japanese.
    pub fn get(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.ja
        }
    }
}

impl fmt::Display for Text {
    /// Japanese, then English (for logs and the admin's plain lists).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.ja, self.en)
    }
}

macro_rules! error_codes {
    ($( $(#[$doc:meta])* $variant:ident = $wire:literal => $status:literal, )*) => {
        /// The stable, machine-readable reason of an API error (`code` on the
        /// wire, in snake case). Clients branch on it; people read the [`Text`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $(#[$doc])* $variant, )*
            /// A code this build does not know (a newer server's).
            Unknown,
        }

        impl ErrorCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code as it is written on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $wire,)*
                    ErrorCode::Unknown => "unknown",
                }
            }

            /// The HTTP status the API answers this code with: the one place
            /// errors are mapped to HTTP. Codes only a client raises (its
            /// network failed, the token script did not load) are never
            /// answered by the server and map to 500.
            pub const fn http_status(self) -> u16 {
                match self {
                    $(ErrorCode::$variant => $status,)*
                    ErrorCode::Unknown => 500,
                }
            }
        }
    };
}

error_codes! {
    // The request itself.
    /// No such resource or endpoint.
    NotFound = "not_found" => 404,
    /// The body is not JSON of the expected shape.
    InvalidJson = "invalid_json" => 400,
    /// A field is missing or breaks its rule (the message names both).
    InvalidField = "invalid_field" => 400,
    /// The body could not be read.
    InvalidBody = "invalid_body" => 400,
    /// A path parameter is malformed.
    InvalidPath = "invalid_path" => 400,
    /// A query parameter is malformed.
    InvalidQuery = "invalid_query" => 400,
    /// The body is not sent as `application/json`.
    UnsupportedMediaType = "unsupported_media_type" => 415,
    /// The body is over 2 MB.
    BodyTooLarge = "body_too_large" => 413,
    /// The headers are over their limit.
    HeadersTooLarge = "headers_too_large" => 431,
    /// The URL is over its limit.
    UriTooLong = "uri_too_long" => 414,
    /// Something failed on our side (the cause is in the log only).
    InternalError = "internal_error" => 500,

    // The purchase page.
    /// The postal code is not 7 digits.
    InvalidPostalCode = "invalid_postal_code" => 400,
    /// No address is known for the postal code.
    PostalCodeNotFound = "postal_code_not_found" => 404,
    /// The cart has no lines.
    EmptyCart = "empty_cart" => 400,
    /// The cart has more lines than allowed.
    TooManyLines = "too_many_lines" => 400,
    /// A quantity is out of range.
    InvalidQuantity = "invalid_quantity" => 400,
    /// A product is not on sale.
    UnknownSku = "unknown_sku" => 422,
    /// No such delivery method.
    UnknownDeliveryMethod = "unknown_delivery_method" => 422,
    /// The total cannot be represented.
    AmountTooLarge = "amount_too_large" => 400,
    /// The delivery date is not one of the choices offered.
    InvalidDeliveryDate = "invalid_delivery_date" => 422,
    /// The number of instalments is not offered.
    PayWayNotOffered = "pay_way_not_offered" => 422,
    /// The payment method cannot be used for this order.
    PaymentMethodUnavailable = "payment_method_unavailable" => 422,
    /// The total changed since the shopper confirmed it.
    PriceChanged = "price_changed" => 409,

    // Placing an order.
    /// `Idempotency-Key` is missing or malformed.
    InvalidIdempotencyKey = "invalid_idempotency_key" => 400,
    /// The key was used with another body.
    IdempotencyKeyReused = "idempotency_key_reused" => 422,
    /// The request with the same key is still at work.
    RequestInProgress = "request_in_progress" => 409,
    /// The key was withdrawn: no order, no charge.
    OrderWithdrawn = "order_withdrawn" => 409,
    /// Too many failed card attempts from this shopper.
    TooManyAttempts = "too_many_attempts" => 429,
    /// Too many orders (or abandons) from this address or session in a
    /// minute; `Retry-After` says when to try again.
    RateLimited = "rate_limited" => 429,
    /// The shop is under a card-testing attack: a card order must bring a
    /// solved proof of work (`GET /api/checkout/challenge`).
    ProofRequired = "proof_required" => 428,
    /// The proof of work is wrong, expired or used already: solve a new one.
    ProofInvalid = "proof_invalid" => 428,
    /// The card was declined.
    CardDeclined = "card_declined" => 402,
    /// The cardholder's 3-D Secure authentication failed or was cancelled.
    AuthenticationFailed = "authentication_failed" => 402,
    /// The card token expired before the authorization.
    TokenExpired = "token_expired" => 422,
    /// The gateway did not answer.
    GatewayUnavailable = "gateway_unavailable" => 502,
    /// The gateway is in maintenance.
    GatewayMaintenance = "gateway_maintenance" => 503,
    /// The gateway answered with an error that is not a decline.
    GatewayError = "gateway_error" => 502,

    // The merchant admin.
    /// Not logged in.
    NotAuthenticated = "not_authenticated" => 401,
    /// The CSRF token is missing or wrong.
    CsrfFailed = "csrf_failed" => 403,
    /// Wrong login or password.
    InvalidCredentials = "invalid_credentials" => 401,
    /// Locked after repeated failed logins (the same answer whether or not
    /// the login exists).
    AccountLocked = "account_locked" => 423,
    /// The password was right; the account asks for its TOTP code.
    TotpRequired = "totp_required" => 401,
    /// The TOTP or recovery code is wrong or used already.
    InvalidTotp = "invalid_totp" => 401,
    /// The current password given again is wrong.
    WrongPassword = "wrong_password" => 403,
    /// The admin must choose their own password before anything else.
    PasswordChangeRequired = "password_change_required" => 403,
    /// The new password breaks a rule (the message says which).
    WeakPassword = "weak_password" => 400,
    /// The login ID breaks its rule or is taken.
    InvalidLogin = "invalid_login" => 400,
    /// An admin cannot remove themselves.
    CannotRemoveSelf = "cannot_remove_self" => 409,
    /// No such admin user.
    UnknownUser = "unknown_user" => 404,
    /// A setting breaks its rule.
    InvalidSetting = "invalid_setting" => 400,
    /// A bulk run was asked for no orders.
    InvalidSelection = "invalid_selection" => 400,
    /// An uploaded file cannot be read as a whole (too large, not text, not
    /// CSV, without the columns it needs); the message says which.
    InvalidFile = "invalid_file" => 400,
    /// The operation does not apply to the order in its state.
    NotAllowedInThisState = "not_allowed_in_this_state" => 409,
    /// Another payment operation holds the order.
    OrderBusy = "order_busy" => 409,
    /// 金額変更 above the authorized amount, not confirmed as such.
    IncreaseNotConfirmed = "increase_not_confirmed" => 409,
    /// The slip number is missing.
    SlipRequired = "slip_required" => 400,
    /// A bulk item whose order changed since the list was made.
    NotEligible = "not_eligible" => 409,
    /// A bulk run names an order that does not exist.
    UnknownOrder = "unknown_order" => 400,
    /// The gateway refused the operation (its code is in the message).
    GatewayRefused = "gateway_refused" => 422,

    // Raised by clients only.
    /// The server could not be reached.
    Network = "network" => 500,
    /// The server's answer could not be read.
    BadResponse = "bad_response" => 500,
    /// Yamato's token library refused a card field.
    CardInvalid = "card_invalid" => 500,
    /// Yamato's token library did not load.
    TokenUnavailable = "token_unavailable" => 500,
    /// Yamato's token library did not answer in time.
    TokenTimeout = "token_timeout" => 500,
    /// The embedding page passed invalid items.
    InvalidItems = "invalid_items" => 500,
    /// The embed widget's own files did not load (raised by `embed.js`).
    LoadFailed = "load_failed" => 500,
}

impl ErrorCode {
    /// The code written `wire`; [`ErrorCode::Unknown`] for one this build
    /// does not know. (One table serves both directions: the SPAs' first
    /// load carries each name once.)
    pub fn from_wire(wire: &str) -> ErrorCode {
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == wire)
            .unwrap_or(ErrorCode::Unknown)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Cow::<'de, str>::deserialize(deserializer)?;
        Ok(ErrorCode::from_wire(&wire))
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and clients compare a code with its wire name.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for String {
    fn eq(&self, other: &ErrorCode) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
}

/// The body of every non-2xx API reply. A client that only compares the
/// code with a few of [`ErrorCode`]'s names may read it as a `String`
/// (`ApiErrorBody<String>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody<C = ErrorCode> {
    /// Stable identifier of the error, e.g. `not_found` or `card_declined`.
    pub code: C,
    /// What went wrong, for people, in both languages.
    pub message: Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_is_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for &code in ErrorCode::ALL {
            let wire = serde_json::to_string(&code).expect("test value");
            assert_eq!(wire, format!("\"{}\"", code.as_str()));
            assert_eq!(
                serde_json::from_str::<ErrorCode>(&wire).expect("test value"),
                code
            );
            assert!(code
                .as_str()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!((400..600).contains(&code.http_status()), "{code}");
        }
    }

    #[test]
    fn a_text_needs_both_languages() {
        let text: Text =
            serde_json::from_str(r#"{"en":"Hi","ja":"こんにちは"}"#).expect("test value");
        assert_eq!(text, Text::fixed("こんにちは", "Hi"));
        assert!(serde_json::from_str::<Text>(r#"{"ja":"こんにちは"}"#).is_err());
    }

    #[test]
    fn a_newer_servers_code_is_unknown_not_an_error() {
        let body: ApiErrorBody =
            serde_json::from_str(r#"{"code":"brand_new","message":{"ja":"新","en":"New"}}"#)
                .expect("test value");
        assert_eq!(body.code, ErrorCode::Unknown);
        assert_eq!(body.message.get(true), "New");
    }

    #[test]
    fn the_body_is_code_and_both_languages() {
        let body = ApiErrorBody {
            code: ErrorCode::CardDeclined,
            message: Text::fixed("承認されませんでした。", "Declined."),
        };
        assert_eq!(
            serde_json::to_value(&body).expect("test value"),
            serde_json::json!({"code": "card_declined", "message": {"ja": "承認されませんでした。", "en": "Declined."}})
        );
        assert_eq!(ErrorCode::CardDeclined.http_status(), 402);
        assert_eq!(ErrorCode::CardDeclined, "card_declined");
    }
}
