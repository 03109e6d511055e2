//! Unknown A08 outcomes: settled by E04 at once, or left 確認中 for the reconciler, and never declared failed too early.

use serde_json::json;
use zerostep_domain::order::{OrderOutcome, OrderPlaced};
use zerostep_domain::ApiErrorBody;

use crate::helpers::fixtures::card_order_body;
use crate::helpers::spawn_app;

#[tokio::test]
async fn unknown_outcomes_are_settled_by_e04() {
    let app = spawn_app().await;
    // Applied, then the answer never came in time: E04 finds the authorization.
    app.fault(json!({"action": "creditToken", "mode": "timeout", "delay_ms": 4_000}))
        .await;
    let response = app
        .order(
            "k-timeout",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 201);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(app.order_row(&placed.order_number).await.0, "authorized");

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
                &card_order_body(&app, "4111111111111111").await,
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
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'authorized'")
            .await,
        3
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'failed'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'pending_review'")
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
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'failed'")
            .await,
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
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 202);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(placed.outcome, OrderOutcome::PendingReview);
    assert_eq!(
        app.order_row(&placed.order_number).await.0,
        "pending_review"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        1
    );
    assert_eq!(app.order_row(&placed.order_number).await.0, "authorized");
    // The same key replays what the shopper was told; the order itself is now complete.
    let again = app
        .order(
            "k-inflight-timeout",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(again.status(), 422, "another token means another body");
}

#[tokio::test]
async fn the_reconciler_completes_a_pending_review_order() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "reset", "apply": true}))
        .await;
    app.fault(json!({"action": "tradeInfo", "mode": "http500"}))
        .await;
    let response = app
        .order(
            "k-pending",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 202);
    let placed: OrderPlaced = response.json().await.expect("json");
    assert_eq!(placed.outcome, OrderOutcome::PendingReview);
    assert_eq!(
        app.order_row(&placed.order_number).await.0,
        "pending_review"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM card_failures").await,
        0,
        "a lost answer is not the card's fault"
    );

    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        1
    );
    assert_eq!(app.order_row(&placed.order_number).await.0, "authorized");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox").await,
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
        .order(
            "k-pending-2",
            &card_order_body(&app, "4111111111111111").await,
        )
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
    assert_eq!(app.order_row(&placed.order_number).await.0, "failed");
    // The shopper was told 確認中: they, and the shop, now hear that it was
    // not completed and nothing was charged; once.
    let said = |kind: &str| {
        format!(
            "SELECT COUNT(*) FROM outbox WHERE kind = '{kind}' AND body LIKE '%{}%'",
            placed.order_number
        )
    };
    assert_eq!(app.count(&said("not_completed")).await, 1);
    assert_eq!(app.count(&said("shop_not_completed")).await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE kind = 'not_completed' AND body LIKE '%カードへのご請求はありません%'")
            .await,
        1
    );
    assert_eq!(
        zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile"),
        0
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, 4);
}

#[tokio::test]
async fn maintenance_in_flight_and_delay_faults_leave_the_right_state() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "maintenance"}))
        .await;
    let response = app
        .order("k-maint", &card_order_body(&app, "4111111111111111").await)
        .await;
    assert_eq!(response.status(), 503);
    let error: ApiErrorBody = response.json().await.expect("json");
    assert_eq!(error.code, "gateway_maintenance");
    assert!(error.message.to_string().contains("請求は行われていません"));

    app.fault(json!({"action": "creditToken", "mode": "in_flight"}))
        .await;
    let response = app
        .order(
            "k-inflight",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 502);
    assert_eq!(
        response.json::<ApiErrorBody>().await.expect("json").code,
        "gateway_error"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'failed'")
            .await,
        2
    );

    app.fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 300}))
        .await;
    assert_eq!(
        app.order("k-delay", &card_order_body(&app, "4111111111111111").await)
            .await
            .status(),
        201
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'authorized'")
            .await,
        1
    );
    let ops: i64 = app
        .count("SELECT COUNT(*) FROM gateway_operations WHERE function_div = 'A08'")
        .await;
    assert_eq!(ops, 3, "every A08 is in the operation log");
}
