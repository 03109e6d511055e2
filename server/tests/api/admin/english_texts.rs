//! The shop's own texts in English (issue 22, "English all the way"):
//! optional beside the Japanese ones, edited in 支払方法設定 and 宅配便基本設定,
//! and sent to the purchase page with the Japanese, which the shopper who chose
//! English reads where the merchant gave none.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::admin::AdminSession;
use crate::helpers::spawn_app;

/// The card's settings as `PUT` takes them back, with `change` applied.
async fn card_settings_with(admin: &AdminSession, change: Value) -> Value {
    let mut settings: Value = admin.json("/api/admin/settings/card").await;
    if let (Some(o), Some(change)) = (settings.as_object_mut(), change.as_object()) {
        o.remove("trader_code");
        o.remove("access_key_set");
        for (k, v) in change {
            o.insert(k.clone(), v.clone());
        }
    }
    settings
}

#[tokio::test]
async fn the_demo_shop_speaks_english_where_it_was_seeded_with_english() {
    let app = spawn_app().await;
    let products: Vec<Value> = app.products().await.json().await.expect("json");
    let teacup = products
        .iter()
        .find(|p| p["sku"] == "YUNOMI-ARITA")
        .expect("the teacup");
    assert_eq!(teacup["name"], "有田焼 湯呑み");
    assert_eq!(teacup["name_en"], "Arita porcelain teacup");
    assert!(
        products.iter().all(|p| p["name_en"].is_string()),
        "every demo product has an English name: {products:?}"
    );

    // A quote's lines carry both names (the cart, the modal).
    let quote: Value = app
        .quote(json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 2}], "prefecture": 13}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(quote["lines"][0]["name"], "有田焼 湯呑み");
    assert_eq!(quote["lines"][0]["name_en"], "Arita porcelain teacup");

    let config = app.checkout_config().await;
    let card = &config["payment_methods"][0];
    assert_eq!(card["name"], "クレジットカード決済");
    assert_eq!(card["name_en"], "Credit card");
    assert!(card["card_notice_en"]
        .as_str()
        .is_some_and(|n| n.contains("Yamato Transport")));
    assert_eq!(
        card["logo_alt_en"],
        Value::Null,
        "no logo, no ALT text in either language"
    );
    let bank = &config["payment_methods"][1];
    assert_eq!(bank["name_en"], "Bank transfer");
    assert!(bank["notes_en"]
        .as_str()
        .is_some_and(|n| n.contains("within 7 days")));
    assert_eq!(config["delivery_methods"][0]["name_en"], "Home delivery");
}

#[tokio::test]
async fn the_cards_english_texts_are_saved_trimmed_kept_when_absent_and_checked() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let current: Value = admin.json("/api/admin/settings/card").await;
    assert_eq!(current["en"]["name"], "Credit card");

    let put = admin
        .put(
            "/api/admin/settings/card",
            card_settings_with(
                &admin,
                json!({"en": {"name": "  Card (Visa, Mastercard, JCB)  ", "notes": "Charged\nwhen shipped.", "card_notice": "", "logo_alt": "Logo"}}),
            )
            .await,
        )
        .await;
    assert_eq!(put.status(), 204);
    let card = &app.checkout_config().await["payment_methods"][0];
    assert_eq!(card["name_en"], "Card (Visa, Mastercard, JCB)");
    assert_eq!(card["notes_en"], "Charged\nwhen shipped.");
    assert_eq!(
        card["card_notice_en"],
        Value::Null,
        "left empty: the Japanese is shown"
    );
    assert_eq!(card["logo_alt_en"], Value::Null, "no logo, no ALT text");
    assert!(card["card_notice"].is_string(), "the Japanese stays");

    // A client that knows nothing of English texts leaves them as they are.
    let mut without = card_settings_with(&admin, json!({"name": "カード払い"})).await;
    without.as_object_mut().map(|o| o.remove("en"));
    assert_eq!(
        admin
            .put("/api/admin/settings/card", without)
            .await
            .status(),
        204
    );
    let card = &app.checkout_config().await["payment_methods"][0];
    assert_eq!(card["name"], "カード払い");
    assert_eq!(card["name_en"], "Card (Visa, Mastercard, JCB)");

    // Each rule names the field: a name on one line of at most 50
    // characters, notes of at most 1,000.
    for (en, field_ja, field_en) in [
        (
            json!({"name": "x".repeat(51)}),
            "支払方法の名称（英語）",
            "The English name",
        ),
        (
            json!({"name": "Card\npayment"}),
            "支払方法の名称（英語）",
            "The English name",
        ),
        (
            json!({"notes": "x".repeat(1001)}),
            "注意書き（英語）",
            "The English notes",
        ),
        (
            json!({"card_notice": "x".repeat(1001)}),
            "クレジットカード情報入力箇所注意書き（英語）",
            "The English card notice",
        ),
    ] {
        let refused = admin
            .put(
                "/api/admin/settings/card",
                card_settings_with(&admin, json!({ "en": en })).await,
            )
            .await;
        assert_eq!(refused.status(), 400, "{en}");
        let body: ApiErrorBody = refused.json().await.expect("json");
        assert_eq!(body.code, "invalid_setting");
        assert!(
            body.message.ja.contains(field_ja) && body.message.en.contains(field_en),
            "{body:?}"
        );
    }
    let card = &app.checkout_config().await["payment_methods"][0];
    assert_eq!(
        card["name_en"], "Card (Visa, Mastercard, JCB)",
        "nothing of a refused request is saved"
    );
}

#[tokio::test]
async fn a_delivery_methods_english_name_is_set_cleared_kept_and_checked() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let methods: Vec<Value> = admin.json("/api/admin/settings/delivery").await;
    assert_eq!(methods[0]["name_en"], "Home delivery");
    let edit = |change: Value| {
        let mut body = methods[0].clone();
        if let (Some(o), Some(change)) = (body.as_object_mut(), change.as_object()) {
            for (k, v) in change {
                o.insert(k.clone(), v.clone());
            }
        }
        body
    };
    let path = "/api/admin/settings/delivery/takkyubin";
    let english = |config: &Value| config["delivery_methods"][0]["name_en"].clone();

    assert_eq!(
        admin.put(path, edit(json!({"name_en": ""}))).await.status(),
        204
    );
    assert_eq!(
        english(&app.checkout_config().await),
        Value::Null,
        "cleared: the Japanese is shown"
    );
    assert_eq!(
        admin
            .put(path, edit(json!({"name_en": " Express "})))
            .await
            .status(),
        204
    );
    let mut without = edit(json!({"lead_days": 3}));
    without.as_object_mut().map(|o| o.remove("name_en"));
    assert_eq!(admin.put(path, without).await.status(), 204);
    assert_eq!(english(&app.checkout_config().await), "Express");

    let refused = admin
        .put(path, edit(json!({"name_en": "x".repeat(51)})))
        .await;
    assert_eq!(refused.status(), 400);
    let body: ApiErrorBody = refused.json().await.expect("json");
    assert_eq!(body.code, "invalid_setting");
    assert!(
        body.message.ja.contains("配送方法の名称（英語）")
            && body.message.en.contains("English name"),
        "{body:?}"
    );

    // A new method keeps its English name too.
    let added = admin
        .post(
            "/api/admin/settings/delivery",
            json!({"name": "クール便", "name_en": "Chilled delivery", "free_shipping_from": null, "accepts": ["card"], "fees": []}),
        )
        .await;
    assert_eq!(added.status(), 201);
    let added: Value = added.json().await.expect("json");
    assert_eq!(added["name_en"], "Chilled delivery");
    let config = app.checkout_config().await;
    assert_eq!(config["delivery_methods"][1]["name_en"], "Chilled delivery");
}
