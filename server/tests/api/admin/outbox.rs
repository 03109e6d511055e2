//! The mail outbox and the order list's filters.

use serde_json::{json, Value};

use crate::helpers::card_order;
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_outbox_and_the_order_filters() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let authorized = card_order(&app, "4111111111111111").await;
    let cancelled = card_order(&app, "4111111111111111").await;
    assert_eq!(
        admin
            .post(&format!("/api/admin/orders/{cancelled}/cancel"), json!({}))
            .await
            .status(),
        204
    );
    let list = |q: &'static str| {
        let admin = &admin;
        let _app = &app;
        async move {
            let rows: Vec<Value> = admin
                .get(&format!("/api/admin/orders{q}"))
                .await
                .json()
                .await
                .expect("json");
            rows.iter()
                .filter_map(|r| r["order_number"].as_str().map(str::to_owned))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list("?status=cancelled").await,
        std::slice::from_ref(&cancelled)
    );
    assert_eq!(
        list("?status=authorized").await,
        std::slice::from_ref(&authorized)
    );
    assert_eq!(
        list("?payment_method=bank_transfer").await,
        Vec::<String>::new()
    );
    assert_eq!(
        list("?from=2000-01-01&to=2000-12-31").await,
        Vec::<String>::new()
    );
    assert_eq!(list("?from=&to=&status=").await.len(), 2);
    let mails: Vec<Value> = admin
        .get("/api/admin/outbox")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(mails.len(), 4);
    assert!(mails
        .iter()
        .any(|m| m["kind"] == "thanks"
            && m["body"].as_str().is_some_and(|b| b.contains(&authorized))));
}
