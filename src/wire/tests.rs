//! Each reader against serde's derive, the reference: the same text read by
//! both gives the same value, or fails with both.

use serde::de::DeserializeOwned;
use zerostep_domain::api::proof::ProofChallenge;
use zerostep_domain::checkout::{CheckoutConfig, PostalLookup, Quote};
use zerostep_domain::order::OrderPlaced;
use zerostep_domain::{ApiErrorBody, Product};

use super::*;

/// Reads `text` with serde and with [`read`], and checks they agree.
fn agree<T: FromJson + DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let reference: T = serde_json::from_str(text).expect("serde reads the sample");
    match read::<T>(text) {
        Ok(ours) => assert_eq!(ours, reference, "{text}"),
        Err(e) => panic!("{e}: {text}"),
    }
    reference
}

/// Both refuse `text`; the reader names `field`.
fn both_refuse<T: FromJson + DeserializeOwned + std::fmt::Debug>(text: &str, field: &str) {
    assert!(
        serde_json::from_str::<T>(text).is_err(),
        "serde took {text}"
    );
    let err = read::<T>(text).expect_err(text);
    assert_eq!(err.field, field, "{text}");
}

const CONFIG: &str = r#"{
  "payment_methods": [
    {"code": "card", "name": "クレジットカード決済", "notes": null, "logo_url": "/logo.png",
     "logo_alt": "VISA", "card_notice": "一括払いのみ", "enabled": true,
     "min_amount": null, "max_amount": 300000, "name_en": "Card", "notes_en": "n",
     "logo_alt_en": "Cards", "card_notice_en": "Lump sum", "on_pc": true, "on_smartphone": false},
    {"code": "bank_transfer", "name": "銀行振込", "notes": "手数料330円", "logo_url": null,
     "logo_alt": null, "card_notice": null, "enabled": false, "unknown": [1, 2]}
  ],
  "delivery_methods": [
    {"code": "takkyubin", "name": "宅急便", "accepts": ["card", "bank_transfer"],
     "dates": [{"date": "2026-12-08", "weekday": 2}], "time_slots": ["unspecified", "morning", "from14_to16"]}
  ],
  "card_limit": 300000,
  "token": {"js_url": "https://example.jp/token.js", "trader_code": "888888888", "auth_div": "3",
            "check_sum": "abc", "allow_dummy_cards": false, "pay_ways": [1, 2, 3]},
  "cart_type": "three_step",
  "session": "s-1"
}"#;

const QUOTE: &str = r#"{
  "lines": [{"sku": "SENCHA-100G", "name": "静岡煎茶 100g", "name_en": "Sencha", "unit_price": 1080,
             "quantity": 2, "amount": 2160, "tax_rate": 8},
            {"sku": "YUNOMI-ARITA", "name": "有田焼 湯呑み", "unit_price": 3300,
             "quantity": 1, "amount": 3300, "tax_rate": 10}],
  "rates": [{"rate": 8, "amount": 2160, "tax": 160}, {"rate": 10, "amount": 3300, "tax": 300}],
  "shipping": {"status": "charged", "fee": 770},
  "total": 6230,
  "determined": true,
  "payment_methods": [{"code": "card", "selectable": false, "reason": "over_limit"},
                      {"code": "bank_transfer", "selectable": true, "reason": null}],
  "delivery_method": "takkyubin"
}"#;

#[test]
fn the_settings_read_as_serde_reads_them() {
    let config: CheckoutConfig = agree(CONFIG);
    assert!(!config.payment_methods[0].on_smartphone);
    // serde's defaults where a member is missing.
    assert!(config.payment_methods[1].on_pc && config.payment_methods[1].on_smartphone);
    let bare = CONFIG
        .replace(r#""cart_type": "three_step","#, "")
        .replace(r#""session": "s-1""#, r#""other": 1"#);
    let config: CheckoutConfig = agree(&bare);
    assert_eq!(config.session, "");
}

#[test]
fn quotes_products_postal_codes_and_orders_read_as_serde_reads_them() {
    agree::<Quote>(QUOTE);
    agree::<Quote>(&QUOTE.replace(r#", "delivery_method": "takkyubin""#, ""));
    agree::<Vec<Product>>(
        r#"[{"sku": "SENCHA-100G", "name": "静岡煎茶 100g", "price": 1080, "tax_rate": 8},
            {"sku": "YUNOMI-ARITA", "name": "湯呑み", "name_en": "Cup", "price": 3300, "tax_rate": 10}]"#,
    );
    agree::<PostalLookup>(
        r#"{"postal_code": "1000001", "candidates": [{"prefecture": 13, "city": "千代田区", "town": "千代田"}]}"#,
    );
    agree::<OrderPlaced>(
        r#"{"order_number": "ZS-1", "outcome": "authenticate", "payment_method": "card", "total": 6230,
            "email": "taro@example.jp", "authentication_url": "/3ds/start"}"#,
    );
    agree::<OrderPlaced>(
        r#"{"order_number": "ZS-2", "outcome": "complete", "payment_method": "bank_transfer", "total": 1}"#,
    );
    agree::<ProofChallenge>(
        r#"{"algorithm": "SHA-256", "challenge": "ab", "maxnumber": 50000, "salt": "s", "signature": "t"}"#,
    );
    agree::<ApiErrorBody<String>>(
        r#"{"code": "card_declined", "message": {"ja": "ご利用いただけません", "en": "Declined"}}"#,
    );
}

#[test]
fn what_serde_refuses_is_refused_naming_the_field() {
    both_refuse::<Quote>(
        &QUOTE.replace(r#""total": 6230"#, r#""total": -1"#),
        "total",
    );
    both_refuse::<Quote>(
        &QUOTE.replace(r#""total": 6230"#, r#""total": 62.5"#),
        "total",
    );
    both_refuse::<Quote>(&QUOTE.replace(r#""total": 6230,"#, ""), "total");
    both_refuse::<Quote>(
        &QUOTE.replace(r#""status": "charged""#, r#""status": "gone""#),
        "status",
    );
    both_refuse::<Quote>(
        &QUOTE.replace(r#""tax_rate": 8"#, r#""tax_rate": 5"#),
        "tax_rate",
    );
    both_refuse::<Quote>(
        &QUOTE.replace(r#""quantity": 2"#, r#""quantity": 0"#),
        "quantity",
    );
    both_refuse::<Quote>(
        &QUOTE.replace(r#""sku": "SENCHA-100G""#, r#""sku": """#),
        "sku",
    );
    both_refuse::<Quote>(
        &QUOTE.replace(r#""determined": true"#, r#""determined": "yes""#),
        "determined",
    );
    both_refuse::<PostalLookup>(
        r#"{"postal_code": "1000001", "candidates": [{"prefecture": 48, "city": "", "town": ""}]}"#,
        "prefecture",
    );
    both_refuse::<CheckoutConfig>(
        &CONFIG.replace(r#""pay_ways": [1, 2, 3]"#, r#""pay_ways": [1, 300]"#),
        "pay_ways",
    );
    both_refuse::<OrderPlaced>(
        r#"{"order_number": "ZS-1", "outcome": "complete", "payment_method": "card", "total": 1, "email": "no"}"#,
        "email",
    );
    both_refuse::<Vec<Product>>(r#"{"sku": "A"}"#, "");
}

#[test]
fn a_text_that_is_no_json_says_so() {
    let err = read::<Quote>("{not json").expect_err("no JSON");
    assert!(err.syntax.is_some());
    assert!(err.to_string().starts_with("not JSON: "), "{err}");
    assert_eq!(
        read::<Quote>("{}").expect_err("empty").to_string(),
        "field `lines` missing or of the wrong type"
    );
}

#[test]
fn whole_numbers_must_be_safe_and_fit_their_type() {
    assert_eq!(read::<u8>("255"), Ok(255));
    assert!(read::<u8>("256").is_err());
    assert!(read::<u8>("-1").is_err());
    assert_eq!(read::<i64>("-9007199254740991"), Ok(-9_007_199_254_740_991));
    assert!(read::<i64>("9007199254740993").is_err());
    assert!(read::<u32>("1e3").is_ok_and(|n| n == 1000));
    assert_eq!(read::<Option<u8>>("null"), Ok(None));
    assert_eq!(
        read::<(String, String)>(r#"["a","b"]"#),
        Ok(("a".into(), "b".into()))
    );
    assert!(read::<(String, String)>(r#"["a","b","c"]"#).is_err());
}
