//! The JSON reader over the browser's `JSON.parse`, in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test wire`): the same
//! answers as serde, which the native unit tests hold every reader to.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use zerostep::wire::read;
use zerostep_domain::checkout::Quote;
use zerostep_domain::order::OrderPlaced;

wasm_bindgen_test_configure!(run_in_browser);

const QUOTE: &str = r#"{
  "lines": [{"sku": "SENCHA-100G", "name": "静岡煎茶 100g", "name_en": "Sencha", "unit_price": 1080,
             "quantity": 2, "amount": 2160, "tax_rate": 8, "extra": {"a": [1]}}],
  "rates": [{"rate": 8, "amount": 2160, "tax": 160}],
  "shipping": {"status": "needs_address", "fee": null},
  "total": 2160,
  "determined": false,
  "payment_methods": [{"code": "card", "selectable": false, "reason": "undetermined"}]
}"#;

#[wasm_bindgen_test]
fn a_quote_reads_as_serde_reads_it() {
    let reference: Quote = serde_json::from_str(QUOTE).expect("serde");
    assert_eq!(read::<Quote>(QUOTE), Ok(reference));
}

#[wasm_bindgen_test]
fn bad_members_are_named_and_bad_text_is_the_browsers_syntax_error() {
    let err = read::<Quote>(&QUOTE.replace(r#""total": 2160"#, r#""total": "2160""#))
        .expect_err("a string total");
    assert_eq!(err.field, "total");
    let err = read::<Quote>(&QUOTE.replace(r#""fee": null"#, r#""fee": -5"#)).expect_err("fee");
    assert_eq!(err.field, "fee");
    let err = read::<Quote>("{\"lines\": [").expect_err("cut short");
    assert!(err.syntax.is_some_and(|s| !s.is_empty()));
}

#[wasm_bindgen_test]
fn optional_members_may_be_missing_or_null() {
    let text = r#"{"order_number": "ZS-1", "outcome": "pending_review", "payment_method": "bank_transfer",
                   "total": 10000000000, "email": null}"#;
    let reference: OrderPlaced = serde_json::from_str(text).expect("serde");
    assert_eq!(read::<OrderPlaced>(text), Ok(reference));
    assert_eq!(
        read::<Vec<(String, String)>>(r#"[["a", "b"]]"#),
        Ok(vec![("a".into(), "b".into())])
    );
    assert!(read::<Vec<(String, String)>>(r#"[["a"]]"#).is_err());
}
