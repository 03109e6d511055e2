//! The card-testing defence: failed attempts count per IP, e-mail and session, before the gateway answers.

use serde_json::json;
use zerostep_domain::ApiErrorBody;

use crate::helpers::fixtures::card_order_body;
use crate::helpers::spawn_app;

#[tokio::test]
async fn declined_attempts_count_before_the_gateway_answers() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 300, "count": 8}))
        .await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..8 {
        let body = card_order_body(&app, "4000000000000002").await;
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
async fn repeated_declines_trip_the_card_testing_defence() {
    let app = spawn_app().await;
    for i in 0..5 {
        let response = app
            .order(
                &format!("k-ct-{i}"),
                &card_order_body(&app, "4000000000000002").await,
            )
            .await;
        assert_eq!(response.status(), 402);
    }
    let response = app
        .order(
            "k-ct-blocked",
            &card_order_body(&app, "4111111111111111").await,
        )
        .await;
    assert_eq!(response.status(), 429);
    let error: ApiErrorBody = response.json().await.expect("json");
    assert_eq!(error.code, "too_many_attempts");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE status = 'authorized'")
            .await,
        0
    );
}
