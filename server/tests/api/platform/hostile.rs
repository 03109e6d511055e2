//! Hostile input to the shopper API, table-driven: every case gets a 4xx
//! with a stable JSON `code`, no order is stored, and the server keeps
//! answering.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::{spawn_app, TestApp};

/// The shared order (a bank transfer), with hostile `lines`, buyer name and e-mail.
fn order(lines: Value, name: Value, email: Value) -> Value {
    let mut body = crate::common::order_body(json!({"method": "bank_transfer"}), "");
    body["lines"] = lines;
    body["buyer"]["name"] = name;
    body["buyer"]["email"] = email;
    body
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
        .header("Idempotency-Key", crate::helpers::shopper::key(key))
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
            crate::common::assert_error_shape(&error, &format!("{path} {what}"));
        }
    }
    assert!(total >= 25, "{total} cases");
    assert_eq!(orders_stored(&app).await, 0, "an order was stored");
    // Still serving.
    assert_eq!(app.get("/api/health").await.status(), 200);
}

#[tokio::test]
async fn oversized_headers_and_urls_are_refused_with_a_code() {
    let app = spawn_app().await;
    let big = "x".repeat(security_limit() + 1);
    for path in ["/api/health", "/api/orders", "/admin/", "/"] {
        let response = app
            .client
            .get(format!("{}{path}", app.address))
            .header("X-Padding", &big)
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status(), 431, "{path}");
        let body: ApiErrorBody = response.json().await.expect("json");
        assert_eq!(body.code, "headers_too_large");
    }
    // Many small headers add up the same way.
    let mut request = app.client.get(format!("{}/api/health", app.address));
    for i in 0..40 {
        request = request.header(format!("x-h{i}"), "y".repeat(500));
    }
    assert_eq!(request.send().await.expect("answered").status(), 431);

    let long = format!("{}/api/products?q={}", app.address, "a".repeat(9 * 1024));
    let response = app.client.get(long).send().await.expect("answered");
    assert_eq!(response.status(), 414);
    assert_eq!(
        response.json::<ApiErrorBody>().await.expect("json").code,
        "uri_too_long"
    );
    // A normal request still passes.
    assert_eq!(app.health().await.status(), 200);
}

fn security_limit() -> usize {
    zerostep_server::http::security::MAX_HEADER_BYTES
}

#[tokio::test]
async fn hostile_admin_input_gets_a_stable_4xx_and_changes_nothing() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = crate::helpers::card_order(&app, "4111111111111111").await;
    let before = admin.detail(&number).await;
    let order = |op: &str| format!("/api/admin/orders/{number}/{op}");
    let many: Vec<String> = (0..10_001).map(|i| format!("n{i}")).collect();
    let cases: Vec<(reqwest::Method, String, &str, Vec<u8>)> = {
        let post = |path: String, body: Value| {
            (
                reqwest::Method::POST,
                path,
                "application/json",
                serde_json::to_vec(&body).expect("json"),
            )
        };
        vec![
            post(
                order("shipment"),
                json!({"slip_no": "'; DROP TABLE orders;--"}),
            ),
            post(order("shipment"), json!({"slip_no": "1".repeat(10_000)})),
            post(order("shipment"), json!({"slip_no": 123_456_789_012_u64})),
            post(order("shipment"), json!({"slip_no": "12345678901\r\n2"})),
            post(
                order("shipment"),
                json!({"slip_no": "<script>alert(1)</script>"}),
            ),
            post(order("shipment"), json!({})),
            post(order("amount"), json!({"new_price": -1})),
            post(order("amount"), json!({"new_price": 1e30})),
            post(order("amount"), json!({"new_price": "3000"})),
            post(order("amount"), json!({"new_price": u64::MAX})),
            post(order("amount"), json!({"new_price": 300_001})),
            post(order("amount"), json!({"new_price": 3000, "extra": true})),
            post(
                "/api/admin/orders/..%2F..%2Fetc%2Fpasswd/cancel".to_owned(),
                json!({}),
            ),
            post(
                "/api/admin/orders/'%20OR%201=1--/reauth".to_owned(),
                json!({}),
            ),
            post(
                "/api/admin/bulk/reauth".to_owned(),
                json!({"order_numbers": []}),
            ),
            post(
                "/api/admin/bulk/reauth".to_owned(),
                json!({"order_numbers": many}),
            ),
            post(
                "/api/admin/bulk/reauth".to_owned(),
                json!({"order_numbers": "all"}),
            ),
            post(
                "/api/admin/bulk/reauth".to_owned(),
                json!({"order_numbers": [1, 2]}),
            ),
            post(
                "/api/admin/bulk/reauth".to_owned(),
                json!({"order_numbers": ["' OR 1=1--"]}),
            ),
            (
                reqwest::Method::POST,
                order("amount"),
                "text/plain",
                b"new_price=1".to_vec(),
            ),
            (
                reqwest::Method::POST,
                order("amount"),
                "application/json",
                b"{\"new_price\": 30".to_vec(),
            ),
            (
                reqwest::Method::POST,
                order("amount"),
                "application/json",
                vec![0xff, 0xfe, 0x00],
            ),
            (
                reqwest::Method::PUT,
                "/api/admin/settings/card".to_owned(),
                "application/json",
                b"{}".to_vec(),
            ),
            (
                reqwest::Method::GET,
                "/api/admin/bulk/jobs/abc".to_owned(),
                "application/json",
                Vec::new(),
            ),
            (
                reqwest::Method::GET,
                "/api/admin/bulk/jobs/99999999999999999999999".to_owned(),
                "application/json",
                Vec::new(),
            ),
        ]
    };
    let total = cases.len();
    for (method, path, content_type, body) in cases {
        let case = format!(
            "{method} {path} {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(60)
                .collect::<String>()
        );
        let response = admin.raw(method, &path, content_type, body).await;
        let status = response.status().as_u16();
        assert!((400..500).contains(&status), "{case}: {status}");
        let text = response.text().await.expect("body");
        let error: ApiErrorBody = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{case}: not a JSON error ({e}): {text}"));
        crate::common::assert_error_shape(&error, &case);
    }
    // Nothing changed, at our end or the gateway's.
    let after = admin.detail(&number).await;
    for field in ["total", "slip_no", "payment_status", "status"] {
        assert_eq!(
            after[field], before[field],
            "{field} after {total} hostile requests"
        );
    }
    let receipt = before["receipt_no"].as_str().unwrap_or_default();
    let history = app.sandbox_transaction(receipt).await["history"].clone();
    assert_eq!(
        history.as_array().map(Vec::len),
        Some(1),
        "only the A08: {history}"
    );
    // A search for an injection string is just a search.
    let found: Value = admin
        .get("/api/admin/orders?q=%27%20OR%201%3D1--")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        found["orders"].as_array().map(Vec::len).unwrap_or(0),
        0,
        "{found}"
    );
}
