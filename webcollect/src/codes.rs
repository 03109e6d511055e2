//! The gateway's error codes in words, Japanese and English, with a kind
//! that says what a caller can do about each (protocol §6).
//!
//! Codes not listed by name are described from their grammar
//! (`<function><kind><…>`, §6.1), so every code gets a useful text.

/// What kind of failure a gateway error code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A request field broke a rule (`<fd>1…`): fix the input.
    Input,
    /// The transaction is not in a state that allows the operation.
    State,
    /// The card issuer or network declined (`A082000010`, `A112000004`, …).
    Decline,
    /// The gateway is in maintenance or its nightly window: try later.
    Maintenance,
    /// A gateway-side or contract problem (`Z…`, merchant settings).
    Gateway,
    /// The gateway failed in a way that does not say whether it acted (a
    /// system error or its own timeout): settled with E04, like a lost answer.
    OutcomeUnknown,
    /// The card token expired (30 minutes) or was used already: the shopper
    /// tokenizes the card again.
    TokenExpired,
    /// The cardholder's 3-D Secure authentication failed, was cancelled, or
    /// its result cannot be trusted (`A092000003`, `A092000004`): nothing was
    /// authorized; the shopper tries again with a new token, or another card.
    Authentication,
}

/// A code's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// Japanese text.
    pub ja: Cow<'static, str>,
    /// English text.
    pub en: Cow<'static, str>,
}

const fn info(kind: ErrorKind, ja: &'static str, en: &'static str) -> CodeInfo {
    CodeInfo {
        kind,
        ja: Cow::Borrowed(ja),
        en: Cow::Borrowed(en),
    }
}

use std::borrow::Cow;

use ErrorKind::{
    Authentication, Decline, Gateway, Input, Maintenance, OutcomeUnknown, State, TokenExpired,
};

/// Gateway error codes named in the protocol reference.
const CODES: &[(&str, CodeInfo)] = &[
    (
        "Z010000000",
        info(
            Maintenance,
            "サーバメンテナンス中です。メンテナンス終了後、再度リクエスト下さい。",
            "The gateway is under maintenance; retry after it ends.",
        ),
    ),
    (
        "Z012000001",
        info(
            Gateway,
            "POST方式以外のリクエスト方式です。",
            "Only POST requests are accepted.",
        ),
    ),
    (
        "Z012000002",
        info(Input, "機能区分がありません。", "function_div is missing."),
    ),
    (
        "Z012000003",
        info(
            Input,
            "機能区分の設定が不正です。",
            "function_div is invalid for this URL.",
        ),
    ),
    (
        "Z012000004",
        info(
            State,
            "同受付番号にて決済中です。",
            "A request with the same order number is in progress.",
        ),
    ),
    (
        "Z012000005",
        info(
            OutcomeUnknown,
            "リクエストタイムアウト（APIリクエスト時）です。",
            "The request timed out at the gateway.",
        ),
    ),
    (
        "Z012000006",
        info(
            Gateway,
            "同時処理数オーバーです。",
            "Too many concurrent requests.",
        ),
    ),
    (
        "Z012000007",
        info(
            Gateway,
            "加盟店コードの設定不備です。",
            "Unknown trader code, or its service has not started.",
        ),
    ),
    (
        "Z012000008",
        info(
            Gateway,
            "API利用申込がありません。",
            "The merchant has no API contract.",
        ),
    ),
    (
        "Z012000009",
        info(
            Gateway,
            "登録グローバルIPアドレスと接続元IPアドレスが異なります。",
            "The request did not come from the registered IP address.",
        ),
    ),
    (
        "Z012000011",
        info(
            Gateway,
            "リクエストタイムアウト（トークン発行時）です。",
            "The token request timed out.",
        ),
    ),
    (
        "Z019999999",
        info(
            OutcomeUnknown,
            "システムエラーが発生しました。",
            "Gateway system error.",
        ),
    ),
    (
        "A082000001",
        info(
            Gateway,
            "加盟店の決済利用ができません。",
            "The merchant cannot take card payments on this device type.",
        ),
    ),
    (
        "A082000002",
        info(
            Gateway,
            "クレジット決済利用開始日の設定不備です。",
            "Card payments have not started for this merchant.",
        ),
    ),
    (
        "A082000003",
        info(
            State,
            "受付番号が重複しています。",
            "The order number has already been used.",
        ),
    ),
    (
        "A082000004",
        info(
            TokenExpired,
            "トークンの有効期限切れ、または使用済みのトークンです。",
            "The token has expired (30 minutes) or was already used.",
        ),
    ),
    (
        "A082000005",
        info(
            Gateway,
            "オプションサービスの契約がありません。",
            "No option-service contract.",
        ),
    ),
    (
        "A082000006",
        info(
            OutcomeUnknown,
            "システムエラー（カード情報取得）です。",
            "System error while reading the card data.",
        ),
    ),
    (
        "A082000007",
        info(
            Input,
            "カード支払回数に誤りがあります。",
            "This number of instalments is not allowed.",
        ),
    ),
    (
        "A082000008",
        info(
            Decline,
            "クレジットカード情報に誤りがあります。",
            "The card details are wrong.",
        ),
    ),
    (
        "A082000010",
        info(
            Decline,
            "与信処理ができませんでした。",
            "The card was declined.",
        ),
    ),
    (
        "A082000012",
        info(
            Gateway,
            "各種マスタの取得に失敗しました。",
            "The gateway could not read its master data.",
        ),
    ),
    (
        "A081011371",
        info(
            Input,
            "加盟店ECサイトURLがありません。3Dセキュア認証結果受信用のURLを設定してください。",
            "trader_ec_url is missing: a 3-D Secure token needs the URL that receives the authentication result.",
        ),
    ),
    (
        "A081011372",
        info(
            Input,
            "加盟店ECサイトURLは128文字以内で設定してください。",
            "trader_ec_url is longer than 128 characters.",
        ),
    ),
    (
        "A081011373",
        info(
            Input,
            "3Dセキュアによる本人認証を行う場合、加盟店ECサイトURLは https で始まる必要があります。",
            "trader_ec_url must be an https:// URL for 3-D Secure.",
        ),
    ),
    (
        "A092000001",
        info(
            State,
            "受付番号が重複しています（3Dセキュア結果は登録済みです）。",
            "The order number is already registered (the 3-D Secure result was already sent).",
        ),
    ),
    (
        "A092000002",
        info(
            OutcomeUnknown,
            "システムエラー（カード情報取得）です。時間をおいて再度お試しください。",
            "System error while reading the card data; retry later.",
        ),
    ),
    (
        "A092000003",
        info(
            Authentication,
            "3Dセキュア応答電文に誤りがあります。",
            "The 3-D Secure result message is wrong or was altered.",
        ),
    ),
    (
        "A092000004",
        info(
            Authentication,
            "3Dセキュア認証ができませんでした（認証失敗またはキャンセル）。",
            "The 3-D Secure authentication failed or was cancelled.",
        ),
    ),
    (
        "A092000005",
        info(
            Decline,
            "与信処理ができませんでした。",
            "The card was declined after the 3-D Secure authentication.",
        ),
    ),
    (
        "A092000006",
        info(
            Gateway,
            "カード情報のお預かりに失敗しました。",
            "The card could not be stored (card-on-file service).",
        ),
    ),
    (
        "A062010001",
        info(State, "該当する受注がありません。", "No such order."),
    ),
    (
        "A062010002",
        info(
            State,
            "API決済のクレジット受注ではありません。",
            "Not an API card order.",
        ),
    ),
    (
        "A062010003",
        info(
            State,
            "取消できない状態です（取消済み等）。",
            "The order cannot be cancelled (already cancelled or invalid).",
        ),
    ),
    (
        "A062010004",
        info(
            State,
            "精算済みのため取消できません。",
            "The sale is already settled and cannot be cancelled.",
        ),
    ),
    (
        "A070000000",
        info(
            Maintenance,
            "23:00～1:00 は夜間処理中のため、金額変更が行えません。",
            "Amounts cannot be changed between 23:00 and 01:00 JST (nightly processing).",
        ),
    ),
    (
        "A072000001",
        info(
            Gateway,
            "金額変更が許可されていません。",
            "The merchant may not change amounts.",
        ),
    ),
    (
        "A073000001",
        info(
            State,
            "該当する受注がないか、取消済みです。",
            "No such order, or it is cancelled.",
        ),
    ),
    (
        "A074000001",
        info(
            State,
            "変更前と同じ金額です。",
            "The new amount equals the current amount.",
        ),
    ),
    (
        "A074000002",
        info(
            Gateway,
            "増額は許可されていません。",
            "Increasing the amount is not allowed.",
        ),
    ),
    (
        "A076000001",
        info(
            Decline,
            "金額変更時の与信処理に失敗しました。",
            "Re-authorizing the new amount failed.",
        ),
    ),
    (
        "A077000001",
        info(
            Gateway,
            "金額変更時の取消処理に失敗しました。",
            "Cancelling the previous authorization failed.",
        ),
    ),
    (
        "A110000000",
        info(
            Maintenance,
            "23:00～1:00 は夜間処理中のため、再与信が行えません。",
            "Re-authorization is unavailable between 23:00 and 01:00 JST (nightly processing).",
        ),
    ),
    (
        "A112000001",
        info(
            Gateway,
            "クレジット決済が利用できない加盟店です。",
            "The merchant cannot take card payments.",
        ),
    ),
    (
        "A112000002",
        info(
            State,
            "再与信できない状態です。",
            "The order cannot be re-authorized in its current state.",
        ),
    ),
    (
        "A112000003",
        info(
            Gateway,
            "システムエラー（再与信）です。",
            "System error during re-authorization.",
        ),
    ),
    (
        "A112000004",
        info(
            Decline,
            "再与信NGです。カードが利用できなくなっています。",
            "Re-authorization was declined; the card can no longer be used.",
        ),
    ),
    (
        "E011010251",
        info(
            Gateway,
            "出荷情報を登録できない加盟店です。",
            "The merchant cannot register shipments.",
        ),
    ),
    (
        "E011010351",
        info(
            State,
            "出荷情報を登録できない状態の受注です。",
            "The order cannot take a shipment in its current state.",
        ),
    ),
    (
        "E011010451",
        info(
            Input,
            "送り状番号が不正です。",
            "The slip number is invalid (check digit or format).",
        ),
    ),
    (
        "E012000001",
        info(
            State,
            "送り状番号は登録済みです。",
            "The slip number is already registered.",
        ),
    ),
    (
        "E012000002",
        info(
            State,
            "送り状番号の登録上限（99件）を超えています。",
            "An order can have at most 99 slips.",
        ),
    ),
    (
        "E012000003",
        info(
            State,
            "同梱の合計金額が30万円を超えています。",
            "Bundled orders exceed 300,000 yen.",
        ),
    ),
    (
        "E012000004",
        info(
            State,
            "同梱できる受注数を超えています。",
            "Too many bundled orders.",
        ),
    ),
    (
        "E013000001",
        info(
            State,
            "他の処理と競合しました。",
            "Conflicting update; retry.",
        ),
    ),
    (
        "E021010351",
        info(
            State,
            "出荷情報を取消できない状態の受注です。",
            "The order's shipment cannot be cancelled in its current state.",
        ),
    ),
    (
        "E022000001",
        info(
            State,
            "送り状番号と受注の関連付けに誤りがあります。",
            "The slip number is not registered on this order.",
        ),
    ),
    (
        "E023000001",
        info(
            State,
            "他の処理と競合しました。",
            "Conflicting update; retry.",
        ),
    ),
];

/// Names of the fields behind the `<fd>1 01 <item>` input codes, per function.
fn item_name(function: &str, item: &str) -> Option<&'static str> {
    Some(match (function, item) {
        ("Y02", "01") => "traderCode",
        ("Y02", "02") => "authDiv",
        ("Y02", "03") => "optServDiv",
        ("Y02", "06") => "checkSum",
        ("Y02", "09") => "cardNo",
        ("Y02", "10") => "cardOwner",
        ("Y02", "11") => "cardExp",
        ("Y02", "13") => "securityCode",
        (_, "02") => "trader_code",
        ("A08", "03") => "device_div",
        ("A08", "04") => "order_no",
        ("A08", "05") => "settle_price",
        ("A08", "06") => "buyer_name_kanji",
        ("A08", "07") => "buyer_tel",
        ("A08", "08") => "buyer_email",
        ("A08", "09") => "pay_way",
        ("A08", "10") => "goods_name",
        ("A08", "11") => "card_code_api",
        ("A08", "12") => "token",
        ("A08", "13") => "trader_ec_url",
        ("A09", "20") => "three_d_token",
        ("A09", item) if item != "03" => crate::rules::A09_RETURN_ITEMS
            .iter()
            .find(|f| f.item == item)
            .map(|f| f.param)?,
        (_, "03") => "order_no",
        ("A07", "04") => "new_price",
        ("E01" | "E02", "04") => "slip_no",
        ("E01", "05") => "delivery_service_code",
        _ => return None,
    })
}

/// The field an input error code is about, if the code is an input check.
pub fn field_of(code: &str) -> Option<&'static str> {
    let (function, rest) = (code.get(0..3)?, code.get(3..)?);
    if !rest.starts_with("101") {
        return None;
    }
    item_name(function, rest.get(3..5)?)
}

/// Describes a gateway error code.
pub fn describe(code: &str) -> CodeInfo {
    if let Some((_, info)) = CODES.iter().find(|(c, _)| *c == code) {
        return info.clone();
    }
    if let Some(field) = field_of(code) {
        let (ja, en) = match code.get(8..10) {
            Some("01") => ("が未入力です。", " is missing."),
            Some("02" | "03") => ("の桁数が不正です。", " has the wrong length."),
            Some("04") => (
                "に使用できない文字が含まれています。",
                " contains characters that are not allowed.",
            ),
            Some("05") => ("の形式が不正です。", " has the wrong format."),
            Some("06") => ("の値が不正です。", " has an invalid value."),
            _ => ("の内容が不正です。", " breaks a gateway rule."),
        };
        return CodeInfo {
            kind: Input,
            ja: format!("{field}{ja}").into(),
            en: format!("{field}{en}").into(),
        };
    }
    match code.get(0..1) {
        Some("Z") => info(
            Gateway,
            "決済ゲートウェイでエラーが発生しました。",
            "The gateway reported an error.",
        ),
        _ => info(
            State,
            "決済処理でエラーが発生しました。",
            "The gateway refused the operation.",
        ),
    }
}

/// Issuer / network decline codes (`creditErrorCode`, §6.6) in words.
pub fn describe_credit_error(code: &str) -> (&'static str, &'static str) {
    match code {
        "G12" => ("カード使用不可", "card cannot be used"),
        "G22" => ("支払永久禁止", "card permanently barred"),
        "G30" => ("取引判定保留", "transaction held for review"),
        "G42" => ("暗証番号エラー", "wrong PIN"),
        "G44" => ("セキュリティコード誤り", "wrong security code"),
        "G45" => ("セキュリティコード入力無", "security code missing"),
        "G54" => (
            "利用回数または金額オーバー",
            "usage count or amount exceeded",
        ),
        "G55" => ("1日利用限度額オーバー", "daily limit exceeded"),
        "G56" => ("クレジットカード取り込み", "card retained"),
        "G60" => ("事故カード", "card reported lost or stolen"),
        "G61" => ("無効カード", "invalid card"),
        "G65" => ("会員番号エラー", "wrong card number"),
        "G68" => ("金額エラー", "amount error"),
        "G74" => ("分割回数エラー", "instalment count error"),
        "G83" => ("有効期限エラー", "expiry date error"),
        "G85" => ("サービス対象外カード", "card not eligible for this service"),
        "G97" => ("当該要求拒否", "request refused"),
        "C50" | "999" => ("タイムアウト", "card network timeout"),
        c if c.starts_with('C') => ("カード会社との通信エラー", "card network error"),
        c if c.starts_with('G') => ("カード会社による取引拒否", "declined by the card issuer"),
        _ => ("カード決済エラー", "card payment error"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_codes_have_both_languages_and_a_kind() {
        for (code, info) in CODES {
            assert_eq!(code.len(), 10, "{code}");
            assert!(!info.ja.is_empty() && !info.en.is_empty(), "{code}");
        }
        assert_eq!(describe("A082000010").kind, ErrorKind::Decline);
        assert_eq!(describe("Z010000000").kind, ErrorKind::Maintenance);
        assert_eq!(describe("A110000000").kind, ErrorKind::Maintenance);
        assert_eq!(describe("A082000003").kind, ErrorKind::State);
        for unknown in ["Z019999999", "Z012000005", "A082000006"] {
            assert_eq!(
                describe(unknown).kind,
                ErrorKind::OutcomeUnknown,
                "{unknown}"
            );
        }
        assert_eq!(describe("A082000004").kind, ErrorKind::TokenExpired);
    }

    #[test]
    fn input_codes_name_their_field() {
        assert_eq!(field_of("A081010401"), Some("order_no"));
        assert_eq!(field_of("A081010672"), Some("buyer_name_kanji"));
        assert_eq!(field_of("A071010401"), Some("new_price"));
        assert_eq!(field_of("E011010402"), Some("slip_no"));
        assert_eq!(field_of("A111010301"), Some("order_no"));
        assert_eq!(field_of("Y021010904"), Some("cardNo"));
        assert_eq!(field_of("A082000010"), None);
        let info = describe("A081010702");
        assert_eq!(info.kind, ErrorKind::Input);
        assert_eq!(info.ja, "buyer_telの桁数が不正です。");
        assert_eq!(info.en, "buyer_tel has the wrong length.");
    }

    #[test]
    fn unknown_codes_still_get_text() {
        assert_eq!(describe("Z019999998").kind, ErrorKind::Gateway);
        assert_eq!(describe("").kind, ErrorKind::State);
        assert_eq!(describe_credit_error("G55").0, "1日利用限度額オーバー");
        assert_eq!(describe_credit_error("C13").1, "card network error");
    }

    #[test]
    fn three_d_secure_codes_say_what_to_do() {
        assert_eq!(describe("A092000004").kind, ErrorKind::Authentication);
        assert_eq!(describe("A092000003").kind, ErrorKind::Authentication);
        assert_eq!(describe("A092000005").kind, ErrorKind::Decline);
        assert_eq!(describe("A092000002").kind, ErrorKind::OutcomeUnknown);
        assert_eq!(describe("A092000001").kind, ErrorKind::State);
        assert_eq!(field_of("A081011373"), Some("trader_ec_url"));
        assert_eq!(field_of("A091010301"), Some("order_no"));
        assert_eq!(field_of("A091010401"), Some("comp_cd"));
        assert_eq!(field_of("A091011901"), Some("hash_value"));
        assert_eq!(field_of("A091012002"), Some("three_d_token"));
        assert_eq!(field_of("A091019901"), None);
        let missing = describe("A091011701");
        assert_eq!(missing.kind, ErrorKind::Input);
        assert!(missing.ja.starts_with("three_d_tran_id"), "{}", missing.ja);
    }
}
