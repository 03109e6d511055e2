//! What the shopper reads when Yamato's token script refuses a card field
//! or fails, in the chosen language.

use crate::checkout::card_form::CardField;
use crate::i18n::{Locale, Text};
use crate::platform::token::TokenError;

/// What went wrong with the token library as a whole (not one field), in
/// both languages.
pub(crate) fn token_error(e: &TokenError) -> Text {
    Text::new(
        token_error_text(e, Locale::Ja),
        token_error_text(e, Locale::En),
    )
}

fn token_error_text(e: &TokenError, locale: Locale) -> String {
    match (e, locale) {
        (TokenError::LoadFailed, Locale::Ja) => "カード決済の準備ができませんでした（決済システムに接続できません）。時間をおいて、もう一度お試しください。".to_owned(),
        (TokenError::LoadFailed, Locale::En) => "Card payment could not start (the payment system is unreachable). Please try again shortly.".to_owned(),
        (TokenError::Timeout, Locale::Ja) => "決済システムの応答がありませんでした。もう一度「注文確認する」を押してください。".to_owned(),
        (TokenError::Timeout, Locale::En) => "The payment system did not answer in time. Please press Review order again.".to_owned(),
        (TokenError::Rejected(errors), _) => errors.iter().map(|e| format!("{}（{}）", e.message, e.code)).collect::<Vec<_>>().join(" "),
    }
}

/// A token error beside its field, in words, with Yamato's code for support.
/// The check is the code's last two digits (`Y02 1 01 <item> <check>`).
pub(crate) fn token_field_text(field: CardField, code: &str, locale: Locale) -> String {
    let ja = locale == Locale::Ja;
    let check = code.get(8..10).unwrap_or_default();
    let text = match (field, check, ja) {
        (_, "01", true) => "入力してください。",
        (_, "01", false) => "Required.",
        (CardField::Number, "71", true) => "カード番号が正しくありません。",
        (CardField::Number, "71", false) => "The card number is not valid.",
        (CardField::Expiry, "71", true) => "有効期限が過ぎています。",
        (CardField::Expiry, "71", false) => "The card has expired.",
        (_, "02" | "03", true) => "桁数が正しくありません。",
        (_, "02" | "03", false) => "Wrong number of digits.",
        (_, "04", true) => "使用できない文字が含まれています。",
        (_, "04", false) => "Contains characters that cannot be used.",
        (_, "05", true) => "形式が正しくありません。",
        (_, "05", false) => "Wrong format.",
        (_, _, true) => "入力内容をご確認ください。",
        (_, _, false) => "Please check this entry.",
    };
    // Named, as it is also read aloud away from its label.
    let name = field.name(locale);
    if text.contains(name) {
        return format!("{text}（{code}）");
    }
    if ja {
        format!("{name}：{text}（{code}）")
    } else {
        format!("{name}: {text} ({code})")
    }
}
