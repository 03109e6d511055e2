//! The admin's own bilingual texts (its catalogue). The admin speaks
//! Japanese with English beside it, as the merchant's staff may read
//! either; the server's messages arrive as `{ja, en}` and are shown the
//! same way.

use zerostep_domain::api::Text;

/// While the session is checked.
pub fn checking() -> Text {
    Text::fixed("確認中…", "Checking…")
}
/// The login heading.
pub fn log_in() -> Text {
    Text::fixed("ログイン", "Log in")
}
/// The orders heading (受注一覧).
pub fn orders() -> Text {
    Text::fixed("受注一覧", "Orders")
}

/// The server could not be reached.
pub fn unreachable(detail: &str) -> Text {
    Text::new(
        "サーバーに接続できません。",
        format!("Cannot reach the server: {detail}"),
    )
}

/// A text as the admin shows it: Japanese, then English.
pub fn shown(text: &Text) -> String {
    text.to_string()
}

/// Beside each optional English text of the shop's settings.
pub const ENGLISH_HINT: &str =
    "英語表示を選んだお客様に表示します。空欄のときは日本語を表示します。 Shown to shoppers who chose English; left empty, the Japanese is shown.";

/// An optional English text on a confirmation: the text, or what is shown instead.
pub fn english_or_japanese(en: Option<&str>) -> String {
    match en.map(str::trim) {
        Some(en) if !en.is_empty() => en.to_owned(),
        _ => "なし（日本語を表示）".to_owned(),
    }
}
