//! Hostile input to the shopper API, table-driven: every case gets a 4xx
//! with a stable JSON `code`, no order is stored, and the server keeps
//! answering.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::{spawn_app, TestApp};

fn order(lines: Value, name: Value, email: Value) -> Value {
    json!({
        "lines": lines,
        "buyer": {
            "name": name,
            "family_kana": "ヤマダ", "given_kana": "タロウ",
            "email": email, "phone": "090-1234-5678",
            "address": {"postal_code": "1000001", "prefecture": 13, "city": "千代田区千代田", "line1": "1-2-3", "line2": null}
        },
        "recipient": null,
        "delivery": {"method": "takkyubin", "date": null, "time_slot": "unspecified"},
        "payment": {"method": "bank_transfer"},
        "confirmed_total": 4180
    })
}

fn line(sku: Value, quantity: Value) -> Value {
    json!([{"sku": sku, "quantity": quantity}])
}

async fn orders_stored(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&app.pool().await)
        .await
        .expect("count")
}

async fn send(
    app: &TestApp,
    path: &str,
    key: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.address))
        .header("Idempotency-Key", key)
        .header("Content-Type", content_type)
        .body(body)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn hostile_bodies_get_a_stable_4xx_and_store_nothing() {
    let app = spawn_app().await;
    let good_name = json!({"family": "山田", "given": "太郎"});
    let good_email = json!("taro@example.jp");
    let json_body = |v: Value| serde_json::to_vec(&v).expect("json");
    let injections = [
        "'; DROP TABLE orders; --",
        "<script>alert(1)</script>",
        "山田\r\nBcc: victim@example.jp",
        "\u{0000}",
        "𠮷野家",
    ];
    let mut cases: Vec<(String, &str, Vec<u8>)> = vec![
        (
            "3 MB body".into(),
            "application/json",
            vec![b' '; 3 * 1024 * 1024],
        ),
        (
            "text/plain".into(),
            "text/plain",
            json_body(order(
                line(json!("YUNOMI-ARITA"), json!(1)),
                good_name.clone(),
                good_email.clone(),
            )),
        ),
        (
            "invalid UTF-8".into(),
            "application/json",
            b"{\"lines\": [{\"sku\": \"\xff\xfe\"}]}".to_vec(),
        ),
        ("empty body".into(), "application/json", Vec::new()),
        (
            "not an object".into(),
            "application/json",
            b"[1,2,3]".to_vec(),
        ),
    ];
    for quantity in [
        json!(0),
        json!(-1),
        json!(100),
        json!(1.5),
        json!(1e30),
        json!("1"),
        json!(u64::MAX),
    ] {
        cases.push((
            format!("quantity {quantity}"),
            "application/json",
            json_body(order(
                line(json!("YUNOMI-ARITA"), quantity),
                good_name.clone(),
                good_email.clone(),
            )),
        ));
    }
    for sku in [
        json!("NO-SUCH-SKU"),
        json!(""),
        json!("A".repeat(10_000)),
        json!(42),
    ] {
        cases.push((
            format!(
                "sku {}",
                sku.to_string().chars().take(20).collect::<String>()
            ),
            "application/json",
            json_body(order(
                line(sku, json!(1)),
                good_name.clone(),
                good_email.clone(),
            )),
        ));
    }
    for text in injections {
        cases.push((
            format!("name {text:?}"),
            "application/json",
            json_body(order(
                line(json!("YUNOMI-ARITA"), json!(1)),
                json!({"family": text, "given": "太郎"}),
                good_email.clone(),
            )),
        ));
        cases.push((
            format!("email {text:?}"),
            "application/json",
            json_body(order(
                line(json!("YUNOMI-ARITA"), json!(1)),
                good_name.clone(),
                json!(text),
            )),
        ));
    }
    let total = cases.len();
    for (i, (what, content_type, body)) in cases.into_iter().enumerate() {
        for path in ["/api/orders", "/api/quotes"] {
            let response = send(
                &app,
                path,
                &format!("hostile-{i}"),
                content_type,
                body.clone(),
            )
            .await;
            let status = response.status().as_u16();
            assert!((400..500).contains(&status), "{path} {what}: {status}");
            let error: ApiErrorBody = response
                .json()
                .await
                .unwrap_or_else(|e| panic!("{path} {what}: not a JSON error: {e}"));
            assert!(
                !error.code.is_empty()
                    && error
                        .code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{path} {what}: code {:?}",
                error.code
            );
            assert!(!error.message.is_empty(), "{path} {what}");
        }
    }
    assert!(total >= 25, "{total} cases");
    assert_eq!(orders_stored(&app).await, 0, "an order was stored");
    // Still serving.
    assert_eq!(app.get("/api/health").await.status(), 200);
}
