//! What the shopper reads when Yamato's token script refuses a card field
//! or fails, in the chosen language.

use crate::checkout::card_form::CardField;
use crate::i18n::Locale;
use crate::token::TokenError;

/// What went wrong with the token library as a whole (not one field).
pub(crate) fn token_error_text(e: &TokenError, locale: Locale) -> String {
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
pub(crate) fn token_field_text(
    field: CardField,
    e: &crate::token::TokenFieldError,
    locale: Locale,
) -> String {
    let ja = locale == Locale::Ja;
    let check = e.code.get(8..10).unwrap_or_default();
    let text = match (field, check) {
        (_, "01") => {
            if ja {
                "入力してください。"
            } else {
                "Required."
            }
        }
        (CardField::Number, "71") => {
            if ja {
                "カード番号が正しくありません。"
            } else {
                "The card number is not valid."
            }
        }
        (CardField::Expiry, "71") => {
            if ja {
                "有効期限が過ぎています。"
            } else {
                "The card has expired."
            }
        }
        (_, "02" | "03") => {
            if ja {
                "桁数が正しくありません。"
            } else {
                "Wrong number of digits."
            }
        }
        (_, "04") => {
            if ja {
                "使用できない文字が含まれています。"
            } else {
                "Contains characters that cannot be used."
            }
        }
        (_, "05") => {
            if ja {
                "形式が正しくありません。"
            } else {
                "Wrong format."
            }
        }
        _ => "",
    };
    let text = if text.is_empty() {
        e.message.clone()
    } else {
        text.to_owned()
    };
    // Named, as it is also read aloud away from its label.
    let name = field.name(locale);
    if text.contains(name) {
        return format!("{text}（{}）", e.code);
    }
    if ja {
        format!("{name}：{text}（{}）", e.code)
    } else {
        format!("{name}: {text} ({})", e.code)
    }
}
