//! `POST /api/orders`: re-pricing, the offer's checks, A08 against the sandbox and what an approved, declined or bank-transfer order records.

use serde_json::json;
use zerostep_domain::order::{OrderOutcome, OrderPlaced};
use zerostep_domain::ApiErrorBody;

use crate::helpers::fixtures::{body_with_total, card_order_body};
use crate::helpers::shopper::key;
use crate::helpers::spawn_app;

#[tokio::test]
async fn an_approved_card_completes_the_order_and_queues_both_mails() {
    let app = spawn_app().await;
    let response = app
        .order(
            "k-approve",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(
        (placed.outcome, placed.total.get()),
        (OrderOutcome::Complete, 4_180)
    );
    let (status, receipt_no, crd) = app.order_row(&placed.order_number).await;
    assert_eq!(status, "authorized");
    assert!(receipt_no.len() <= 23 && receipt_no != placed.order_number);
    let txn = app.sandbox_transaction(&receipt_no).await;
    assert_eq!(
        (txn["status"].as_u64(), txn["amount"].as_u64()),
        (Some(4), Some(4_180))
    );
    assert_eq!(crd.as_deref(), txn["crd_c_res_cd"].as_str());
    assert_eq!(txn["device_div"], "2");

    let mails: Vec<(String, String, String)> =
        sqlx::query_as("SELECT kind, recipient, body FROM outbox ORDER BY id")
            .fetch_all(&app.pool().await)
            .await
            .expect("outbox");
    assert_eq!(
        mails.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(),
        ["shop_notice", "thanks"]
    );
    assert_eq!(mails[1].1, "taro@example.jp");
    assert_eq!(mails[0].1, "shop@example.jp");
    assert!(
        mails[1].2.contains(&placed.order_number) && mails[1].2.contains("クレジットカード決済")
    );
    assert!(
        mails[1].2.contains("ご注文時にカードの与信"),
        "payment notes from settings"
    );
    let eml = std::fs::read_dir(app.dir.path().join("outbox"))
        .expect("outbox dir")
        .count();
    assert_eq!(eml, 2);
}

#[tokio::test]
async fn a_smartphone_is_device_div_1() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(format!("{}/api/orders", app.address))
        .header("Idempotency-Key", key("k-phone"))
        .header(
            "User-Agent",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148",
        )
        .json(&card_order_body(&app, "4111111111111111").await)
        .send()
        .await
        .expect("sent");
    let placed: OrderPlaced = response.json().await.expect("json");
    let (_, receipt_no, _) = app.order_row(&placed.order_number).await;
    assert_eq!(
        app.sandbox_transaction(&receipt_no).await["device_div"],
        "1"
    );
}

#[tokio::test]
async fn declines_keep_the_order_incomplete_with_the_reason() {
    let app = spawn_app().await;
    let cards = [
        ("4000000000000002", "G12"),
        ("4000000000009995", "G55"),
        ("4000000000000069", "G83"),
        ("4000000000000127", "G44"),
        ("4000000000000119", "C50"),
    ];
    for (i, (card, cg)) in cards.into_iter().enumerate() {
        let response = app
            .order(
                &format!("k-decline-{i}"),
                &card_order_body(&app, card).await,
            )
            .await;
        assert_eq!(response.status(), 402, "{card}");
        let error: ApiErrorBody = response.json().await.expect("json");
        assert_eq!(error.code, "card_declined");
        assert!(
            error.message.to_string().contains(cg)
                && error.message.to_string().contains("別のカード"),
            "{}",
            error.message
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'declined'")
            .await,
        5
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'authorized'")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox").await,
        0,
        "no mail for an incomplete order"
    );
}

#[tokio::test]
async fn the_server_reprices_and_refuses_what_the_card_cannot_pay() {
    let app = spawn_app().await;
    let token = app.token("4111111111111111").await;
    let tampered = body_with_total(json!({"method": "card", "token": token, "pay_way": 1}), 100);
    let response = app.order("k-tampered", &tampered).await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        response.json::<ApiErrorBody>().await.expect("json").code,
        "price_changed"
    );

    let mut over = card_order_body(&app, "4111111111111111").await;
    over["lines"] = json!([{"sku": "KUTANI-OZARA", "quantity": 1}]);
    over["confirmed_total"] = json!(330_000);
    let response = app.order("k-over", &over).await;
    assert_eq!(response.status(), 422);
    let error: ApiErrorBody = response.json().await.expect("json");
    assert_eq!(error.code, "payment_method_unavailable");
    assert!(error.message.to_string().contains("30万円"));

    let mut okinawa = card_order_body(&app, "4111111111111111").await;
    okinawa["buyer"]["address"] = json!({"postal_code": "9071801", "prefecture": 47, "city": "八重山郡与那国町与那国", "line1": "1", "line2": null});
    okinawa["confirmed_total"] = json!(3_300);
    let response = app.order("k-undetermined", &okinawa).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .to_string()
        .contains("確定しない"));

    let mut instalments = card_order_body(&app, "4111111111111111").await;
    instalments["payment"]["pay_way"] = json!(24);
    assert_eq!(
        app.order("k-payway", &instalments)
            .await
            .json::<ApiErrorBody>()
            .await
            .expect("json")
            .code,
        "pay_way_not_offered"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders").await,
        0,
        "nothing was written"
    );
}

#[tokio::test]
async fn bank_transfer_orders_complete_without_the_gateway() {
    let app = spawn_app().await;
    let response = app
        .order(
            "k-bank",
            &body_with_total(json!({"method": "bank_transfer"}), 4_180),
        )
        .await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(app.order_row(&placed.order_number).await.0, "accepted");
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 2);
}

#[tokio::test]
async fn requests_without_a_key_or_json_are_refused() {
    let app = spawn_app().await;
    let body = card_order_body(&app, "4111111111111111").await;
    let no_key = app
        .client
        .post(format!("{}/api/orders", app.address))
        .json(&body)
        .send()
        .await
        .expect("sent");
    assert_eq!(no_key.status(), 400);
    assert_eq!(
        no_key.json::<ApiErrorBody>().await.expect("json").code,
        "invalid_idempotency_key"
    );
    let not_json = app
        .client
        .post(format!("{}/api/orders", app.address))
        .header("Idempotency-Key", key("k"))
        .body("x")
        .send()
        .await
        .expect("sent");
    assert_eq!(not_json.status(), 415);
    let mut card_number = body.clone();
    card_number["payment"]["card_no"] = json!("4111111111111111");
    let response = app.order("k-cardno", &card_number).await;
    assert_eq!(response.status(), 400, "no field can carry card data");
    // Nothing may follow the order.
    let trailing = app
        .client
        .post(format!("{}/api/orders", app.address))
        .header("Idempotency-Key", key("k-trailing"))
        .header("content-type", "application/json")
        .body(format!("{body}{{}}"))
        .send()
        .await
        .expect("sent");
    assert_eq!(trailing.status(), 400);
    // A refused field is named with its path and its rule.
    for (field, value, rule) in [
        ("phone", json!("0123"), "digits"),
        ("email", json!("taro"), "@"),
    ] {
        let mut bad = body.clone();
        bad["buyer"][field] = value;
        let response = app.order(&format!("k-bad-{field}"), &bad).await;
        assert_eq!(response.status(), 400);
        let error: ApiErrorBody = response.json().await.expect("json");
        assert_eq!(error.code, "invalid_field");
        let path = format!("buyer.{field}");
        assert!(
            error
                .message
                .to_string()
                .contains(&format!("ご注文内容の {path} が正しくありません"))
                && error
                    .message
                    .to_string()
                    .contains(&format!("The order's {path} is invalid"))
                && error.message.to_string().contains(rule),
            "{}",
            error.message
        );
    }
}

#[tokio::test]
async fn a_method_switched_off_or_unlinked_is_refused() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    sqlx::query("DELETE FROM delivery_method_payments WHERE payment_code = 'card'")
        .execute(&pool)
        .await
        .expect("unlink");
    let response = app
        .order(
            "k-unlinked",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        response.json::<ApiErrorBody>().await.expect("json").code,
        "payment_method_unavailable"
    );
    sqlx::query("UPDATE payment_methods SET enabled = 0 WHERE code = 'bank_transfer'")
        .execute(&pool)
        .await
        .expect("disable");
    let response = app
        .order(
            "k-disabled",
            &body_with_total(json!({"method": "bank_transfer"}), 4_180),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 0);
}

/// The normal path writes the whole completion at once: the order is
/// authorized, its card attempt forgotten, both mails queued, and the answer
/// stored under the key, all before the reply.
#[tokio::test]
async fn an_authorized_order_is_answered_with_its_state_mails_and_answer_recorded() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    let response = app
        .order(
            "k-complete",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    let (status, queued): (String, i64) =
        sqlx::query_as("SELECT status, mails_queued FROM orders WHERE order_number = $1")
            .bind(&placed.order_number)
            .fetch_one(&pool)
            .await
            .expect("order");
    assert_eq!((status.as_str(), queued), ("authorized", 1));
    let mails: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.order_number = $1",
    )
    .bind(&placed.order_number)
    .fetch_one(&pool)
    .await
    .expect("outbox");
    assert_eq!(mails.0, 2);
    let attempts: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM card_failures")
        .fetch_one(&pool)
        .await
        .expect("attempts");
    assert_eq!(
        attempts.0, 0,
        "an authorization does not count as a failed attempt"
    );
    let (code, body): (Option<i64>, Option<String>) =
        sqlx::query_as("SELECT response_code, response_body FROM idempotency_keys WHERE key = $1")
            .bind(key("k-complete"))
            .fetch_one(&pool)
            .await
            .expect("key");
    assert_eq!(code, Some(201));
    let stored: OrderPlaced = serde_json::from_str(&body.expect("body")).expect("stored json");
    assert_eq!(stored.order_number, placed.order_number);
    let files = std::fs::read_dir(&app.state.services.config.outbox_dir)
        .expect("outbox dir")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains(&placed.order_number)
        })
        .count();
    assert_eq!(files, 2, "both .eml copies written");
}
