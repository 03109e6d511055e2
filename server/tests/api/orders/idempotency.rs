//! `POST /api/orders` with an `Idempotency-Key`: replays, concurrent submits, answers that could not be stored, and keys withdrawn by `abandon`.

use serde_json::{json, Value};
use zerostep_domain::order::OrderPlaced;
use zerostep_domain::ApiErrorBody;

use crate::helpers::fixtures::{body_with_total, card_order_body};
use crate::helpers::{spawn_app, TestApp};

#[tokio::test]
async fn the_same_key_replays_and_another_body_with_it_is_refused() {
    let app = spawn_app().await;
    let body = card_order_body(&app, "4111111111111111").await;
    let first = app.order("k-replay", &body).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.expect("json");
    let again = app.order("k-replay", &body).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.json::<Value>().await.expect("json"), first);
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 1);

    let other = card_order_body(&app, "5555555555554444").await;
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
    let body = card_order_body(&app, "4111111111111111").await;
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
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 1);
    let (_, receipt_no, _) = app
        .order_row(numbers.iter().next().copied().unwrap_or(""))
        .await;
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
    let mut body = body_with_total(json!({"method": "bank_transfer"}), 4_180);
    body["lines"] = json!([{"sku": "NO-SUCH", "quantity": 1}]);
    let results = futures_like_join(&app, "k-refused", &body, 8).await;
    assert!(
        results
            .iter()
            .all(|(status, b)| *status == 422 && b["code"] == "unknown_sku"),
        "{results:?}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM orders").await, 0);
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
                .header("Idempotency-Key", crate::helpers::shopper::key(&key))
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
    let body = card_order_body(&app, "4111111111111111").await;
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
    let declined = card_order_body(&app, "4000000000000002").await;
    assert_eq!(app.order("k-declined", &declined).await.status(), 402);
    let answer = abandon("k-declined").await;
    assert_eq!(answer.status(), 402);
    assert_eq!(
        answer.json::<ApiErrorBody>().await.expect("json").code,
        "card_declined"
    );

    // Never seen: withdrawn; the late request places nothing.
    let orders_before = app.count("SELECT COUNT(*) FROM orders").await;
    let withdrawn = abandon("k-lost").await;
    assert_eq!(withdrawn.status(), 409);
    let error: ApiErrorBody = withdrawn.json().await.expect("json");
    assert_eq!(error.code, "order_withdrawn");
    assert!(
        error.message.to_string().contains("請求もありません"),
        "{}",
        error.message
    );
    let late = app
        .order("k-lost", &card_order_body(&app, "4111111111111111").await)
        .await;
    assert_eq!(late.status(), 409);
    assert_eq!(
        late.json::<ApiErrorBody>().await.expect("json").code,
        "order_withdrawn"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders").await,
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

/// An abandoned key's answer names the buyer's e-mail only to the session
/// that placed the order (security review L2): another tab or browser, or
/// someone who read or guessed the key, learns the outcome but not whose
/// order it was. Keys that are easy to guess are refused.
#[tokio::test]
async fn abandon_gives_the_buyers_email_only_to_the_session_that_placed_the_order() {
    let app = spawn_app().await;
    let session = app.shopper_session().await;
    let body = card_order_body(&app, "4111111111111111").await;
    let placed = app
        .order_request("k-own", &session, &body)
        .send()
        .await
        .expect("sent");
    assert_eq!(placed.status(), 201);

    let own: Value = app
        .abandon_from("k-own", &session)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(own["email"], "taro@example.jp", "{own}");
    let other_session = app.shopper_session().await;
    for presented in ["", "invented", other_session.as_str()] {
        let answer = app.abandon_from("k-own", presented).await;
        assert_eq!(answer.status(), 201);
        let answer: Value = answer.json().await.expect("json");
        assert_eq!(answer["order_number"], own["order_number"]);
        assert!(answer.get("email").is_none(), "{presented:?}: {answer}");
    }

    // Guessable keys are refused; a UUID is not.
    let uuid = "0b6f3c1e-5a47-4c89-9d2e-7f1a2b3c4d5e";
    for (key, status) in [
        ("order-123", 400),
        (&"a".repeat(31), 400),
        (&"a".repeat(101), 400),
        ("0b6f3c1e.5a47.4c89.9d2e.7f1a2b3c4d5e", 400),
        ("0b6f3c1e/5a47/4c89/9d2e/7f1a2b3c4d5e", 400),
        (uuid, 409),
    ] {
        let answer = app
            .client
            .post(format!("{}/api/orders/abandon", app.address))
            .header("Idempotency-Key", key)
            .send()
            .await
            .expect("sent");
        assert_eq!(answer.status(), status, "{key}");
    }
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
    let body = card_order_body(&app, "4111111111111111").await;
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
    let pending = card_order_body(&app, "4111111111111111").await;
    assert_eq!(app.order("k-reply-down-202", &pending).await.status(), 202);
    assert_eq!(app.order("k-reply-down-202", &pending).await.status(), 202);

    // A refusal before any order releases its key: a retry is refused the
    // same way, and the key can be withdrawn.
    let mut refused = body_with_total(json!({"method": "bank_transfer"}), 4_180);
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

/// An answer stored before the error body carried both languages apart
/// (`"message": "日本語 / English"`) is replayed in today's shape, so a
/// shopper retrying across the upgrade reads it (in the language chosen).
#[tokio::test]
async fn an_answer_stored_in_the_old_shape_is_replayed_in_todays() {
    let app = spawn_app().await;
    let declined = card_order_body(&app, "4000000000000002").await;
    assert_eq!(app.order("k-old", &declined).await.status(), 402);
    let old = r#"{"code":"card_declined","message":"カードの承認が得られませんでした。（A082000010, G12）/ The card was declined. (A082000010, G12)"}"#;
    sqlx::query("UPDATE idempotency_keys SET response_body = $1 WHERE key = $2")
        .bind(old)
        .bind(crate::helpers::shopper::key("k-old"))
        .execute(&app.pool().await)
        .await
        .expect("an answer in the old shape");

    for replay in [
        app.abandon("k-old").await,
        app.order("k-old", &declined).await,
    ] {
        assert_eq!(replay.status(), 402);
        let error: ApiErrorBody = replay.json().await.expect("today's shape");
        assert_eq!(error.code, "card_declined");
        assert_eq!(
            error.message.ja,
            "カードの承認が得られませんでした。（A082000010, G12）"
        );
        assert_eq!(error.message.en, "The card was declined. (A082000010, G12)");
    }
}
