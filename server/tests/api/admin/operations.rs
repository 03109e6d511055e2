//! The payment operations on an order against the sandbox: 売上確定 by slip, 再与信, 取消, 金額変更 and the status sync.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::spawn_app;
use crate::helpers::{card_order, slip};

#[tokio::test]
async fn a_slip_confirms_the_sale_and_sync_follows_the_pickup_scan() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;

    let list: Value = admin
        .get("/api/admin/orders?q=山田")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(list[0]["order_number"], number.as_str());
    assert_eq!(list[0]["payment_status"], "与信完了");
    let detail = admin.detail(&number).await;
    assert_eq!(detail["can_register_slip"], true);
    assert_eq!(detail["hold_days_left"], 60);
    assert_eq!(detail["operations"][0]["function_div"], "A08");

    let path = format!("/api/admin/orders/{number}/shipment");
    let empty = admin.post(&path, json!({"slip_no": " "})).await;
    assert_eq!(empty.status(), 400);
    assert_eq!(
        empty.json::<ApiErrorBody>().await.expect("json").code,
        "slip_required"
    );
    let bad = admin.post(&path, json!({"slip_no": "123456789010"})).await;
    assert_eq!(bad.status(), 400);
    assert!(bad
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .to_string()
        .contains("E011010451"));

    let good = slip(22_222_222_222);
    assert_eq!(
        admin.post(&path, json!({"slip_no": good})).await.status(),
        204
    );
    let detail = admin.detail(&number).await;
    assert_eq!(
        (
            detail["payment_status"].as_str(),
            detail["slip_no"].as_str()
        ),
        (Some("精算確定待ち"), Some(good.as_str()))
    );
    assert_eq!(
        detail["can_reauthorize"], false,
        "再与信 disappears once a slip is registered"
    );
    let ops: Vec<(String, String, String)> = detail["operations"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| {
                    (
                        o["function_div"].to_string(),
                        o["outcome"].to_string(),
                        o["error_code"].to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        ops,
        [
            ("\"A08\"", "\"ok\"", "null"),
            ("\"E01\"", "\"error\"", "\"E011010451\""),
            ("\"E01\"", "\"ok\"", "null")
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    assert_eq!(detail["operations"][2]["actor"], "admin");
    let notice: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE kind = 'shipping_notice' AND body LIKE $1",
    )
    .bind(format!("%{good}%"))
    .fetch_one(&app.pool().await)
    .await
    .expect("count");
    assert_eq!(notice, 1, "配送通知メール with the 問合番号");
    let again = admin
        .post(&path, json!({"slip_no": slip(33_333_333_333)}))
        .await;
    assert_eq!(again.status(), 409);

    app.scan(&good).await;
    assert_eq!(
        zerostep_server::reconcile::sync_awaiting(&app.state.services)
            .await
            .expect("sync"),
        1
    );
    let detail = admin.detail(&number).await;
    assert_eq!(detail["payment_status"], "精算確定");
}

/// Two changes to one order never run at once. While a 再与信 waits for the
/// gateway, a slip (E01) and a second 再与信 are refused as `order_busy`
/// (before, the E01 went through and the A11's answer then wrote 与信完了
/// over the registered slip's state, and a double click made two A11s).
#[tokio::test]
async fn a_change_while_another_runs_on_the_order_is_refused_as_busy() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    // The gateway answers the A11 after 1 s, within the client's timeout.
    app.fault(json!({"action": "reAuth", "mode": "delay", "delay_ms": 1_000}))
        .await;
    let reauth = format!("/api/admin/orders/{number}/reauth");
    let shipment = format!("/api/admin/orders/{number}/shipment");
    let later = |ms| tokio::time::sleep(std::time::Duration::from_millis(ms));
    let (first, ship, second) = tokio::join!(
        admin.post(&reauth, json!({})),
        async {
            later(300).await;
            admin.post(&shipment, json!({"slip_no": slip(1234)})).await
        },
        async {
            later(400).await;
            admin.post(&reauth, json!({})).await
        },
    );
    assert_eq!(first.status(), 204);
    for (what, response) in [("E01", ship), ("second A11", second)] {
        assert_eq!(response.status(), 409, "{what}");
        let body: ApiErrorBody = response.json().await.expect("json");
        assert_eq!(body.code, "order_busy", "{what}");
        assert!(
            body.message.to_string().contains("処理中"),
            "{what}: {}",
            body.message
        );
    }
    let detail = admin.detail(&number).await;
    let operations: Vec<&str> = detail["operations"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter_map(|o| o["function_div"].as_str())
                .filter(|fd| *fd != "E04")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(operations, ["A08", "A11"], "one A11, no E01 sent");
    assert!(detail["slip_no"].is_null());
    // Once the 再与信 is done, the lease is free again.
    let ship = admin.post(&shipment, json!({"slip_no": slip(1234)})).await;
    assert_eq!(ship.status(), 204);
}

#[tokio::test]
async fn reauthorization_shows_when_it_ran_and_is_refused_in_the_nightly_window() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    let path = format!("/api/admin/orders/{number}/reauth");
    assert_eq!(admin.post(&path, json!({})).await.status(), 204);
    let detail = admin.detail(&number).await;
    assert!(detail["last_reauth_at"].is_string());

    app.client
        .post(format!("{}/__sandbox/clock", app.sandbox()))
        .json(&json!({"now": "2026-11-29T23:30:00+09:00"}))
        .send()
        .await
        .expect("clock");
    let refused = admin.post(&path, json!({})).await;
    assert_eq!(refused.status(), 422);
    let error: ApiErrorBody = refused.json().await.expect("json");
    assert!(
        error.message.to_string().contains("A110000000")
            && error.message.to_string().contains("23:00"),
        "{}",
        error.message
    );

    app.client
        .post(format!("{}/__sandbox/clock", app.sandbox()))
        .json(&json!({}))
        .send()
        .await
        .expect("clock");
    let failing = card_order(&app, "4000000000000341").await;
    let refused = admin
        .post(&format!("/api/admin/orders/{failing}/reauth"), json!({}))
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .to_string()
        .contains("A112000004"));
}

#[tokio::test]
async fn cancel_and_amount_change_keep_the_order_and_gateway_in_step() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    assert_eq!(
        admin
            .post(
                &format!("/api/admin/orders/{number}/amount"),
                json!({"new_price": 3000})
            )
            .await
            .status(),
        204
    );
    let detail = admin.detail(&number).await;
    assert_eq!(detail["total"], 3000);
    let receipt = detail["receipt_no"].as_str().unwrap_or_default().to_owned();
    assert_eq!(app.sandbox_transaction(&receipt).await["amount"], 3000);

    assert_eq!(
        admin
            .post(&format!("/api/admin/orders/{number}/cancel"), json!({}))
            .await
            .status(),
        204
    );
    let detail = admin.detail(&number).await;
    assert_eq!(detail["payment_status"], "取消");
    assert_eq!(app.sandbox_transaction(&receipt).await["status"], 40);
    assert_eq!(
        admin
            .post(&format!("/api/admin/orders/{number}/sync"), json!({}))
            .await
            .status(),
        204
    );
}

/// 金額変更 above the amount authorized charges the shopper more than they
/// agreed to: refused unless confirmed as an increase (security review L8).
#[tokio::test]
async fn an_amount_above_the_authorized_one_needs_its_increase_confirmed() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    let authorized = admin.detail(&number).await["total"]
        .as_i64()
        .expect("total");
    let path = format!("/api/admin/orders/{number}/amount");
    let raised = authorized + 1000;
    let refused = admin.post(&path, json!({"new_price": raised})).await;
    assert_eq!(refused.status(), 409);
    let body = refused.json::<ApiErrorBody>().await.expect("json");
    assert_eq!(body.code, "increase_not_confirmed");
    assert!(
        body.message.ja.contains(&format!("{authorized}円")),
        "{}",
        body.message
    );
    let detail = admin.detail(&number).await;
    assert_eq!(detail["total"], authorized, "nothing changed");
    let receipt = detail["receipt_no"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        app.sandbox_transaction(&receipt).await["amount"],
        authorized
    );
    assert!(
        !detail.to_string().contains("A07"),
        "the gateway was not asked: {detail}"
    );
    let confirmed = admin
        .post(
            &path,
            json!({"new_price": raised, "confirm_increase": true}),
        )
        .await;
    assert_eq!(confirmed.status(), 204);
    assert_eq!(app.sandbox_transaction(&receipt).await["amount"], raised);
    // Lower needs nothing more.
    assert_eq!(
        admin.post(&path, json!({"new_price": 3000})).await.status(),
        204
    );
}

/// 再与信 never undoes a 取消 by the way: that is its own action, which holds
/// the order's amount on the card again, and which nothing else offers.
#[tokio::test]
async fn a_cancel_is_undone_only_by_its_own_action() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    let undo = format!("/api/admin/orders/{number}/undo-cancel");
    let reauth = format!("/api/admin/orders/{number}/reauth");

    // Not cancelled: nothing to undo.
    let refused = admin.post(&undo, json!({})).await;
    assert_eq!(refused.status(), 409);
    let body: serde_json::Value = refused.json().await.expect("json");
    assert_eq!(body["code"], "not_allowed_in_this_state");
    assert_eq!(body["message"]["ja"], "この注文は取消されていません。");
    let detail = admin.detail(&number).await;
    assert_eq!(
        (
            detail["can_reauthorize"].clone(),
            detail["can_undo_cancel"].clone()
        ),
        (json!(true), json!(false))
    );

    assert_eq!(
        admin
            .post(&format!("/api/admin/orders/{number}/cancel"), json!({}))
            .await
            .status(),
        204
    );
    let detail = admin.detail(&number).await;
    let receipt = detail["receipt_no"].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        (
            detail["can_reauthorize"].clone(),
            detail["can_undo_cancel"].clone()
        ),
        (json!(false), json!(true))
    );

    // The ordinary 再与信 leaves a cancelled payment cancelled, and says how to undo it.
    let refused = admin.post(&reauth, json!({})).await;
    assert_eq!(refused.status(), 409);
    let body: serde_json::Value = refused.json().await.expect("json");
    assert!(
        body["message"]["ja"]
            .as_str()
            .is_some_and(|m| m.contains("取消を取り消して再与信")),
        "{body}"
    );
    assert_eq!(app.sandbox_transaction(&receipt).await["status"], 40);

    assert_eq!(admin.post(&undo, json!({})).await.status(), 204);
    assert_eq!(app.sandbox_transaction(&receipt).await["status"], 4);
    let detail = admin.detail(&number).await;
    assert_eq!(detail["payment_status"], "与信完了");
    assert_eq!(
        (
            detail["can_reauthorize"].clone(),
            detail["can_undo_cancel"].clone()
        ),
        (json!(true), json!(false))
    );
    let history = detail["operations"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        history
            .iter()
            .filter(|o| o["function_div"] == "A11" && o["outcome"] == "ok")
            .count(),
        1,
        "{history:?}"
    );
}

/// 与信の残り日数 counts down the configured gateway's hold period, not the
/// sandbox's.
#[tokio::test]
async fn the_hold_countdown_uses_the_configured_period() {
    let app = crate::helpers::spawn_app_with(|c| c.gateway.hold_days = 45).await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    assert_eq!(admin.detail(&number).await["hold_days_left"], 45);
}

/// A wrongly registered slip is withdrawn with E02 while the sale awaits
/// settlement; the payment is 与信完了 again and another slip can be
/// registered. Without a slip, or once settled, E02 is refused in words.
#[tokio::test]
async fn a_slip_is_withdrawn_with_e02_until_the_parcel_is_settled() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    let withdraw = format!("/api/admin/orders/{number}/shipment/withdraw");
    let ship = format!("/api/admin/orders/{number}/shipment");

    let refused = admin.post(&withdraw, json!({})).await;
    assert_eq!(refused.status(), 409);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(
        body["message"]["ja"],
        "この注文には問い合わせ番号が登録されていません。"
    );

    let wrong = slip(33_333_333_333);
    assert_eq!(
        admin.post(&ship, json!({"slip_no": wrong})).await.status(),
        204
    );
    let detail = admin.detail(&number).await;
    assert_eq!(detail["can_withdraw_slip"], true);
    let receipt = detail["receipt_no"].as_str().unwrap_or_default().to_owned();

    assert_eq!(admin.post(&withdraw, json!({})).await.status(), 204);
    let detail = admin.detail(&number).await;
    assert_eq!(detail["payment_status"], "与信完了");
    assert_eq!(detail["slip_no"], Value::Null);
    assert_eq!(
        (
            detail["can_register_slip"].clone(),
            detail["can_withdraw_slip"].clone()
        ),
        (json!(true), json!(false))
    );
    assert_eq!(app.sandbox_transaction(&receipt).await["status"], 4);
    assert!(detail["operations"].as_array().is_some_and(|ops| ops
        .iter()
        .any(|o| o["function_div"] == "E02" && o["outcome"] == "ok")));

    // The right slip, scanned: settled, and no longer withdrawn.
    let right = slip(44_444_444_444);
    assert_eq!(
        admin.post(&ship, json!({"slip_no": right})).await.status(),
        204
    );
    app.scan(&right).await;
    assert_eq!(
        admin
            .post(&format!("/api/admin/orders/{number}/sync"), json!({}))
            .await
            .status(),
        204
    );
    let refused = admin.post(&withdraw, json!({})).await;
    assert_eq!(refused.status(), 409);
    assert_eq!(admin.detail(&number).await["payment_status"], "精算確定");
}

/// 受注明細 names the method as the order was placed: renaming it in 名称設定
/// changes new orders, not old ones. 支払回数 is shown.
#[tokio::test]
async fn the_detail_keeps_the_payment_name_the_order_was_placed_under() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let before = card_order(&app, "4111111111111111").await;
    let mut settings = admin.card_settings().await;
    settings["name"] = json!("カード払い");
    assert_eq!(
        admin
            .put("/api/admin/settings/card", settings)
            .await
            .status(),
        204
    );
    let after = card_order(&app, "4111111111111111").await;
    let old = admin.detail(&before).await;
    assert_eq!(old["payment_name"], "クレジットカード決済");
    assert_eq!(old["pay_way"], 1);
    assert_eq!(old["delivery_method_name"], "宅配便");
    assert_eq!(admin.detail(&after).await["payment_name"], "カード払い");
}
