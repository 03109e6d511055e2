//! 決済エラー履歴: a declined card is not an order.

use serde_json::Value;

use crate::helpers::fixtures::card_order_body;
use crate::helpers::{card_order, spawn_app};

/// 与信が通った場合に注文が確定: a declined attempt stays out of 受注一覧 and
/// shows in 決済エラー履歴 with its time, amount, Yamato's codes, e-mail and IP.
#[tokio::test]
async fn a_declined_card_is_a_payment_error_not_an_order() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let placed = card_order(&app, "4111111111111111").await;
    let declined = app
        .order(
            "k-declined",
            &card_order_body(&app, "4000000000000002").await,
        )
        .await;
    assert_eq!(declined.status(), 402);

    let orders: Vec<Value> = admin
        .get("/api/admin/orders")
        .await
        .json()
        .await
        .expect("json");
    let numbers: Vec<&str> = orders
        .iter()
        .filter_map(|o| o["order_number"].as_str())
        .collect();
    assert_eq!(
        numbers,
        [placed.as_str()],
        "only the authorized order is listed"
    );
    for status in ["declined", "failed"] {
        let filtered: Vec<Value> = admin
            .get(&format!("/api/admin/orders?status={status}"))
            .await
            .json()
            .await
            .expect("json");
        assert!(filtered.is_empty(), "{status}: {filtered:?}");
    }

    let errors: Vec<Value> = admin
        .get("/api/admin/payment-errors")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e["outcome"], "与信NG");
    assert_eq!(e["total"], 4180);
    assert_eq!(e["credit_error_code"], "G12");
    assert!(
        e["error_code"]
            .as_str()
            .is_some_and(|c| c.starts_with("A08")),
        "{e}"
    );
    assert_eq!(e["email"], "taro@example.jp");
    assert_eq!(e["ip"], "127.0.0.1");
    assert!(e["at"].as_str().is_some_and(|t| t.contains('T')));

    // Only for the merchant.
    assert_eq!(
        app.admin_get("/api/admin/payment-errors").await.status(),
        401
    );
}
