//! The merchant's settings: the card method (names, notes, logo, amount range, channels), the access key and trader code, and delivery methods.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::card_order;
use crate::helpers::spawn_app;
use crate::helpers::ADMIN_PASSWORD;

#[tokio::test]
async fn card_settings_reach_the_shopper_page_and_never_return_the_access_key() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let current: Value = admin.json("/api/admin/settings/card").await;
    assert_eq!(current["name"], "クレジットカード決済");
    assert_eq!(current["trader_code"], "888888709");
    assert_eq!(current["access_key_set"], true);
    let text = current.to_string();
    assert!(
        !text.contains("1111111") && !text.contains("access_key\":\""),
        "{text}"
    );

    let mut changed = current.clone();
    if let Some(o) = changed.as_object_mut() {
        o.remove("trader_code");
        o.remove("access_key_set");
        o.insert(
            "name".into(),
            json!("カード払い（Visa/Master/JCB/Amex/Diners）"),
        );
        o.insert("notes".into(), json!("発送時に売上が確定します。"));
        o.insert("logo_url".into(), json!(""));
        o.insert("logo_alt".into(), json!("消えるはずのALT"));
    }
    let put = admin.put("/api/admin/settings/card", changed.clone()).await;
    assert_eq!(put.status(), 204);
    let config: Value = app.checkout_config().await;
    let card = &config["payment_methods"][0];
    assert_eq!(card["name"], "カード払い（Visa/Master/JCB/Amex/Diners）");
    assert_eq!(card["notes"], "発送時に売上が確定します。");
    assert_eq!(
        card["logo_alt"],
        Value::Null,
        "画像削除 clears the image and its ALT"
    );

    let mut bad = changed.clone();
    bad["delivery_service"] = json!("01");
    let refused = admin.put("/api/admin/settings/card", bad).await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        refused.json::<ApiErrorBody>().await.expect("json").code,
        "invalid_setting"
    );
    let anonymous = app
        .client
        .put(format!("{}/api/admin/settings/card", app.admin_address))
        .json(&changed)
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn delivery_settings_link_payment_methods_and_set_fees() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let methods: Vec<Value> = admin.json("/api/admin/settings/delivery").await;
    assert_eq!(methods[0]["name"], "宅配便");
    assert_eq!(methods[0]["accepts"], json!(["bank_transfer", "card"]));
    let mut fees = methods[0]["fees"].as_array().cloned().unwrap_or_default();
    assert_eq!(fees.len(), 47);
    fees[12]["fee"] = json!(700); // 東京都
    let put = |body: Value| {
        let (client, url, cookie, csrf) = (
            app.client.clone(),
            format!(
                "{}/api/admin/settings/delivery/takkyubin",
                app.admin_address
            ),
            admin.cookie.clone(),
            admin.csrf.clone(),
        );
        async move {
            client
                .put(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .json(&body)
                .send()
                .await
                .expect("sent")
        }
    };
    // The card unlinked from 宅配便 is not offered to shoppers (the seed's warning).
    let response =
        put(json!({"free_shipping_from": 10000, "accepts": ["bank_transfer"], "fees": fees})).await;
    assert_eq!(response.status(), 204);
    let quote: Value = app
        .quote(json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}], "prefecture": 13}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(quote["shipping"]["fee"], 700);
    assert_eq!(
        quote["payment_methods"][0]["reason"],
        "not_accepted_by_delivery"
    );
    let bad = put(json!({"free_shipping_from": -1, "accepts": ["card"], "fees": []})).await;
    assert_eq!(bad.status(), 400);
    let bad = put(json!({"free_shipping_from": null, "accepts": ["cash"], "fees": []})).await;
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn the_amount_range_and_the_notes_switch_apply_to_shoppers() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let mut settings = admin.card_settings().await;
    if let Some(o) = settings.as_object_mut() {
        o.insert("max_amount".into(), json!(3000));
        o.insert("show_notes".into(), json!(false));
    }
    let put = |body: Value| {
        let (client, url, cookie, csrf) = (
            app.client.clone(),
            format!("{}/api/admin/settings/card", app.admin_address),
            admin.cookie.clone(),
            admin.csrf.clone(),
        );
        async move {
            client
                .put(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .json(&body)
                .send()
                .await
                .expect("sent")
        }
    };
    assert_eq!(put(settings.clone()).await.status(), 204);
    let quote: Value = app
        .quote(json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}], "prefecture": 13}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(quote["payment_methods"][0]["reason"], "out_of_range");
    let config: Value = app.checkout_config().await;
    assert_eq!(config["payment_methods"][0]["notes"], Value::Null);
    settings["min_amount"] = json!(5000);
    assert_eq!(
        put(settings).await.status(),
        400,
        "the minimum may not exceed the maximum"
    );
}

#[tokio::test]
async fn the_access_key_is_write_only_and_drives_the_checksum() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let put = |key: &str| {
        admin.put(
            "/api/admin/settings/card/access-key",
            json!({"access_key": key, "current_password": ADMIN_PASSWORD}),
        )
    };
    assert_eq!(put("76543x!").await.status(), 400);
    let unconfirmed = admin
        .put(
            "/api/admin/settings/card/access-key",
            json!({"access_key": "7654321", "current_password": "not it"}),
        )
        .await;
    assert_eq!(unconfirmed.status(), 403, "the password is asked again");
    assert_eq!(
        unconfirmed.json::<Value>().await.expect("json")["code"],
        "wrong_password"
    );
    assert_eq!(put("7654321").await.status(), 204);
    let config: Value = app.checkout_config().await;
    assert_eq!(
        config["token"]["check_sum"],
        zerostep_server::gateway::Gateway::check_sum_for("7654321", "3"),
        "the shop authenticates cards (3-D Secure with the security code) from the start"
    );
    let settings = admin
        .get("/api/admin/settings/card")
        .await
        .text()
        .await
        .expect("text");
    assert!(
        !settings.contains("7654321") && settings.contains("\"access_key_set\":true"),
        "{settings}"
    );
    let anonymous = app
        .client
        .put(format!(
            "{}/api/admin/settings/card/access-key",
            app.admin_address
        ))
        .json(&json!({"access_key": "1", "current_password": ADMIN_PASSWORD}))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn the_purchase_route_setting_hides_the_card_from_smartphones() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let mut settings = admin.card_settings().await;
    assert_eq!(settings["channels"], json!(["pc", "smartphone"]));
    settings["channels"] = json!(["pc"]);
    let put = admin
        .put("/api/admin/settings/card", settings.clone())
        .await;
    assert_eq!(put.status(), 204);
    let body = json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}], "prefecture": 13});
    let phone: Value = app
        .client
        .post(format!("{}/api/quotes", app.address))
        .header(
            "user-agent",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148",
        )
        .json(&body)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(phone["payment_methods"][0]["reason"], "not_on_this_device");
    let pc: Value = app
        .client
        .post(format!("{}/api/quotes", app.address))
        .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0")
        .json(&body)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(pc["payment_methods"][0]["selectable"], true);
}

#[tokio::test]
async fn the_logo_image_is_uploaded_served_and_removed_with_its_alt() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let url = format!("{}/api/admin/settings/card/logo", app.admin_address);
    let png: Vec<u8> = [
        &[0x89u8, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0u8; 32][..],
    ]
    .concat();
    let upload = |bytes: Vec<u8>| {
        app.client
            .put(&url)
            .header("cookie", &admin.cookie)
            .header("x-csrf-token", &admin.csrf)
            .body(bytes)
            .send()
    };
    assert_eq!(
        upload(b"<svg onload=alert(1)>".to_vec())
            .await
            .expect("sent")
            .status(),
        400,
        "SVG and other types are refused"
    );
    assert_eq!(
        upload(vec![0x89; 300 * 1024]).await.expect("sent").status(),
        400
    );
    assert_eq!(upload(png.clone()).await.expect("sent").status(), 204);
    let config: Value = app.checkout_config().await;
    let logo = config["payment_methods"][0]["logo_url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(logo.starts_with("/api/payment-logos/card?v="), "{logo}");
    let served = app.get(&logo).await;
    assert_eq!(
        served
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/png")
    );
    assert_eq!(served.bytes().await.expect("bytes").to_vec(), png);
    let removed = app
        .client
        .delete(&url)
        .header("cookie", &admin.cookie)
        .header("x-csrf-token", &admin.csrf)
        .send()
        .await
        .expect("sent");
    assert_eq!(removed.status(), 204);
    let config: Value = app.checkout_config().await;
    assert_eq!(
        (
            &config["payment_methods"][0]["logo_url"],
            &config["payment_methods"][0]["logo_alt"]
        ),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(app.get("/api/payment-logos/card").await.status(), 404);
}

#[tokio::test]
async fn the_trader_code_saved_in_the_admin_is_the_one_used() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let put = |code: &str| {
        admin.put(
            "/api/admin/settings/card/trader-code",
            json!({"trader_code": code, "current_password": ADMIN_PASSWORD}),
        )
    };
    assert_eq!(put("888-888").await.status(), 400);
    let unconfirmed = admin
        .put(
            "/api/admin/settings/card/trader-code",
            json!({"trader_code": "999999999", "current_password": ""}),
        )
        .await;
    assert_eq!(unconfirmed.status(), 403, "the password is asked again");
    assert_eq!(put("999999999").await.status(), 204);
    let config: Value = app.checkout_config().await;
    assert_eq!(config["token"]["trader_code"], "999999999");
    let settings: Value = admin.json("/api/admin/settings/card").await;
    assert_eq!(settings["trader_code"], "999999999");
    // The sandbox knows only 888888709: the gateway now refuses the calls as Yamato would (Z012000007).
    assert_eq!(put("888888709").await.status(), 204);
    let number = card_order(&app, "4111111111111111").await;
    assert_eq!(put("999999999").await.status(), 204);
    let sync = admin
        .post(&format!("/api/admin/orders/{number}/sync"), json!({}))
        .await;
    assert_eq!(sync.status(), 422);
    assert!(sync
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .to_string()
        .contains("Z012000007"));
}

#[tokio::test]
async fn the_cart_type_reaches_the_purchase_page_and_refuses_unknown_names() {
    async fn config(app: &crate::helpers::TestApp) -> Value {
        let config: Value = app.checkout_config().await;
        config["cart_type"].clone()
    }
    let app = spawn_app().await;
    assert_eq!(config(&app).await, "zero_step", "a new shop is zero-step");
    let admin = app.login_admin().await;
    let current: Value = admin.json("/api/admin/settings/basic").await;
    assert_eq!(current["cart_type"], "zero_step");

    let mut changed = current.clone();
    changed["cart_type"] = json!("three_step");
    let put = admin
        .put("/api/admin/settings/basic", changed.clone())
        .await;
    assert_eq!(put.status(), 204);
    assert_eq!(config(&app).await, "three_step");
    let read: Value = admin.json("/api/admin/settings/basic").await;
    assert_eq!(read["cart_type"], "three_step");

    let mut unknown = changed.clone();
    unknown["cart_type"] = json!("two_step");
    let refused = admin.put("/api/admin/settings/basic", unknown).await;
    assert_eq!(refused.status(), 400);
    let body = refused.json::<ApiErrorBody>().await.expect("json");
    assert!(
        body.message.en.contains("three_step"),
        "the rule names what is accepted: {:?}",
        body.message
    );
    assert_eq!(config(&app).await, "three_step", "nothing changed");

    let anonymous = app
        .client
        .put(format!("{}/api/admin/settings/basic", app.admin_address))
        .json(&current)
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
}
