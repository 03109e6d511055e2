//! What the operator watches, from the real binary: the Prometheus metrics
//! on their own listener (orders by outcome, gateway calls by function and
//! Yamato's result code with their latency, the card-testing refusals, the
//! database's backlog and pool), the request id each answer carries back,
//! and the JSON log whose lines carry it.

use std::time::Duration;

use serde_json::Value;

// Shared with the API suite, which uses all of it.
#[allow(dead_code)]
mod common;
#[allow(dead_code)]
#[path = "support/instances.rs"]
mod instances;

use instances::{Gateway, Server};

/// The value of the sample `series` (name and labels as Prometheus writes
/// them) in `text`.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
}

async fn order(
    client: &reqwest::Client,
    server: &Server,
    key: &str,
    token: &str,
) -> reqwest::Response {
    client
        .post(format!("{}/api/orders", server.url))
        .header("Idempotency-Key", format!("{key:-<32}"))
        .header("X-Zerostep-Session", "observability")
        .header("X-Request-Id", format!("req-{key}"))
        .json(&common::order_body(common::card(token), "taro@example.jp"))
        .send()
        .await
        .expect("answered")
}

#[tokio::test]
async fn metrics_count_orders_gateway_calls_and_what_waits_and_each_answer_carries_its_request_id()
{
    let dir = tempfile::tempdir().expect("a folder");
    let gateway = Gateway::start().await;
    let url = format!("sqlite://{}", dir.path().join("data/zerostep.db").display());
    let server = Server::start_with(
        &url,
        dir.path(),
        &gateway,
        None,
        0,
        &[
            ("ZEROSTEP_METRICS_LISTEN", "127.0.0.1:0"),
            ("ZEROSTEP_LOG_FORMAT", "json"),
            ("RUST_LOG", "info,sqlx=warn"),
            // The third order in a minute is one too many.
            ("ZEROSTEP_ORDER_RATE_PER_MINUTE", "2"),
        ],
    );
    let client = reqwest::Client::new();
    let metrics_url = format!(
        "{}/metrics",
        server.metrics_url.clone().expect("metrics served")
    );

    // One order authorized, one declined by the card's issuer.
    let token = gateway.token().await;
    let placed = order(&client, &server, "complete-1", &token).await;
    assert_eq!(placed.status(), 201);
    assert_eq!(
        placed
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("req-complete-1"),
        "a proxy's id comes back"
    );
    let declining = gateway.token_for("4000000000000002").await;
    let declined = order(&client, &server, "declined-1", &declining).await;
    assert_eq!(declined.status(), 402);
    let declined: Value = declined.json().await.expect("json");
    let code = declined["code"].as_str().expect("code").to_owned();

    let token = gateway.token().await;
    let refused = order(&client, &server, "third-1", &token).await;
    assert_eq!(refused.status(), 429);

    // An id that is not a plain token is replaced, and none given gets one.
    for given in [Some("bad id\twith tabs"), None] {
        let mut request = client.get(format!("{}/api/health", server.url));
        if let Some(given) = given {
            request = request.header("X-Request-Id", given);
        }
        let answer = request.send().await.expect("answered");
        let id = answer
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .expect("an id")
            .to_owned();
        assert_eq!(id.len(), 32, "{id}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    }

    let scraped = client.get(&metrics_url).send().await.expect("scraped");
    assert_eq!(scraped.status(), 200);
    assert!(scraped
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/plain; version=0.0.4")));
    let text = scraped.text().await.expect("text");
    let has = |series: &str, value: f64| {
        assert_eq!(sample(&text, series), Some(value), "{series} in\n{text}");
    };
    has(r#"zerostep_orders_total{outcome="complete"}"#, 1.0);
    has(
        &format!(r#"zerostep_orders_total{{outcome="{code}"}}"#),
        1.0,
    );
    has(
        r#"zerostep_gateway_requests_total{function="A08",result="0"}"#,
        1.0,
    );
    // The decline is counted under Yamato's own error code.
    let declined_a08 = text
        .lines()
        .find(|l| l.starts_with(r#"zerostep_gateway_requests_total{function="A08",result="A"#))
        .unwrap_or_else(|| panic!("the declined A08 by its code in\n{text}"));
    assert!(declined_a08.ends_with(" 1"), "{declined_a08}");
    has(
        r#"zerostep_gateway_request_duration_seconds_count{function="A08"}"#,
        2.0,
    );
    assert!(
        text.contains(
            r#"zerostep_gateway_request_duration_seconds_bucket{function="A08",le="0.1"}"#
        ),
        "latency as a histogram:\n{text}"
    );
    has(
        r#"zerostep_card_attempts_refused_total{reason="rate_limited"}"#,
        1.0,
    );
    has(r#"zerostep_orders_outcome_unknown"#, 0.0);
    has(r#"zerostep_gateway_operations_unsettled"#, 0.0);
    has(
        r#"zerostep_bulk_job_items{kind="reauth",status="pending"}"#,
        0.0,
    );
    assert!(
        sample(&text, "zerostep_mail_outbox_unsent").is_some(),
        "{text}"
    );
    assert!(
        sample(&text, r#"zerostep_db_pool_connections{state="idle"}"#).is_some(),
        "{text}"
    );
    assert!(
        sample(
            &text,
            r#"zerostep_http_requests_total{listener="shop",method="POST",status="2xx"}"#
        )
        .is_some_and(|n| n >= 1.0),
        "{text}"
    );
    assert!(
        text.contains("# HELP zerostep_orders_total"),
        "described:\n{text}"
    );

    // The shop's own listener does not serve them.
    let shop = client
        .get(format!("{}/metrics", server.url))
        .send()
        .await
        .expect("answered")
        .text()
        .await
        .expect("text");
    assert!(!shop.contains("zerostep_orders_total"));

    // The log is one JSON object a line, each line of a request carrying its id.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = std::fs::read_to_string(dir.path().join("server-0.log")).expect("log");
    let lines: Vec<Value> = log
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(!lines.is_empty(), "{log}");
    let of_request: Vec<&Value> = lines
        .iter()
        .filter(|l| l["span"]["request_id"] == "req-declined-1")
        .collect();
    assert!(
        of_request.iter().any(|l| l["status"] == 402),
        "the declined order's answer is logged with its id:\n{log}"
    );
    drop(server);
}

#[test]
fn sample_reads_a_series_value() {
    let text = "# HELP x\nzerostep_a{b=\"c\"} 2\nzerostep_a{b=\"cd\"} 3\nzerostep_g 0.5\n";
    assert_eq!(sample(text, r#"zerostep_a{b="c"}"#), Some(2.0));
    assert_eq!(sample(text, r#"zerostep_a{b="cd"}"#), Some(3.0));
    assert_eq!(sample(text, "zerostep_g"), Some(0.5));
    assert_eq!(sample(text, "zerostep_a"), None);
}
