//! What the API suite and the process tests share: the order a shopper
//! sends, and the shape every refusal must have.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

/// One 有田焼 teacup (4,180 yen with shipping to Tokyo), paid as `payment`,
/// ordered by 山田太郎 at `email`.
pub fn order_body(payment: Value, email: &str) -> Value {
    json!({
        "lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}],
        "buyer": {
            "name": {"family": "山田", "given": "太郎"}, "family_kana": "ヤマダ", "given_kana": "タロウ",
            "email": email, "phone": "090-1234-5678",
            "address": {"postal_code": "1000001", "prefecture": 13, "city": "千代田区千代田", "line1": "1-2-3", "line2": null}
        },
        "recipient": null,
        "delivery": {"method": "takkyubin", "date": null, "time_slot": "unspecified"},
        "payment": payment,
        "confirmed_total": 4180
    })
}

/// The card payment with a token, in one installment.
pub fn card(token: &str) -> Value {
    json!({"method": "card", "token": token, "pay_way": 1})
}

/// A refusal has a stable snake_case `code` and a message.
pub fn assert_error_shape(error: &ApiErrorBody, case: &str) {
    assert!(
        !error.code.is_empty()
            && error
                .code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_'),
        "{case}: code {:?}",
        error.code
    );
    assert!(!error.message.is_empty(), "{case}: no message");
}
