//! Rate limits on the shopper's writes (security review M2, M3): orders of
//! any payment method and `abandon`, per address and per session. A refused
//! order writes nothing and mails nobody; other shoppers are not affected.

use serde_json::{json, Value};

use crate::helpers::fixtures::body_with_total;
use crate::helpers::{spawn_app_with, TestApp};

/// A shop behind our proxy allowing `orders` orders and `abandons`
/// abandons a minute per address and per session.
async fn shop(orders: u32, abandons: u32) -> TestApp {
    spawn_app_with(|c| {
        c.trusted_proxies =
            zerostep_server::config::parse_trusted_proxies("127.0.0.1").expect("an address");
        c.orders_per_minute = orders;
        c.abandons_per_minute = abandons;
    })
    .await
}

/// A bank-transfer order (the kind that mails whatever address it names) from `ip`.
async fn transfer(app: &TestApp, key: &str, ip: &str, session: &str) -> reqwest::Response {
    let mut body = body_with_total(json!({"method": "bank_transfer"}), 4_180);
    body["buyer"]["email"] = json!("victim@example.jp");
    app.order_request(key, session, &body)
        .header("X-Forwarded-For", ip)
        .send()
        .await
        .expect("sent")
}

#[tokio::test]
async fn orders_over_the_limit_wait_write_nothing_and_mail_nobody() {
    let app = shop(3, 100).await;
    for i in 0..3 {
        let session = app.shopper_session().await;
        let placed = transfer(&app, &format!("k-{i}"), "198.51.100.1", &session).await;
        assert_eq!(placed.status(), 201);
    }
    let session = app.shopper_session().await;
    let refused = transfer(&app, "k-3", "198.51.100.1", &session).await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    let error: Value = refused.json().await.expect("json");
    assert_eq!(error["code"], "rate_limited");
    assert!(error["message"]["ja"]
        .as_str()
        .unwrap_or_default()
        .contains("秒"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders").await,
        3,
        "nothing written"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE recipient = 'victim@example.jp'")
            .await,
        3,
        "no mail for the refused order"
    );
    // Another address with a fresh session still orders; one session used
    // from many addresses is held to the same limit.
    let other = app.shopper_session().await;
    assert_eq!(
        transfer(&app, "k-4", "198.51.100.2", &other).await.status(),
        201
    );
    for (i, ip) in ["198.51.100.3", "198.51.100.4"].iter().enumerate() {
        assert_eq!(
            transfer(&app, &format!("k-s{i}"), ip, &other)
                .await
                .status(),
            201
        );
    }
    assert_eq!(
        transfer(&app, "k-s2", "198.51.100.5", &other)
            .await
            .status(),
        429
    );
    // Requests without a session the server issued share one bucket.
    for i in 0..3 {
        let ip = format!("198.51.100.{}", 10 + i);
        assert_eq!(
            transfer(&app, &format!("k-n{i}"), &ip, "made-up")
                .await
                .status(),
            201
        );
    }
    assert_eq!(
        transfer(&app, "k-n3", "198.51.100.20", "").await.status(),
        429
    );
}

#[tokio::test]
async fn abandon_over_the_limit_waits_and_writes_no_key() {
    let app = shop(100, 2).await;
    let abandon = |key: String| {
        let app = &app;
        async move {
            app.client
                .post(format!("{}/api/orders/abandon", app.address))
                .header("Idempotency-Key", crate::helpers::shopper::key(&key))
                .header("X-Forwarded-For", "198.51.100.1")
                .send()
                .await
                .expect("sent")
        }
    };
    for i in 0..2 {
        assert_eq!(abandon(format!("never-sent-{i}")).await.status(), 409);
    }
    let refused = abandon("never-sent-2".to_owned()).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    assert_eq!(app.count("SELECT COUNT(*) FROM idempotency_keys").await, 2);
}
