//! The card-testing defence: failed attempts count per IP, e-mail and session, before the gateway answers.

use serde_json::json;
use zerostep_domain::ApiErrorBody;

use crate::helpers::fixtures::card_order_body;
use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn declined_attempts_count_before_the_gateway_answers() {
    let app = spawn_app().await;
    app.fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 300, "count": 8}))
        .await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..8 {
        let body = card_order_body(&app, "4000000000000002").await;
        let request = app.order_request(&format!("k-burst-{i}"), "burst", &body);
        tasks.spawn(async move { request.send().await.expect("sent").status().as_u16() });
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

/// A card order from a client behind our proxy: `forwarded` is the
/// `X-Forwarded-For` it arrives with; each attempt has its own e-mail and
/// session, so only the address can tie them together.
async fn order_via_proxy(
    app: &crate::helpers::TestApp,
    i: usize,
    card: &str,
    forwarded: &str,
) -> u16 {
    let mut body = card_order_body(app, card).await;
    body["buyer"]["email"] = json!(format!("proxy-{i}@example.jp"));
    app.order_request(&format!("k-proxy-{i}"), &format!("session-{i}"), &body)
        .header("X-Forwarded-For", forwarded)
        .send()
        .await
        .expect("sent")
        .status()
        .as_u16()
}

#[tokio::test]
async fn behind_our_proxy_a_made_up_forwarded_for_does_not_escape_the_limit() {
    let app = spawn_app_with(|c| {
        c.trusted_proxies =
            zerostep_server::config::parse_trusted_proxies("127.0.0.1").expect("an address");
    })
    .await;
    // The card tester writes a new address each time; our proxy appends the
    // one it saw, which is the same.
    for i in 0..5 {
        let forwarded = format!("198.51.100.{i}, 203.0.113.7");
        assert_eq!(
            order_via_proxy(&app, i, "4000000000000002", &forwarded).await,
            402
        );
    }
    let blocked = order_via_proxy(&app, 5, "4111111111111111", "198.51.100.99, 203.0.113.7").await;
    assert_eq!(blocked, 429, "the tester's own address is over the limit");
    // Another shopper behind the same proxy still pays.
    assert_eq!(
        order_via_proxy(&app, 6, "4111111111111111", "203.0.113.8").await,
        201
    );
}

#[tokio::test]
async fn without_trusted_proxies_the_header_is_not_believed() {
    let app = spawn_app().await;
    for i in 0..5 {
        let forwarded = format!("198.51.100.{i}");
        assert_eq!(
            order_via_proxy(&app, i, "4000000000000002", &forwarded).await,
            402
        );
    }
    assert_eq!(
        order_via_proxy(&app, 5, "4111111111111111", "198.51.100.99").await,
        429,
        "the socket's address counts, whatever the header says"
    );
}
