//! 外部決済一括処理: bulk re-authorization, its skipped orders and its log.

use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::helpers::{card_order, slip};

#[tokio::test]
async fn bulk_reauthorization_skips_failures_with_their_codes_and_logs_the_run() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let mut numbers = Vec::new();
    for i in 0..6 {
        let card = if i == 2 || i == 4 {
            "4000000000000341"
        } else {
            "4111111111111111"
        };
        numbers.push(card_order(&app, card).await);
    }
    // An order older than 60 days is no longer listed; one with a slip cannot be re-authorized.
    let pool = app.pool().await;
    let old = card_order(&app, "4111111111111111").await;
    sqlx::query(
        "UPDATE orders SET created_at = '2020-01-01T00:00:00+00:00' WHERE order_number = $1",
    )
    .bind(&old)
    .execute(&pool)
    .await
    .expect("age");
    let shipped = card_order(&app, "4111111111111111").await;
    assert_eq!(
        admin
            .post(
                &format!("/api/admin/orders/{shipped}/shipment"),
                json!({"slip_no": slip(44_444_444_444)})
            )
            .await
            .status(),
        204
    );

    let listed = admin
        .get("/api/admin/bulk/candidates")
        .await
        .text()
        .await
        .expect("text");
    let listed: Vec<Value> =
        serde_json::from_str(&listed).unwrap_or_else(|e| panic!("{e}: {listed}"));
    let listed: Vec<&str> = listed
        .iter()
        .filter_map(|c| c["order_number"].as_str())
        .collect();
    assert_eq!(
        listed,
        numbers.iter().map(String::as_str).collect::<Vec<_>>()
    );

    // Chosen while listed, shipped before its turn: skipped with its reason, the rest run.
    let mut chosen = numbers.clone();
    chosen.push(shipped.clone());
    let started: Value = admin
        .post("/api/admin/bulk/reauth", json!({"order_numbers": chosen}))
        .await
        .json()
        .await
        .expect("json");
    let job_id = started["job_id"].as_i64().expect("job id");
    let mut job = Value::Null;
    for _ in 0..100 {
        job = admin
            .get(&format!("/api/admin/bulk/jobs/{job_id}"))
            .await
            .json()
            .await
            .expect("json");
        if job["status"] == "done" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        (
            job["status"].as_str(),
            job["succeeded"].as_i64(),
            job["failed"].as_i64()
        ),
        (Some("done"), Some(4), Some(3))
    );
    let failed: Vec<&Value> = job["items"]
        .as_array()
        .map(|a| a.iter().filter(|i| i["status"] == "failed").collect())
        .unwrap_or_default();
    assert_eq!(failed.len(), 3);
    let (skipped, declined): (Vec<&Value>, Vec<&Value>) = failed
        .into_iter()
        .partition(|i| i["order_number"] == shipped.as_str());
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0]["message"]["ja"]
        .as_str()
        .is_some_and(|m| m.contains("再与信の対象外")));
    assert!(declined.iter().all(|i| i["message"]["ja"]
        .as_str()
        .is_some_and(|m| m.contains("A112000004"))));
    let log: Vec<Value> = admin
        .get("/api/admin/bulk/jobs")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(log[0]["id"].as_i64(), Some(job_id));
    assert_eq!(log[0]["created_by"], "admin");
    let still_listed: Vec<Value> = admin
        .get("/api/admin/bulk/candidates")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        still_listed.len(),
        6,
        "re-authorized orders stay listed within their 60 days"
    );
}
