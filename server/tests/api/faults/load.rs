//! 200 shoppers placing orders at once while the sandbox injects random
//! faults for a bounded time: afterwards every order is complete, failed or
//! reconciled, and the gateway's authorizations are exactly the shop's
//! authorized orders.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::spawn_app_with;

const SHOPPERS: usize = 200;
/// How long the sandbox injects faults (and the shoppers keep ordering).
const CHAOS: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_shoppers_under_random_faults_lose_and_double_nothing() {
    let app = Arc::new(
        spawn_app_with(|s| {
            // One IP for everyone: the card-testing limit is not under test here.
            s.card_failure_limit = 1_000_000;
            // Only this test reconciles, after the faults stop.
            s.reconcile_interval_secs = 3_600;
            s.reconcile_stale_secs = 0;
        })
        .await,
    );
    let started = app
        .client
        .post(format!("{}/__sandbox/chaos", app.sandbox()))
        .json(&json!({"rate": 0.3, "duration_ms": CHAOS.as_millis() as u64, "delay_ms": 3_000}))
        .send()
        .await
        .expect("chaos");
    assert_eq!(started.status(), 204);
    let until = Instant::now() + CHAOS;

    let shoppers: Vec<_> = (0..SHOPPERS)
        .map(|shopper| {
            let app = app.clone();
            tokio::spawn(async move {
                let mut answers = Vec::new();
                let mut n = 0;
                while Instant::now() < until {
                    let token = app.token("4111111111111111").await;
                    let response = app
                        .client
                        .post(format!("{}/api/orders", app.address))
                        .header("Idempotency-Key", format!("load-{shopper}-{n:-<27}"))
                        .header("X-Zerostep-Session", format!("shopper-{shopper}"))
                        .json(&order(&token, shopper))
                        .send()
                        .await
                        .expect("the server answers");
                    let status = response.status().as_u16();
                    let body: Value = response.json().await.expect("every answer is JSON");
                    answers.push((status, body));
                    n += 1;
                }
                answers
            })
        })
        .collect();
    let mut by_status = BTreeMap::<u16, usize>::new();
    let mut completed = Vec::new();
    for shopper in shoppers {
        for (status, body) in shopper.await.expect("shopper") {
            *by_status.entry(status).or_default() += 1;
            assert!(
                matches!(status, 201 | 202 | 502 | 503),
                "unexpected {status}: {body}"
            );
            if status == 201 {
                completed.push(body["order_number"].as_str().unwrap_or_default().to_owned());
            } else if status >= 500 {
                assert!(
                    body["message"]["ja"]
                        .as_str()
                        .is_some_and(|m| !m.is_empty())
                        && body["message"]["en"]
                            .as_str()
                            .is_some_and(|m| !m.is_empty()),
                    "{body}"
                );
            }
        }
    }

    // Answers held past the client's timeout arrive; then the reconciler runs.
    tokio::time::sleep(Duration::from_millis(3_500)).await;
    for _ in 0..10 {
        if zerostep_server::reconcile::reconcile_once(&app.state.services)
            .await
            .expect("reconcile")
            == 0
        {
            break;
        }
    }
    let pool = app.pool().await;
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM orders GROUP BY status")
            .fetch_all(&pool)
            .await
            .expect("counts");
    let counts: BTreeMap<String, i64> = counts.into_iter().collect();
    let total: i64 = counts.values().sum();
    assert_eq!(
        total as usize,
        by_status.values().sum::<usize>(),
        "one order row per request"
    );
    for unknown in ["authorizing", "pending_review"] {
        assert_eq!(
            counts.get(unknown),
            None,
            "{unknown} orders left: {counts:?}"
        );
    }
    let authorized = counts.get("authorized").copied().unwrap_or(0);
    let stats: Value = app
        .client
        .get(format!("{}/__sandbox/stats", app.sandbox()))
        .send()
        .await
        .expect("stats")
        .json()
        .await
        .expect("json");
    assert_eq!(stats["authorizations"], authorized, "{stats}");
    // Every order the shopper was told is complete is authorized at the gateway.
    for number in &completed {
        let status: String =
            sqlx::query_scalar("SELECT status FROM orders WHERE order_number = $1")
                .bind(number)
                .fetch_one(&pool)
                .await
                .expect("completed order stored");
        assert_eq!(status, "authorized", "{number}");
    }
    let injected: u64 = stats["faults_injected"]
        .as_object()
        .map_or(0, |m| m.values().filter_map(Value::as_u64).sum());
    assert!(injected > 0, "no fault was injected");
    eprintln!(
        "load with faults: {total} orders from {SHOPPERS} shoppers, answers {by_status:?}, orders {counts:?}, faults injected {}",
        stats["faults_injected"]
    );
}

fn order(token: &str, shopper: usize) -> Value {
    crate::common::order_body(
        crate::common::card(token),
        &format!("shopper{shopper}@example.jp"),
    )
}
