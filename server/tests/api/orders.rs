//! `POST /api/orders`: A08 against the sandbox, idempotency, unknown
//! outcomes and the reconciler, the card-testing defence, and mail.

use serde_json::{json, Value};
use zerostep_domain::order::{OrderOutcome, OrderPlaced};
use zerostep_domain::ApiErrorBody;

use crate::helpers::{spawn_app, TestApp};

/// An order for one 湯呑み (3,300 yen) to Tokyo (880 shipping): 4,180 yen.
fn order_body(payment: Value, total: u64) -> Value {
    let mut body = crate::common::order_body(payment, "taro@example.jp");
    body["confirmed_total"] = json!(total);
    body
}

async fn card_order(app: &TestApp, card: &str) -> Value {
    let token = app.token(card).await;
    order_body(
        json!({"method": "card", "token": token, "pay_way": 1}),
        4_180,
    )
}

async fn order_row(app: &TestApp, order_number: &str) -> (String, String, Option<String>) {
    sqlx::query_as("SELECT status, receipt_no, crd_c_res_cd FROM orders WHERE order_number = $1")
        .bind(order_number)
        .fetch_one(&app.pool().await)
        .await
        .expect("order row")
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.pool().await)
        .await
        .expect("count")
}

#[tokio::test]
async fn an_approved_card_completes_the_order_and_queues_both_mails() {
    let app = spawn_app().await;
    let response = app
        .order("k-approve", &card_order(&app, "4111111111111111").await)
        .await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(
        (placed.outcome, placed.total.get()),
        (OrderOutcome::Complete, 4_180)
    );
    let (status, receipt_no, crd) = order_row(&app, &placed.order_number).await;
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
        .header("Idempotency-Key", "k-phone")
        .header(
            "User-Agent",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148",
        )
        .json(&card_order(&app, "4111111111111111").await)
        .send()
        .await
        .expect("sent");
    let placed: OrderPlaced = response.json().await.expect("json");
    let (_, receipt_no, _) = order_row(&app, &placed.order_number).await;
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
            .order(&format!("k-decline-{i}"), &card_order(&app, card).await)
            .await;
        assert_eq!(response.status(), 402, "{card}");
        let error: ApiErrorBody = response.json().await.expect("json");
        assert_eq!(error.code, "card_declined");
        assert!(
            error.message.contains(cg) && error.message.contains("別のカード"),
            "{}",
            error.message
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM orders WHERE status = 'declined'"
        )
        .await,
        5
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM orders WHERE status = 'authorized'"
        )
        .await,
        0
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox").await,
        0,
        "no mail for an incomplete order"
    );
}

#[tokio::test]
async fn the_server_reprices_and_refuses_what_the_card_cannot_pay() {
    let app = spawn_app().await;
    let token = app.token("4111111111111111").await;
    let tampered = order_body(json!({"method": "card", "token": token, "pay_way": 1}), 100);
    let response = app.order("k-tampered", &tampered).await;
    assert_eq!(response.status(), 409);
    assert_eq!(
        response.json::<ApiErrorBody>().await.expect("json").code,
        "price_changed"
    );

    let mut over = card_order(&app, "4111111111111111").await;
    over["lines"] = json!([{"sku": "KUTANI-OZARA", "quantity": 1}]);
    over["confirmed_total"] = json!(330_000);
    let response = app.order("k-over", &over).await;
    assert_eq!(response.status(), 422);
    let error: ApiErrorBody = response.json().await.expect("json");
    assert_eq!(error.code, "payment_method_unavailable");
    assert!(error.message.contains("30万円"));

    let mut okinawa = card_order(&app, "4111111111111111").await;
    okinawa["buyer"]["address"] = json!({"postal_code": "9071801", "prefecture": 47, "city": "八重山郡与那国町与那国", "line1": "1", "line2": null});
    okinawa["confirmed_total"] = json!(3_300);
    let response = app.order("k-undetermined", &okinawa).await;
    assert_eq!(response.status(), 422);
    assert!(response
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .contains("確定していない"));

    let mut instalments = card_order(&app, "4111111111111111").await;
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
        count(&app, "SELECT COUNT(*) FROM orders").await,
        0,
        "nothing was written"
    );
}

#[tokio::test]
async fn the_same_key_replays_and_another_body_with_it_is_refused() {
    let app = spawn_app().await;
    let body = card_order(&app, "4111111111111111").await;
    let first = app.order("k-replay", &body).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.expect("json");
    let again = app.order("k-replay", &body).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.json::<Value>().await.expect("json"), first);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 1);

    let other = card_order(&app, "5555555555554444").await;
    let reused = app.order("k-replay", &other).await;
    assert_eq!(reused.status(), 422);
    assert_eq!(
        reused.json::<ApiErrorBody>().await.expect("json").code,
        "idempotency_key_reused"
    );
}

#[tokio::test]
async fn concurrent_submits_with_one_key_make_one_authorization() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 500}))
        .await;
    let body = card_order(&app, "4111111111111111").await;
    let results = futures_like_join(&app, "k-concurrent", &body, 5).await;
    assert!(
        results.iter().all(|(status, _)| *status == 201),
        "{results:?}"
    );
    let numbers: std::collections::HashSet<&str> = results
        .iter()
        .map(|(_, b)| b["order_number"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(numbers.len(), 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 1);
    let (_, receipt_no, _) = order_row(&app, numbers.iter().next().copied().unwrap_or("")).await;
    let history = app.sandbox_transaction(&receipt_no).await;
    let a08s = history["history"]
        .as_array()
        .map(|h| h.iter().filter(|c| c["function_div"] == "A08").count());
    assert_eq!(a08s, Some(1));
}

/// Concurrent submits of an order refused before the gateway (the key is
/// released then) all get the refusal: the ones waiting on the first claim
/// the key afresh instead of failing with 500 when it is gone.
#[tokio::test]
async fn concurrent_submits_of_a_refused_order_all_get_the_refusal() {
    let app = spawn_app().await;
    let mut body = order_body(json!({"method": "bank_transfer"}), 4_180);
    body["lines"] = json!([{"sku": "NO-SUCH", "quantity": 1}]);
    let results = futures_like_join(&app, "k-refused", &body, 8).await;
    assert!(
        results
            .iter()
            .all(|(status, b)| *status == 422 && b["code"] == "unknown_sku"),
        "{results:?}"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 0);
}

async fn futures_like_join(app: &TestApp, key: &str, body: &Value, n: usize) -> Vec<(u16, Value)> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (client, url, key, body) = (
            app.client.clone(),
            format!("{}/api/orders", app.address),
            key.to_owned(),
            body.clone(),
        );
        tasks.spawn(async move {
            let r = client
                .post(url)
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
                .await
                .expect("sent");
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap_or(Value::Null))
        });
    }
    let mut out = Vec::new();
    while let Some(r) = tasks.join_next().await {
        out.push(r.expect("task"));
    }
    out
}

#[tokio::test]
async fn unknown_outcomes_are_settled_by_e04() {
    let app = spawn_app().await;
    // Applied, then the answer never came in time: E04 finds the authorization.
    app.fault(json!({"action": "creditToken", "mode": "timeout", "delay_ms": 4_000}))
        .await;
    let response = app
        .order("k-timeout", &card_order(&app, "4111111111111111").await)
        .await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(order_row(&app, &placed.order_number).await.0, "authorized");

    // (mode, applied by the sandbox, expected HTTP status): a cut connection
    // or an HTTP error (a proxy's 502/504 may stand in front of a gateway
    // still at work) that was not applied may still be in flight, so it is
    // 確認中, not failed. An unreadable reply means the gateway finished.
    for (i, (mode, apply, status)) in [
        ("reset", true, 201),
        ("malformed", true, 201),
        ("http500", false, 202),
        ("malformed", false, 502),
        ("reset", false, 202),
    ]
    .into_iter()
    .enumerate()
    {
        app.fault(json!({"action": "creditToken", "mode": mode, "apply": apply}))
            .await;
        let response = app
            .order(
                &format!("k-fault-{i}"),
                &card_order(&app, "4111111111111111").await,
            )
            .await;
        assert_eq!(response.status(), status, "{mode} apply={apply}");
        if status == 502 {
            assert_eq!(
                response.json::<ApiErrorBody>().await.expect("json").code,
                "gateway_unavailable"
            );
        }
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM orders WHERE status = 'authorized'"
        )
        .await,
        3
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM orders WHERE status = 'failed'").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM orders WHERE status = 'pending_review'"
        )
        .await,
        2
    );
    // The reconciler finds nothing at the gateway for them: failed, nothing charged.
    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        2
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM orders WHERE status = 'failed'").await,
        3
    );
}

#[tokio::test]
async fn an_a08_still_in_flight_after_the_timeout_is_not_declared_failed() {
    let app = spawn_app().await;
    // The sandbox answers after 3 s; the client gives up at 2 s and asks E04 while A08 is still running.
    app.fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 3_000}))
        .await;
    let response = app
        .order(
            "k-inflight-timeout",
            &card_order(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 202);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(placed.outcome, OrderOutcome::PendingReview);
    assert_eq!(
        order_row(&app, &placed.order_number).await.0,
        "pending_review"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        1
    );
    assert_eq!(order_row(&app, &placed.order_number).await.0, "authorized");
    // The same key replays what the shopper was told; the order itself is now complete.
    let again = app
        .order(
            "k-inflight-timeout",
            &card_order(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(again.status(), 422, "another token means another body");
}

#[tokio::test]
async fn declined_attempts_count_before_the_gateway_answers() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 300, "count": 8}))
        .await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..8 {
        let body = card_order(&app, "4000000000000002").await;
        let (client, url) = (app.client.clone(), format!("{}/api/orders", app.address));
        tasks.spawn(async move {
            client
                .post(url)
                .header("Idempotency-Key", format!("k-burst-{i}"))
                .header("X-Zerostep-Session", "burst")
                .json(&body)
                .send()
                .await
                .expect("sent")
                .status()
                .as_u16()
        });
    }
    let mut statuses = Vec::new();
    while let Some(s) = tasks.join_next().await {
        statuses.push(s.expect("task"));
    }
    let declined = statuses.iter().filter(|s| **s == 402).count();
    let blocked = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(declined + blocked, 8, "{statuses:?}");
    assert!(
        declined <= 5,
        "at most the limit reached the gateway: {statuses:?}"
    );
}

#[tokio::test]
async fn the_reconciler_completes_a_pending_review_order() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "reset", "apply": true}))
        .await;
    app.fault(json!({"action": "tradeInfo", "mode": "http500"}))
        .await;
    let response = app
        .order("k-pending", &card_order(&app, "4111111111111111").await)
        .await;
    assert_eq!(response.status(), 202);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(placed.outcome, OrderOutcome::PendingReview);
    assert_eq!(
        order_row(&app, &placed.order_number).await.0,
        "pending_review"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox").await, 0);

    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        1
    );
    assert_eq!(order_row(&app, &placed.order_number).await.0, "authorized");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox").await,
        2,
        "mails once the order is complete"
    );
    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        0
    );

    // Not applied and E04 unreachable: pending; the reconciler then finds nothing and fails it safely.
    app.fault(json!({"action": "creditToken", "mode": "http500"}))
        .await;
    app.fault(json!({"action": "tradeInfo", "mode": "http500"}))
        .await;
    let placed: OrderPlaced = app
        .order("k-pending-2", &card_order(&app, "4111111111111111").await)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        1
    );
    assert_eq!(order_row(&app, &placed.order_number).await.0, "failed");
}

#[tokio::test]
async fn repeated_declines_trip_the_card_testing_defence() {
    let app = spawn_app().await;
    for i in 0..5 {
        let response = app
            .order(
                &format!("k-ct-{i}"),
                &card_order(&app, "4000000000000002").await,
            )
            .await;
        assert_eq!(response.status(), 402);
    }
    let response = app
        .order("k-ct-blocked", &card_order(&app, "4111111111111111").await)
        .await;
    assert_eq!(response.status(), 429);
    let error: ApiErrorBody = response.json().await.expect("json");
    assert_eq!(error.code, "too_many_attempts");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM orders WHERE status = 'authorized'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn bank_transfer_orders_complete_without_the_gateway() {
    let app = spawn_app().await;
    let response = app
        .order(
            "k-bank",
            &order_body(json!({"method": "bank_transfer"}), 4_180),
        )
        .await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(order_row(&app, &placed.order_number).await.0, "accepted");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox").await, 2);
}

#[tokio::test]
async fn requests_without_a_key_or_json_are_refused() {
    let app = spawn_app().await;
    let body = card_order(&app, "4111111111111111").await;
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
        .header("Idempotency-Key", "k")
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
        .header("Idempotency-Key", "k-trailing")
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
                .contains(&format!("ご注文内容の {path} が正しくありません"))
                && error
                    .message
                    .contains(&format!("The order's {path} is invalid"))
                && error.message.contains(rule),
            "{}",
            error.message
        );
    }
}

#[tokio::test]
async fn maintenance_in_flight_and_delay_faults_leave_the_right_state() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "maintenance"}))
        .await;
    let response = app
        .order("k-maint", &card_order(&app, "4111111111111111").await)
        .await;
    assert_eq!(response.status(), 503);
    let error: ApiErrorBody = response.json().await.expect("json");
    assert_eq!(error.code, "gateway_maintenance");
    assert!(error.message.contains("請求は行われていません"));

    app.fault(json!({"action": "creditToken", "mode": "in_flight"}))
        .await;
    let response = app
        .order("k-inflight", &card_order(&app, "4111111111111111").await)
        .await;
    assert_eq!(response.status(), 502);
    assert_eq!(
        response.json::<ApiErrorBody>().await.expect("json").code,
        "gateway_error"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM orders WHERE status = 'failed'").await,
        2
    );

    app.fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 300}))
        .await;
    assert_eq!(
        app.order("k-delay", &card_order(&app, "4111111111111111").await)
            .await
            .status(),
        201
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM orders WHERE status = 'authorized'"
        )
        .await,
        1
    );
    let ops: i64 = count(
        &app,
        "SELECT COUNT(*) FROM gateway_operations WHERE function_div = 'A08'",
    )
    .await;
    assert_eq!(ops, 3, "every A08 is in the operation log");
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
        .order("k-unlinked", &card_order(&app, "4111111111111111").await)
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
            &order_body(json!({"method": "bank_transfer"}), 4_180),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM orders").await, 0);
}

/// A complete order whose mails were never queued (its process stopped
/// between recording the order and queueing them) gets them from the
/// reconciler, once; a fresh one is left to its own request.
#[tokio::test]
async fn the_reconciler_queues_the_mails_a_stopped_process_left_unqueued() {
    let app = spawn_app().await;
    let mut numbers = Vec::new();
    for key in ["k-unmailed-old", "k-unmailed-new"] {
        let response = app
            .order(key, &card_order(&app, "4111111111111111").await)
            .await;
        assert_eq!(response.status(), 201);
        numbers.push(
            response
                .json::<OrderPlaced>()
                .await
                .expect("json")
                .order_number,
        );
    }
    let pool = app.pool().await;
    // As a process killed before queueing would leave them: no mail rows, not claimed.
    sqlx::query("DELETE FROM outbox")
        .execute(&pool)
        .await
        .expect("delete");
    sqlx::query("UPDATE orders SET mails_queued = 0")
        .execute(&pool)
        .await
        .expect("unclaim");
    sqlx::query(
        "UPDATE orders SET updated_at = '2000-01-01T00:00:00+00:00' WHERE order_number = $1",
    )
    .bind(&numbers[0])
    .execute(&pool)
    .await
    .expect("age");
    let mails = |number: String| {
        let pool = pool.clone();
        async move {
            let rows: Vec<(String,)> = sqlx::query_as(
                "SELECT o.kind FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.order_number = $1 ORDER BY o.kind",
            )
            .bind(number)
            .fetch_all(&pool)
            .await
            .expect("outbox");
            rows.into_iter().map(|(k,)| k).collect::<Vec<_>>()
        }
    };
    for _ in 0..2 {
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile");
        assert_eq!(mails(numbers[0].clone()).await, ["shop_notice", "thanks"]);
        assert!(mails(numbers[1].clone()).await.is_empty());
    }
}

/// An authorized order is recorded in one transaction (state, log, mails,
/// answer). When that transaction fails (here the outbox refuses rows), the
/// authorization is still recorded step by step and answered, the mails stay
/// unclaimed, and the reconciler queues them once the outbox works again.
#[tokio::test]
async fn an_authorized_order_whose_mails_cannot_be_written_is_still_recorded_and_answered() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    let postgres = app.database_url().starts_with("postgres");
    let (create, drop) = if postgres {
        (
            vec![
                "CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$",
                "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()",
            ],
            vec![
                "DROP TRIGGER refuse_outbox ON outbox",
                "DROP FUNCTION refuse_outbox()",
            ],
        )
    } else {
        (
            vec!["CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(FAIL, 'outbox down'); END"],
            vec!["DROP TRIGGER refuse_outbox"],
        )
    };
    for sql in &create {
        sqlx::query(sql).execute(&pool).await.expect("trigger");
    }
    let body = card_order(&app, "4111111111111111").await;
    let response = app.order("k-outbox-down", &body).await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    let (status, queued, crd): (String, i64, Option<String>) = sqlx::query_as(
        "SELECT status, mails_queued, crd_c_res_cd FROM orders WHERE order_number = $1",
    )
    .bind(&placed.order_number)
    .fetch_one(&pool)
    .await
    .expect("order");
    assert_eq!(status, "authorized");
    assert_eq!(queued, 0, "the mails are left for a later caller");
    assert!(crd.is_some_and(|c| !c.is_empty()));
    let ops: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM gateway_operations g JOIN orders o ON o.id = g.order_id WHERE o.order_number = $1 AND g.function_div = 'A08' AND g.outcome = 'ok'",
    )
    .bind(&placed.order_number)
    .fetch_one(&pool)
    .await
    .expect("ops");
    assert_eq!(ops.0, 1, "one A08 logged");
    // The same key replays the answer; nothing is authorized twice.
    let again = app.order("k-outbox-down", &body).await;
    assert_eq!(again.status(), 201);
    let replayed: OrderPlaced = again.json().await.expect("json");
    assert_eq!(replayed.order_number, placed.order_number);

    for sql in &drop {
        sqlx::query(sql).execute(&pool).await.expect("drop trigger");
    }
    sqlx::query(
        "UPDATE orders SET updated_at = '2000-01-01T00:00:00+00:00' WHERE order_number = $1",
    )
    .bind(&placed.order_number)
    .execute(&pool)
    .await
    .expect("age");
    zerostep_server::reconcile::reconcile_once(&app.state.services)
        .await
        .expect("reconcile");
    let kinds: Vec<(String,)> = sqlx::query_as(
        "SELECT o.kind FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.order_number = $1 ORDER BY o.kind",
    )
    .bind(&placed.order_number)
    .fetch_all(&pool)
    .await
    .expect("outbox");
    assert_eq!(
        kinds.into_iter().map(|(k,)| k).collect::<Vec<_>>(),
        ["shop_notice", "thanks"]
    );
}

/// `POST /api/orders/abandon` tells a shopper whose answer was lost what
/// became of the order, and makes sure nothing happens later: a key that
/// placed an order answers with it, one that was refused with the refusal,
/// and one the server never saw is withdrawn, so the lost request cannot
/// place the order afterwards.
#[tokio::test]
async fn an_abandoned_key_answers_its_outcome_or_is_withdrawn_for_good() {
    let app = spawn_app().await;
    let abandon = |key| app.abandon(key);

    // Placed: the order itself, as often as asked.
    let body = card_order(&app, "4111111111111111").await;
    let placed: OrderPlaced = app
        .order("k-placed", &body)
        .await
        .json()
        .await
        .expect("json");
    for _ in 0..2 {
        let again = abandon("k-placed").await;
        assert_eq!(again.status(), 201);
        let replayed: OrderPlaced = again.json().await.expect("json");
        assert_eq!(replayed.order_number, placed.order_number);
    }

    // Refused: the refusal.
    let declined = card_order(&app, "4000000000000002").await;
    assert_eq!(app.order("k-declined", &declined).await.status(), 402);
    let answer = abandon("k-declined").await;
    assert_eq!(answer.status(), 402);
    assert_eq!(
        answer.json::<ApiErrorBody>().await.expect("json").code,
        "card_declined"
    );

    // Never seen: withdrawn; the late request places nothing.
    let orders_before = count(&app, "SELECT COUNT(*) FROM orders").await;
    let withdrawn = abandon("k-lost").await;
    assert_eq!(withdrawn.status(), 409);
    let error: ApiErrorBody = withdrawn.json().await.expect("json");
    assert_eq!(error.code, "order_withdrawn");
    assert!(
        error.message.contains("請求もありません"),
        "{}",
        error.message
    );
    let late = app
        .order("k-lost", &card_order(&app, "4111111111111111").await)
        .await;
    assert_eq!(late.status(), 409);
    assert_eq!(
        late.json::<ApiErrorBody>().await.expect("json").code,
        "order_withdrawn"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM orders").await,
        orders_before,
        "the late request made no order and no authorization"
    );

    // A key is still required.
    let response = app
        .client
        .post(format!("{}/api/orders/abandon", app.address))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.json::<ApiErrorBody>().await.expect("json").code,
        "invalid_idempotency_key"
    );
}

/// When the answer cannot be stored under its key (here the key table
/// refuses it), the shopper still gets the authorization's answer, and a
/// retry with the key is answered from the order: not an error, and not a
/// wait that ends in `request_in_progress`.
#[tokio::test]
async fn an_authorized_order_whose_answer_cannot_be_stored_is_still_answered_and_replayed() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    let create: &[&str] = if app.database_url().starts_with("postgres") {
        &[
            "CREATE FUNCTION refuse_reply() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'keys down'; END $$",
            "CREATE TRIGGER refuse_reply BEFORE UPDATE OF response_code ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION refuse_reply()",
        ]
    } else {
        &["CREATE TRIGGER refuse_reply BEFORE UPDATE OF response_code ON idempotency_keys BEGIN SELECT RAISE(FAIL, 'keys down'); END"]
    };
    for sql in create {
        sqlx::query(sql).execute(&pool).await.expect("trigger");
    }
    let body = card_order(&app, "4111111111111111").await;
    let response = app.order("k-reply-down", &body).await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    // Before, the retry waited 25 s for an answer never stored, then got 409.
    let again = app.order("k-reply-down", &body).await;
    assert_eq!(again.status(), 201, "the retry is answered from the order");
    let replayed: OrderPlaced = again.json().await.expect("json");
    assert_eq!(replayed.order_number, placed.order_number);

    // 確認中 (202) is answered again from the order too.
    app.fault(json!({"action": "creditToken", "mode": "reset", "apply": false}))
        .await;
    let pending = card_order(&app, "4111111111111111").await;
    assert_eq!(app.order("k-reply-down-202", &pending).await.status(), 202);
    assert_eq!(app.order("k-reply-down-202", &pending).await.status(), 202);

    // A refusal before any order releases its key: a retry is refused the
    // same way, and the key can be withdrawn.
    let mut refused = order_body(json!({"method": "bank_transfer"}), 4_180);
    refused["delivery"]["date"] = json!("2000-01-01");
    for _ in 0..2 {
        let response = app.order("k-reply-down-refused", &refused).await;
        assert_eq!(response.status(), 422);
        assert_eq!(
            response.json::<ApiErrorBody>().await.expect("json").code,
            "invalid_delivery_date"
        );
    }
    let withdrawn = app.abandon("k-reply-down-refused").await;
    assert_eq!(
        withdrawn.json::<ApiErrorBody>().await.expect("json").code,
        "order_withdrawn"
    );
    let a08: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM gateway_operations g JOIN orders o ON o.id = g.order_id WHERE o.order_number = $1 AND g.function_div = 'A08'",
    )
    .bind(&placed.order_number)
    .fetch_one(&pool)
    .await
    .expect("ops");
    assert_eq!(a08.0, 1, "one authorization");
}

/// The normal path writes the whole completion at once: the order is
/// authorized, its card attempt forgotten, both mails queued, and the answer
/// stored under the key, all before the reply.
#[tokio::test]
async fn an_authorized_order_is_answered_with_its_state_mails_and_answer_recorded() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    let response = app
        .order("k-complete", &card_order(&app, "4111111111111111").await)
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
    let (code, body): (Option<i64>, Option<String>) = sqlx::query_as(
        "SELECT response_code, response_body FROM idempotency_keys WHERE key = 'k-complete'",
    )
    .fetch_one(&pool)
    .await
    .expect("key");
    assert_eq!(code, Some(201));
    let stored: OrderPlaced = serde_json::from_str(&body.expect("body")).expect("stored json");
    assert_eq!(stored.order_number, placed.order_number);
    let files = std::fs::read_dir(&app.state.services.settings.outbox_dir)
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
