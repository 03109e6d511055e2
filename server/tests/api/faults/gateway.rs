//! Every sandbox fault mode against every gateway operation (A08, A11, E01,
//! A06, A07, E04): afterwards, once the reconcilers have run, the order and
//! the sandbox's transaction agree, the shopper or merchant was told what
//! happened in Japanese and English, and no operation took effect twice.

use serde_json::json;
use zerostep_domain::ApiErrorBody;

use crate::helpers::{card_order, slip, AdminSession};
use crate::helpers::{spawn_app_with, TestApp};

/// (mode, `apply` for the modes that may take effect before failing, delay in ms).
/// The client gives up after 2 s, so a 3 s delay or hold is past its timeout.
const FAULTS: [(&str, Option<bool>, u64); 10] = [
    ("delay", None, 3_000),
    ("timeout", None, 3_000),
    ("http500", Some(false), 0),
    ("http500", Some(true), 0),
    ("malformed", Some(false), 0),
    ("malformed", Some(true), 0),
    ("reset", Some(false), 0),
    ("reset", Some(true), 0),
    ("maintenance", None, 0),
    ("in_flight", None, 0),
];

/// The sandbox's action path and function code of an operation.
fn action(function_div: &str) -> &'static str {
    match function_div {
        "A08" => "creditToken",
        "A11" => "reAuth",
        "E01" => "shipmentEntry",
        "A06" => "creditCancel",
        "A07" => "creditChangePrice",
        _ => "tradeInfo",
    }
}

async fn app() -> TestApp {
    spawn_app_with(|s| {
        // Only the test reconciles, once the sandbox has finished every call.
        s.reconcile_stale_secs = 0;
        s.reconcile_interval_secs = 3_600;
    })
    .await
}

/// The order's row: status, gateway status, total, slip, 受付番号.
async fn order_row(
    app: &TestApp,
    number: &str,
) -> (String, Option<i64>, i64, Option<String>, String) {
    sqlx::query_as(
        "SELECT status, gateway_status, total, slip_no, receipt_no FROM orders WHERE order_number = $1",
    )
    .bind(number)
    .fetch_one(&app.pool().await)
    .await
    .expect("order row")
}

/// A message a person can act on: a stable code, and Japanese then English.
async fn assert_clear(response: reqwest::Response, case: &str) -> u16 {
    let status = response.status().as_u16();
    if status >= 400 {
        let body: ApiErrorBody = response.json().await.expect("error body");
        // Japanese, and English beside it.
        crate::common::assert_error_shape(&body, case);
    }
    status
}

/// Waits until the sandbox has finished any call it is still working on, then
/// runs both reconcilers as the server's timer would.
async fn reconcile(app: &TestApp, delay_ms: u64) {
    if delay_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
    }
    zerostep_server::reconcile::reconcile_once(&app.state.services)
        .await
        .expect("reconcile orders");
    zerostep_server::reconcile::reconcile_operations(&app.state.services)
        .await
        .expect("reconcile operations");
}

/// No operation left unsettled, none applied twice, and the order agrees
/// with the gateway's transaction.
async fn assert_agree(app: &TestApp, number: &str, function_div: &str, case: &str) {
    let (status, gateway_status, total, slip_no, receipt) = order_row(app, number).await;
    let txn = app.sandbox_transaction(&receipt).await;
    let applied = txn["history"]
        .as_array()
        .map(|calls| {
            calls
                .iter()
                .filter(|c| c["function_div"] == function_div && c["result"] == "ok")
                .count()
        })
        .unwrap_or(0);
    assert!(
        applied <= 1,
        "{case}: {function_div} applied {applied} times"
    );
    let unsettled: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM gateway_operations WHERE settled = 0")
            .fetch_one(&app.pool().await)
            .await
            .expect("count");
    assert_eq!(unsettled, 0, "{case}: operations left unsettled");
    if txn["status"].is_null() || txn["status"] == 21 {
        assert!(
            matches!(status.as_str(), "failed" | "declined"),
            "{case}: the gateway has no authorization but the order is {status}"
        );
        return;
    }
    assert_eq!(status, "authorized", "{case}: order status");
    assert_eq!(gateway_status, txn["status"].as_i64(), "{case}: 取引状況");
    assert_eq!(Some(total), txn["amount"].as_i64(), "{case}: amount");
    assert_eq!(
        slip_no.as_deref(),
        txn["slips"][0]["slip_no"].as_str(),
        "{case}: slip"
    );
    if function_div == "E01" {
        // The shopper hears of the shipment once, also when its answer was lost.
        let notices: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox o JOIN orders r ON r.id = o.order_id WHERE r.order_number = $1 AND o.kind = 'shipping_notice'",
        )
        .bind(number)
        .fetch_one(&app.pool().await)
        .await
        .expect("count");
        assert_eq!(
            notices,
            i64::from(slip_no.is_some()),
            "{case}: 配送通知メール"
        );
    }
    if function_div != "A11" {
        return;
    }
    // A re-authorization changes only the hold: ours shows it exactly when the gateway's does.
    let last_reauth: Option<String> =
        sqlx::query_scalar("SELECT last_reauth_at FROM orders WHERE order_number = $1")
            .bind(number)
            .fetch_one(&app.pool().await)
            .await
            .expect("order");
    let renewed = txn["renewal_date"].is_string();
    assert_eq!(
        last_reauth.is_some(),
        renewed,
        "{case}: last re-authorization {last_reauth:?}, gateway renewal {}",
        txn["renewal_date"]
    );
}

/// Queues the fault for the operation's next call.
async fn inject(
    app: &TestApp,
    function_div: &str,
    (mode, apply, delay_ms): (&str, Option<bool>, u64),
) {
    let mut fault = json!({"action": action(function_div), "mode": mode, "delay_ms": delay_ms});
    if let Some(apply) = apply {
        fault["apply"] = json!(apply);
    }
    app.fault(fault).await;
}

/// Runs one merchant operation on an authorized order with each fault.
async fn merchant_operation(function_div: &str) {
    let app = app().await;
    let admin: AdminSession = app.login_admin().await;
    for (i, fault) in FAULTS.into_iter().enumerate() {
        let case = format!("{function_div} {} apply={:?}", fault.0, fault.1);
        let number = card_order(&app, "4111111111111111").await;
        inject(&app, function_div, fault).await;
        let (path, body) = match function_div {
            "E01" => (
                "shipment",
                json!({"slip_no": slip(30_000_000_000 + i as u64)}),
            ),
            "A11" => ("reauth", json!({})),
            "A06" => ("cancel", json!({})),
            "A07" => ("amount", json!({"new_price": 3000})),
            _ => ("sync", json!({})),
        };
        let response = admin
            .post(&format!("/api/admin/orders/{number}/{path}"), body)
            .await;
        assert_clear(response, &case).await;
        reconcile(&app, fault.2).await;
        assert_agree(&app, &number, function_div, &case).await;
    }
}

#[tokio::test]
async fn a08_faults_end_authorized_or_failed_as_the_gateway_says() {
    let app = app().await;
    let mut outcomes = std::collections::BTreeMap::<String, u16>::new();
    for (i, fault) in FAULTS.into_iter().enumerate() {
        let case = format!("A08 {} apply={:?}", fault.0, fault.1);
        let token = app.token("4111111111111111").await;
        let body = crate::common::order_body(crate::common::card(&token), "taro@example.jp");
        inject(&app, "A08", fault).await;
        let response = app.order(&format!("k-a08-fault-{i}"), &body).await;
        let status = assert_clear(response, &case).await;
        outcomes.insert(case.clone(), status);
        reconcile(&app, fault.2).await;
        let number: String =
            sqlx::query_scalar("SELECT order_number FROM orders ORDER BY id DESC LIMIT 1")
                .fetch_one(&app.pool().await)
                .await
                .expect("the order is stored whatever the fault");
        assert_agree(&app, &number, "A08", &case).await;
        let (status, ..) = order_row(&app, &number).await;
        assert_ne!(
            status, "pending_review",
            "{case}: still unknown after reconciliation"
        );
    }
    // A refusal the gateway itself answered is said at once (502/503: nothing
    // was charged); an answer lost after it acted is settled by E04 at once
    // (201); one that may still be in flight (a timeout, a cut connection, an
    // HTTP error that may come from a proxy) is 確認中 (202) until the
    // reconciler runs.
    let expected = [
        ("A08 delay apply=None", 202),
        ("A08 timeout apply=None", 201),
        ("A08 http500 apply=Some(false)", 202),
        ("A08 http500 apply=Some(true)", 201),
        ("A08 malformed apply=Some(false)", 502),
        ("A08 malformed apply=Some(true)", 201),
        ("A08 reset apply=Some(false)", 202),
        ("A08 reset apply=Some(true)", 201),
        ("A08 maintenance apply=None", 503),
        ("A08 in_flight apply=None", 502),
    ];
    for (case, status) in expected {
        assert_eq!(outcomes[case], status, "{case}");
    }
}

#[tokio::test]
async fn e01_faults_leave_the_slip_where_the_gateway_has_it() {
    merchant_operation("E01").await;
}

#[tokio::test]
async fn a11_faults_never_reauthorize_twice() {
    merchant_operation("A11").await;
}

#[tokio::test]
async fn a06_faults_leave_the_order_cancelled_only_if_the_gateway_did() {
    merchant_operation("A06").await;
}

#[tokio::test]
async fn a07_faults_leave_the_amount_the_gateway_has() {
    merchant_operation("A07").await;
}

#[tokio::test]
async fn e04_faults_change_nothing_and_say_so() {
    merchant_operation("E04").await;
}
