//! The card-testing defence: failed attempts (declines and bad tokens) count
//! per address (an IPv6 one by its /64), mailbox and server-issued session,
//! before the gateway answers; a session the server did not issue counts in
//! one shared bucket.

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
    let session = app.shopper_session().await;
    let email = format!("proxy-{i}@example.jp");
    attempt(
        app,
        &format!("k-proxy-{i}"),
        card,
        forwarded,
        &email,
        &session,
    )
    .await
}

/// A card order behind our proxy from `forwarded`, with this e-mail and
/// session (a token for `card`, or `card` itself when it is not a number:
/// a token the gateway never issued); its HTTP status.
async fn attempt(
    app: &crate::helpers::TestApp,
    key: &str,
    card: &str,
    forwarded: &str,
    email: &str,
    session: &str,
) -> u16 {
    let mut body = if card.bytes().all(|b| b.is_ascii_digit()) {
        card_order_body(app, card).await
    } else {
        let mut body = card_order_body(app, "4111111111111111").await;
        body["payment"]["token"] = json!(card);
        body
    };
    body["buyer"]["email"] = json!(email);
    app.order_request(key, session, &body)
        .header("X-Forwarded-For", forwarded)
        .send()
        .await
        .expect("sent")
        .status()
        .as_u16()
}

async fn behind_proxy() -> crate::helpers::TestApp {
    spawn_app_with(|c| {
        c.trusted_proxies =
            zerostep_server::config::parse_trusted_proxies("127.0.0.1").expect("an address");
    })
    .await
}

const DECLINED: &str = "4000000000000002";
const APPROVED: &str = "4111111111111111";

#[tokio::test]
async fn sessions_the_server_did_not_issue_share_one_bucket() {
    let app = behind_proxy().await;
    // New address, new e-mail and a made-up session each time: only the
    // shared bucket of sessions we did not issue ties them together.
    for i in 0..5 {
        let (ip, email) = (format!("198.51.100.{i}"), format!("a{i}@example.jp"));
        let status = attempt(
            &app,
            &format!("k-{i}"),
            DECLINED,
            &ip,
            &email,
            &format!("made-up-{i}"),
        )
        .await;
        assert_eq!(status, 402);
    }
    let blocked = attempt(&app, "k-5", APPROVED, "198.51.100.5", "a5@example.jp", "").await;
    assert_eq!(blocked, 429, "no session is the shared bucket too");
    // A shopper whose session the server issued is not in it.
    let session = app.shopper_session().await;
    let paid = attempt(
        &app,
        "k-6",
        APPROVED,
        "198.51.100.6",
        "a6@example.jp",
        &session,
    )
    .await;
    assert_eq!(paid, 201);
}

#[tokio::test]
async fn each_session_the_server_issued_is_a_bucket_of_its_own() {
    let app = behind_proxy().await;
    let tester = app.shopper_session().await;
    for i in 0..5 {
        let (ip, email) = (format!("198.51.100.{i}"), format!("b{i}@example.jp"));
        assert_eq!(
            attempt(&app, &format!("k-{i}"), DECLINED, &ip, &email, &tester).await,
            402
        );
    }
    let blocked = attempt(
        &app,
        "k-5",
        APPROVED,
        "198.51.100.5",
        "b5@example.jp",
        &tester,
    )
    .await;
    assert_eq!(blocked, 429, "the session is over the limit");
    let other = app.shopper_session().await;
    let paid = attempt(
        &app,
        "k-6",
        APPROVED,
        "198.51.100.6",
        "b6@example.jp",
        &other,
    )
    .await;
    assert_eq!(paid, 201);
}

#[tokio::test]
async fn tagged_and_capitalised_addresses_count_as_one_mailbox() {
    let app = behind_proxy().await;
    for i in 0..5 {
        let session = app.shopper_session().await;
        let (ip, email) = (format!("198.51.100.{i}"), format!("Taro+{i}@Example.jp"));
        assert_eq!(
            attempt(&app, &format!("k-{i}"), DECLINED, &ip, &email, &session).await,
            402
        );
    }
    let session = app.shopper_session().await;
    let blocked = attempt(
        &app,
        "k-5",
        APPROVED,
        "198.51.100.5",
        "taro@example.jp",
        &session,
    )
    .await;
    assert_eq!(blocked, 429, "one mailbox, however it is written");
}

#[tokio::test]
async fn an_ipv6_client_counts_by_its_64() {
    let app = behind_proxy().await;
    for i in 0..5 {
        let session = app.shopper_session().await;
        let (ip, email) = (format!("2001:db8:1:2::{i:x}"), format!("c{i}@example.jp"));
        assert_eq!(
            attempt(&app, &format!("k-{i}"), DECLINED, &ip, &email, &session).await,
            402
        );
    }
    let session = app.shopper_session().await;
    let same_64 = "2001:db8:1:2:ffff:ffff:ffff:ffff";
    assert_eq!(
        attempt(&app, "k-5", APPROVED, same_64, "c5@example.jp", &session).await,
        429
    );
    let session = app.shopper_session().await;
    let next_64 = "2001:db8:1:3::1";
    assert_eq!(
        attempt(&app, "k-6", APPROVED, next_64, "c6@example.jp", &session).await,
        201
    );
}

#[tokio::test]
async fn tokens_the_gateway_refuses_count_as_failed_attempts() {
    let app = behind_proxy().await;
    let session = app.shopper_session().await;
    for i in 0..5 {
        let (ip, email) = (format!("198.51.100.{i}"), format!("d{i}@example.jp"));
        let bogus = format!("NEVERISSUED0000{i}");
        assert_eq!(
            attempt(&app, &format!("k-{i}"), &bogus, &ip, &email, &session).await,
            422
        );
    }
    let blocked = attempt(
        &app,
        "k-5",
        APPROVED,
        "198.51.100.5",
        "d5@example.jp",
        &session,
    )
    .await;
    assert_eq!(blocked, 429, "five unknown tokens are five failed attempts");
}

#[tokio::test]
async fn the_purchase_page_gets_a_session_it_keeps_and_no_cache_stores() {
    let app = spawn_app().await;
    let session = app.shopper_session().await;
    assert_eq!(session.split('.').count(), 3, "{session}");
    assert_eq!(
        app.session_presenting(&session).await,
        session,
        "a fresh session is kept"
    );
    let invented = app.session_presenting("made-up").await;
    assert_ne!(invented, "made-up");
    assert_eq!(invented.split('.').count(), 3);
}

#[tokio::test]
async fn behind_our_proxy_a_made_up_forwarded_for_does_not_escape_the_limit() {
    let app = behind_proxy().await;
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
