//! The admin API under `/api/admin`, one file per screen's endpoints. Every
//! endpoint but login refuses anonymous requests; every state-changing one
//! needs the session's CSRF token.

pub mod account;
pub mod basic_settings;
pub mod bulk;
pub mod card_settings;
pub mod csp_reports;
pub mod delivery_settings;
pub mod operations;
pub mod orders;
pub mod outbox;
pub mod payment_errors;
pub mod session;
pub mod slips;
pub mod three_d_settings;
pub mod users;

use crate::error::ApiError;

/// The payment status of an order's stored statuses.
pub(super) fn payment_status(
    status: &str,
    gateway_status: Option<i64>,
) -> Result<zerostep_domain::order::PaymentStatus, ApiError> {
    let (status, gateway) = zerostep_domain::order::status::parse_stored(status, gateway_status)
        .map_err(ApiError::internal)?;
    Ok(zerostep_domain::order::PaymentStatus::of(status, gateway))
}

/// A setting the merchant entered breaks its rule (400 `invalid_setting`).
pub(super) fn invalid(message: zerostep_domain::api::Text) -> ApiError {
    ApiError::refused(zerostep_domain::api::ErrorCode::InvalidSetting, message)
}

/// An optional English text as the merchant gave it: trimmed, empty as none
/// (the Japanese is shown); refused, naming `field` (Japanese, English) and
/// the rule, past `max` characters or with a control character (a name:
/// any; notes: any but line breaks).
pub(super) fn english_text(
    given: &str,
    field: (&str, &str),
    max: usize,
    one_line: bool,
) -> Result<Option<String>, ApiError> {
    let text = given.trim();
    let bad_char = |c: char| c.is_control() && (one_line || !matches!(c, '\n' | '\r'));
    if text.chars().count() > max || text.chars().any(bad_char) {
        return Err(invalid(crate::messages::english_text_rule(
            field.0, field.1, max, one_line,
        )));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}
