//! What the shopper reads when Yamato's token script refuses a card field
//! or fails, in the chosen language.

use crate::checkout::card_form::CardField;
use crate::i18n::{self, Locale, Msg, Text};
use crate::platform::token::TokenError;

/// What went wrong with the token library as a whole (not one field), in
/// both languages.
pub(crate) fn token_error(e: &TokenError) -> Text {
    match e {
        TokenError::LoadFailed => Msg::TokenLoadFailed.both(),
        TokenError::Timeout => Msg::TokenTimeout.both(),
        // Yamato's own words (Japanese only), with their codes.
        TokenError::Rejected(errors) => {
            let said = errors
                .iter()
                .map(|e| format!("{}（{}）", e.message, e.code))
                .collect::<Vec<_>>()
                .join(" ");
            Text::new(said.clone(), said)
        }
    }
}

/// A token error beside its field, in words, with Yamato's code for support.
/// The check is the code's last two digits (`Y02 1 01 <item> <check>`).
pub(crate) fn token_field_text(field: CardField, code: &str, locale: Locale) -> String {
    let check = code.get(8..10).unwrap_or_default();
    let problem = match (field, check) {
        (_, "01") => Msg::TokenEmpty,
        (CardField::Number, "71") => Msg::TokenBadNumber,
        (CardField::Expiry, "71") => Msg::TokenExpired,
        (_, "02" | "03") => Msg::TokenDigits,
        (_, "04") => Msg::TokenChars,
        (_, "05") => Msg::TokenFormat,
        _ => Msg::TokenCheckEntry,
    }
    .text(locale);
    // Named, as it is also read aloud away from its label.
    let name = field.name(locale);
    if problem.contains(name) {
        return format!("{problem}（{code}）");
    }
    i18n::named_problem(locale, name, problem, code)
}
