//! What tests make again and again: an approved card order, a valid slip
//! number. The order body itself is `common::order_body`, shared with the
//! process tests.

use serde_json::{json, Value};

use super::TestApp;

/// Places an approved card order through the shopper API; returns its 注文番号.
pub async fn card_order(app: &TestApp, card: &str) -> String {
    let token = app.token(card).await;
    let body = crate::common::order_body(crate::common::card(&token), "taro@example.jp");
    let response = app
        .order(&format!("k-admin-{card}-{}", rand_suffix()), &body)
        .await;
    assert_eq!(response.status(), 201);
    response.json::<Value>().await.expect("json")["order_number"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// A valid Yamato slip number (mod-7 check digit).
pub fn slip(body: u64) -> String {
    format!("{body:011}{}", body % 7)
}

/// An order for one 湯呑み (3,300 yen) to Tokyo (880 shipping): 4,180 yen.
pub fn body_with_total(payment: Value, total: u64) -> Value {
    let mut body = crate::common::order_body(payment, "taro@example.jp");
    body["confirmed_total"] = json!(total);
    body
}

/// A card order body with a fresh token for `card`.
pub async fn card_order_body(app: &TestApp, card: &str) -> Value {
    let token = app.token(card).await;
    body_with_total(
        json!({"method": "card", "token": token, "pay_way": 1}),
        4_180,
    )
}

impl TestApp {
    /// An order's status, 受付番号 and 与信承認番号.
    pub async fn order_row(&self, order_number: &str) -> (String, String, Option<String>) {
        sqlx::query_as(
            "SELECT status, receipt_no, crd_c_res_cd FROM orders WHERE order_number = $1",
        )
        .bind(order_number)
        .fetch_one(&self.pool().await)
        .await
        .expect("order row")
    }

    /// The one number `sql` selects.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool().await)
            .await
            .expect("count")
    }
}
