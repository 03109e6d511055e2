//! Crash tests: the real server binary, killed with SIGKILL at a failpoint
//! (`ZEROSTEP_FAILPOINT`), then started again on the same SQLite file. The
//! sandbox lives in this test process, so it outlives the server as Yamato's
//! gateway would. After the restart the reconcilers must bring every order to
//! the gateway's truth: no order lost, no second authorization.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tempfile::TempDir;

// Shared with the API suite, which uses all of it.
#[allow(dead_code)]
mod common;
#[path = "support/instances.rs"]
mod instances;

use instances::{place, Gateway, Server, ADMIN_PASSWORD};

/// Each failpoint is crossed this many times, each in a fresh server.
const RUNS: usize = 3;

async fn pool(dir: &Path) -> zerostep_server::store::Pool {
    zerostep_server::store::connect_and_migrate(&common::database_url(dir))
        .await
        .expect("database")
}

/// Polls until `sql` (a count) is zero.
async fn until_zero(dir: &Path, sql: &str, what: &str) {
    let pool = pool(dir).await;
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let n: i64 = sqlx::query_scalar(sql)
            .fetch_one(&pool)
            .await
            .expect("count");
        if n == 0 {
            return;
        }
        assert!(Instant::now() < deadline, "{n} {what} after 40 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Polls until every gateway operation is settled (the reconciler has
/// asked the gateway about each whose answer was lost).
async fn until_operations_settled(dir: &Path) {
    until_zero(
        dir,
        "SELECT COUNT(*) FROM gateway_operations WHERE settled = 0",
        "operations unsettled",
    )
    .await;
}

/// Every order agrees with the gateway: authorized exactly when the gateway
/// authorized it, once; mails queued for each authorized order.
async fn assert_books_match(dir: &Path, gateway: &Gateway, expected_orders: i64) {
    let pool = pool(dir).await;
    let rows: Vec<(i64, String, String, Option<i64>)> =
        sqlx::query_as("SELECT id, receipt_no, status, gateway_status FROM orders")
            .fetch_all(&pool)
            .await
            .expect("orders");
    assert_eq!(rows.len() as i64, expected_orders, "orders lost or doubled");
    let mut authorized = 0;
    for (id, receipt, status, gateway_status) in rows {
        let txn = gateway.transaction_or_null(&receipt).await;
        let a08s = count_calls(&txn, "A08");
        assert!(a08s <= 1, "{receipt}: {a08s} authorizations");
        if a08s == 1 {
            authorized += 1;
            assert_eq!(status, "authorized", "{receipt}: the gateway authorized it");
            assert_eq!(
                gateway_status,
                txn["status"].as_i64(),
                "{receipt}: 取引状況"
            );
            let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE order_id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .expect("mails");
            assert_eq!(
                mails, 2,
                "{receipt}: thanks and shop notice queued once each"
            );
        } else {
            assert!(
                matches!(status.as_str(), "failed" | "declined"),
                "{receipt}: {status}"
            );
        }
    }
    assert_eq!(gateway.stats().await["authorizations"], authorized);
}

fn count_calls(txn: &Value, function_div: &str) -> usize {
    txn["history"].as_array().map_or(0, |calls| {
        calls
            .iter()
            .filter(|c| c["function_div"] == function_div && c["result"] == "ok")
            .count()
    })
}

impl Gateway {
    async fn transaction_or_null(&self, receipt_no: &str) -> Value {
        let response = self
            .client
            .get(format!("{}/__sandbox/transactions/{receipt_no}", self.url))
            .send()
            .await
            .expect("sandbox answers");
        if response.status() == 404 {
            return Value::Null;
        }
        response.json().await.expect("json")
    }
}

/// A folder for the servers' logs and mail, and an empty database for them.
async fn data_dir() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_owned();
    common::create_database(&path).await;
    (dir, path)
}

/// Kills the server at `point` while an order is placed (with the sandbox's
/// `fault` for that A08), restarts it, and checks the books.
async fn crash_during_order(point: &str, faults: &[Option<Value>]) {
    let gateway = Gateway::start().await;
    let (_keep, dir) = data_dir().await;
    let client = reqwest::Client::new();
    for (run, fault) in faults.iter().cycle().take(RUNS).enumerate() {
        let server = Server::start(&dir, &gateway, Some(point), run * 2);
        if let Some(fault) = fault {
            gateway.fault(fault.clone()).await;
        }
        let token = gateway.token().await;
        let answer = place(
            &client,
            &server.url,
            &format!("crash-{point}-{run}"),
            &token,
        )
        .await;
        assert!(
            answer.is_err(),
            "{point}: the server answered before dying: {answer:?}"
        );
        server.killed().await;

        // Restarted: the same key now answers from the books, never a second A08.
        let restarted = Server::start(&dir, &gateway, None, run * 2 + 1);
        until_zero(
            &dir,
            "SELECT COUNT(*) FROM orders WHERE status IN ('authorizing', 'pending_review')",
            "orders still unknown",
        )
        .await;
        let retry = place(
            &client,
            &restarted.url,
            &format!("crash-{point}-{run}"),
            &token,
        )
        .await
        .expect("answers");
        let status: String =
            sqlx::query_scalar("SELECT status FROM orders ORDER BY id DESC LIMIT 1")
                .fetch_one(&pool(&dir).await)
                .await
                .expect("the order outlived the crash");
        let expected = if status == "authorized" { 201 } else { 502 };
        assert_eq!(
            retry.status(),
            expected,
            "{point}: a retry answers from the {status} order"
        );
        assert_books_match(&dir, &gateway, (run + 1) as i64).await;
    }
}

#[tokio::test]
async fn killed_right_after_a08_is_sent() {
    // The gateway takes the A08 and holds its answer (applied), or takes its
    // time before applying it (applied after the server died).
    crash_during_order(
        "a08_sent",
        &[
            Some(json!({"action": "creditToken", "mode": "timeout", "delay_ms": 5_000})),
            Some(json!({"action": "creditToken", "mode": "delay", "delay_ms": 2_500})),
        ],
    )
    .await;
}

#[tokio::test]
async fn killed_after_claiming_the_key_before_the_order_row() {
    // The retry takes the key over and places the order: one order, one A08.
    crash_during_order("key_claimed", &[None]).await;
}

#[tokio::test]
async fn killed_after_a08_is_answered_before_the_commit() {
    crash_during_order("a08_answered", &[None]).await;
}

async fn admin_session(client: &reqwest::Client, server: &str) -> (String, String) {
    common::admin_session(client, server, ADMIN_PASSWORD).await
}

#[tokio::test]
async fn killed_in_the_middle_of_a_bulk_reauthorization() {
    const ORDERS: usize = 40;
    let gateway = Gateway::start().await;
    let (_keep, dir) = data_dir().await;
    let client = reqwest::Client::new();
    let setup = Server::start(&dir, &gateway, None, 0);
    for i in 0..ORDERS {
        let token = gateway.token().await;
        let placed = place(&client, &setup.url, &format!("bulk-{i}"), &token)
            .await
            .expect("placed");
        assert_eq!(placed.status(), 201);
    }
    drop(setup);
    for run in 0..RUNS {
        let server = Server::start(
            &dir,
            &gateway,
            Some(&format!("bulk_item:{}", 5 + run * 7)),
            run * 2 + 1,
        );
        // A little latency at the gateway keeps several A11s in flight at the kill.
        gateway
            .fault(json!({"action": "reAuth", "mode": "delay", "delay_ms": 50, "count": ORDERS}))
            .await;
        let (cookie, _) = admin_session(&client, &server.admin_url).await;
        let candidates: Vec<Value> = client
            .get(format!("{}/api/admin/bulk/candidates", server.admin_url))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("candidates")
            .json()
            .await
            .expect("json");
        assert_eq!(candidates.len(), ORDERS);
        let numbers: Vec<String> = candidates
            .iter()
            .map(|c| c["order_number"].as_str().unwrap_or_default().to_owned())
            .collect();
        start_bulk(&client, &server, &numbers).await;
        server.killed().await;
        gateway
            .control(reqwest::Method::DELETE, "/__sandbox/faults", None)
            .await;

        let _restarted = Server::start(&dir, &gateway, None, run * 2 + 2);
        until_operations_settled(&dir).await;
        until_zero(
            &dir,
            "SELECT COUNT(*) FROM bulk_jobs WHERE status = 'running'",
            "jobs running",
        )
        .await;
        let pool = pool(&dir).await;
        let (total, succeeded, failed): (i64, i64, i64) = sqlx::query_as(
            "SELECT total, succeeded, failed FROM bulk_jobs ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(&pool)
        .await
        .expect("job");
        assert_eq!(total, ORDERS as i64);
        assert_eq!(succeeded + failed, total, "every item accounted for");
        assert!(failed > 0, "the kill interrupted the run");
        let orders: Vec<(String, Option<i64>, i64, Option<String>)> =
            sqlx::query_as("SELECT receipt_no, gateway_status, total, last_reauth_at FROM orders")
                .fetch_all(&pool)
                .await
                .expect("orders");
        assert_eq!(orders.len(), ORDERS, "no order lost");
        for (receipt, gateway_status, amount, last_reauth) in orders {
            let txn = gateway.transaction(&receipt).await;
            // Re-authorized at the gateway (in this run or an earlier one, even
            // with its answer cut off by the kill) exactly when our books say so.
            assert_eq!(
                last_reauth.is_some(),
                txn["renewal_date"].is_string(),
                "{receipt}: last re-authorization {last_reauth:?}"
            );
            assert!(
                count_calls(&txn, "A11") <= run + 1,
                "{receipt}: re-authorized twice in one run"
            );
            assert_eq!(count_calls(&txn, "A08"), 1, "{receipt}");
            assert_eq!(
                gateway_status,
                txn["status"].as_i64(),
                "{receipt}: 取引状況"
            );
            assert_eq!(Some(amount), txn["amount"].as_i64(), "{receipt}: amount");
        }
    }
}

#[tokio::test]
async fn one_key_sent_to_two_instances_makes_one_authorization() {
    const KEYS: usize = 4;
    const PER_INSTANCE: usize = 3;
    let gateway = Gateway::start().await;
    let (_keep, dir) = data_dir().await;
    let first = Server::start(&dir, &gateway, None, 0);
    let second = Server::start(&dir, &gateway, None, 1);
    // A slow gateway keeps each first request in flight while the others arrive.
    gateway
        .fault(json!({"action": "creditToken", "mode": "delay", "delay_ms": 1_000, "count": KEYS}))
        .await;
    let client = reqwest::Client::new();
    let mut requests = Vec::new();
    for k in 0..KEYS {
        let token = gateway.token().await;
        for i in 0..PER_INSTANCE * 2 {
            let url = if i % 2 == 0 { &first.url } else { &second.url }.clone();
            let (client, token) = (client.clone(), token.clone());
            requests.push(tokio::spawn(async move {
                let response = place(&client, &url, &format!("shared-{k}"), &token)
                    .await
                    .expect("answered");
                let status = response.status().as_u16();
                let body: Value = response.json().await.expect("json");
                (
                    k,
                    status,
                    body["order_number"].as_str().unwrap_or_default().to_owned(),
                )
            }));
        }
    }
    let mut numbers: Vec<std::collections::BTreeSet<String>> = vec![Default::default(); KEYS];
    for request in requests {
        let (k, status, number) = request.await.expect("request");
        assert_eq!(status, 201, "key {k}: every instance answers the one order");
        numbers[k].insert(number);
    }
    for (k, n) in numbers.iter().enumerate() {
        assert_eq!(
            n.len(),
            1,
            "key {k}: one order number across both instances: {n:?}"
        );
    }
    assert_eq!(
        gateway.stats().await["authorizations"],
        KEYS,
        "one A08 per key"
    );
    let orders: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orders")
        .fetch_one(&pool(&dir).await)
        .await
        .expect("count");
    assert_eq!(orders, KEYS as i64);
}

/// Starts a bulk re-authorization of `numbers` on `server`; returns its job id.
async fn start_bulk(client: &reqwest::Client, server: &Server, numbers: &[String]) -> i64 {
    let (cookie, csrf) = admin_session(client, &server.admin_url).await;
    let started = client
        .post(format!("{}/api/admin/bulk/reauth", server.admin_url))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .json(&json!({ "order_numbers": numbers }))
        .send()
        .await
        .expect("started");
    assert_eq!(started.status(), 200);
    started.json::<Value>().await.expect("json")["job_id"]
        .as_i64()
        .expect("job id")
}

/// Two instances on one database, the first set to die at its sixth bulk
/// item, and card orders placed through the second.
struct TwoInstances {
    gateway: Gateway,
    _keep: TempDir,
    dir: PathBuf,
    client: reqwest::Client,
    doomed: Server,
    survivor: Server,
    numbers: Vec<String>,
}

/// [`TwoInstances`] with `orders` orders (keys `prefix-0`, …), each later
/// call of the gateway's `action` (up to `orders`) held 50 ms, so that a
/// run is in flight when the first instance dies.
async fn two_instances(prefix: &str, orders: usize, action: &str) -> TwoInstances {
    let gateway = Gateway::start().await;
    let (keep, dir) = data_dir().await;
    let client = reqwest::Client::new();
    let doomed = Server::start(&dir, &gateway, Some("bulk_item:6"), 0);
    let survivor = Server::start(&dir, &gateway, None, 1);
    let mut numbers = Vec::new();
    for i in 0..orders {
        let token = gateway.token().await;
        let placed = place(&client, &survivor.url, &format!("{prefix}-{i}"), &token)
            .await
            .expect("placed");
        assert_eq!(placed.status(), 201);
        let body: Value = placed.json().await.expect("json");
        numbers.push(body["order_number"].as_str().unwrap_or_default().to_owned());
    }
    gateway
        .fault(json!({"action": action, "mode": "delay", "delay_ms": 50, "count": orders}))
        .await;
    TwoInstances {
        gateway,
        _keep: keep,
        dir,
        client,
        doomed,
        survivor,
        numbers,
    }
}

/// Waits for every run to end and every operation to settle, then checks
/// that each run accounts for every item: the survivor's own untouched,
/// the dead instance's taken over with only the items in flight at the
/// kill (at most one per worker) interrupted.
async fn runs_accounted(dir: &Path, doomed_job: i64, survivor_job: i64) {
    until_zero(
        dir,
        "SELECT COUNT(*) FROM bulk_jobs WHERE status = 'running'",
        "runs unfinished",
    )
    .await;
    until_operations_settled(dir).await;
    let pool = pool(dir).await;
    for job in [doomed_job, survivor_job] {
        let (total, succeeded, failed, runner): (i64, i64, i64, Option<String>) =
            sqlx::query_as("SELECT total, succeeded, failed, runner FROM bulk_jobs WHERE id = $1")
                .bind(job)
                .fetch_one(&pool)
                .await
                .expect("job");
        assert_eq!(
            succeeded + failed,
            total,
            "run {job}: every item accounted for"
        );
        if job == survivor_job {
            assert_eq!(succeeded, total, "the survivor's own run is untouched");
        } else {
            assert!((1..=4).contains(&failed), "interrupted items: {failed}");
            assert!(runner.is_some(), "taken over");
        }
    }
}

/// Checks that the gateway got each order's `function_div` at most once,
/// that the order's `column` is set exactly where it did (our books follow
/// the gateway), and that at least `at_least` orders got it (only the items
/// interrupted by the kill may lack it).
async fn sent_at_most_once(
    gateway: &Gateway,
    dir: &Path,
    column: &str,
    function_div: &str,
    at_least: usize,
) {
    let orders: Vec<(String, Option<String>)> =
        sqlx::query_as(&format!("SELECT receipt_no, {column} FROM orders"))
            .fetch_all(&pool(dir).await)
            .await
            .expect("orders");
    let mut sent = 0;
    for (receipt, recorded) in orders {
        let txn = gateway.transaction(&receipt).await;
        let calls = count_calls(&txn, function_div);
        assert!(calls <= 1, "{receipt}: {function_div} sent {calls} times");
        sent += calls;
        assert_eq!(
            recorded.is_some(),
            calls == 1,
            "{receipt}: our books follow the gateway"
        );
    }
    assert!(
        sent >= at_least,
        "only interrupted items may lack their {function_div}: {sent} sent"
    );
}

#[tokio::test]
async fn an_instance_killed_mid_run_leaves_the_other_to_finish_it() {
    const ORDERS: usize = 40;
    let t = two_instances("two", ORDERS, "reAuth").await;
    // One run on each instance at once; the first instance dies in the middle of its own.
    let (half, other) = t.numbers.split_at(ORDERS / 2);
    let doomed_job = start_bulk(&t.client, &t.doomed, half).await;
    let survivor_job = start_bulk(&t.client, &t.survivor, other).await;
    t.doomed.killed().await;
    runs_accounted(&t.dir, doomed_job, survivor_job).await;

    sent_at_most_once(&t.gateway, &t.dir, "last_reauth_at", "A11", ORDERS - 4).await;
}

/// Starts a 売上確定一括処理 run over `numbers`, each with its own valid slip.
async fn start_slips(
    client: &reqwest::Client,
    server: &Server,
    numbers: &[String],
    first: u64,
) -> i64 {
    let (cookie, csrf) = admin_session(client, &server.admin_url).await;
    let file: String = numbers
        .iter()
        .zip(first..)
        .map(|(number, n)| format!("{number},{:011}{}\n", n, n % 7))
        .collect();
    let started = client
        .post(format!("{}/api/admin/slips/runs", server.admin_url))
        .header("cookie", &cookie)
        .header("x-csrf-token", &csrf)
        .header("content-type", "text/csv")
        .body(file)
        .send()
        .await
        .expect("started");
    assert_eq!(started.status(), 201);
    started.json::<Value>().await.expect("json")["job_id"]
        .as_i64()
        .expect("job id")
}

#[tokio::test]
async fn an_instance_killed_mid_slip_run_leaves_the_other_to_finish_it_with_no_e01_twice() {
    const ORDERS: usize = 40;
    let t = two_instances("slips", ORDERS, "shipmentEntry").await;
    // One file on each instance at once; the first instance dies in the middle of its run.
    let (half, other) = t.numbers.split_at(ORDERS / 2);
    let doomed_job = start_slips(&t.client, &t.doomed, half, 100).await;
    let survivor_job = start_slips(&t.client, &t.survivor, other, 200).await;
    t.doomed.killed().await;
    runs_accounted(&t.dir, doomed_job, survivor_job).await;

    sent_at_most_once(&t.gateway, &t.dir, "slip_no", "E01", ORDERS - 4).await;
}

/// Registers the slip `000000001002` on order `number` (問い合わせ番号 → E01)
/// through `server`'s admin, in the session `(cookie, csrf)`.
async fn register_slip(
    client: &reqwest::Client,
    server: &Server,
    number: &str,
    (cookie, csrf): (&str, &str),
) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!(
            "{}/api/admin/orders/{number}/shipment",
            server.admin_url
        ))
        .header("cookie", cookie)
        .header("x-csrf-token", csrf)
        .json(&json!({ "slip_no": "000000001002" }))
        .send()
        .await
}

/// The claim of a slip and the row of its E01 are one write: a server killed
/// after it, before the E01 went out, leaves an unsettled E01 that the
/// restarted server's reconciler settles with E04, releasing the slip the
/// gateway never got (before, a kill between the two writes left the slip
/// claimed for good, with no operation to find); the dead server's lease on
/// the order is free once its heartbeat is old.
#[tokio::test]
async fn killed_after_a_slip_is_claimed_before_its_e01() {
    let gateway = Gateway::start().await;
    let (_keep, dir) = data_dir().await;
    let client = reqwest::Client::new();
    let server = Server::start(&dir, &gateway, Some("slip_claimed"), 0);
    let token = gateway.token().await;
    let placed = place(&client, &server.url, "slip-claimed", &token)
        .await
        .expect("placed");
    assert_eq!(placed.status(), 201);
    let number = placed.json::<Value>().await.expect("json")["order_number"]
        .as_str()
        .expect("order number")
        .to_owned();
    let (cookie, csrf) = admin_session(&client, &server.admin_url).await;
    let registered = register_slip(&client, &server, &number, (&cookie, &csrf)).await;
    assert!(registered.is_err(), "answered before dying: {registered:?}");
    server.killed().await;
    let claimed: (Option<String>, i64) = sqlx::query_as(
        "SELECT o.slip_no, (SELECT COUNT(*) FROM gateway_operations g WHERE g.order_id = o.id AND g.function_div = 'E01' AND g.settled = 0) FROM orders o",
    )
    .fetch_one(&pool(&dir).await)
    .await
    .expect("order");
    assert_eq!(
        claimed,
        (Some("000000001002".to_owned()), 1),
        "the claim outlived the kill with its E01 unsettled"
    );

    let restarted = Server::start(&dir, &gateway, None, 1);
    until_operations_settled(&dir).await;
    sent_at_most_once(&gateway, &dir, "slip_no", "E01", 0).await;
    let (slip, status): (Option<String>, Option<i64>) =
        sqlx::query_as("SELECT slip_no, gateway_status FROM orders")
            .fetch_one(&pool(&dir).await)
            .await
            .expect("order");
    assert_eq!(slip, None, "the slip the gateway never got is released");
    assert_eq!(
        status,
        Some(zerostep_domain::order::GatewayStatus::Authorized.column()),
        "与信完了 still: its slip can be registered"
    );

    // The dead server's lease on the order is free once its heartbeat is
    // RUN_DEAD_AFTER (10 s) old, not a minute after the gateway timeout (62 s
    // here): the merchant registers the slip again.
    let (cookie, csrf) = admin_session(&client, &restarted.admin_url).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let again = register_slip(&client, &restarted, &number, (&cookie, &csrf))
            .await
            .expect("answered");
        let status = again.status().as_u16();
        if status == 204 {
            break;
        }
        assert!(
            status == 409 && Instant::now() < deadline,
            "the slip registered again: {status} {}",
            again.text().await.unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    sent_at_most_once(&gateway, &dir, "slip_no", "E01", 1).await;
}

impl Gateway {
    /// A 3-D Secure token (authDiv 3).
    async fn token_3ds(&self) -> String {
        let minted = self
            .control(
                reqwest::Method::POST,
                "/__sandbox/tokens",
                Some(json!({"card_no": "4111111111111111", "auth_div": "3"})),
            )
            .await;
        minted["tokens"][0].as_str().expect("token").to_owned()
    }
}

/// Kills the server at `point` while a 3-D Secure return is handled (with the
/// sandbox's `fault` for that A09), restarts it, and checks that the order
/// ends as the gateway says, with one A09, and that the checkout reads it.
async fn crash_during_return(point: &str, fault: Option<Value>) {
    let gateway = Gateway::start().await;
    let (_keep, dir) = data_dir().await;
    let client = reqwest::Client::new();
    let server = Server::start(&dir, &gateway, Some(point), 0);
    zerostep_server::store::three_d_sessions::save_setting(&pool(&dir).await, Some("3"))
        .await
        .expect("3-D Secure on");
    let token = gateway.token_3ds().await;
    let answer: Value = place(&client, &server.url, "crash-3ds", &token)
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(answer["outcome"], "authenticate", "{answer}");
    let start_path = answer["authentication_url"].as_str().expect("start page");
    let start = client
        .get(format!("{}{start_path}", server.url))
        .send()
        .await
        .expect("start page")
        .text()
        .await
        .expect("page");
    let (acs, fields) = zerostep_sandbox::acs::form_of(&start);
    let issuer = client
        .post(acs)
        .form(&fields)
        .send()
        .await
        .expect("issuer")
        .text()
        .await
        .expect("page");
    let (return_url, fields) = zerostep_sandbox::acs::form_of(&issuer);
    if let Some(fault) = fault {
        gateway.fault(fault).await;
    }
    let returned = client.post(&return_url).form(&fields).send().await;
    assert!(
        returned.is_err(),
        "{point}: answered before dying: {returned:?}"
    );
    server.killed().await;

    let restarted = Server::start(&dir, &gateway, None, 1);
    until_zero(
        &dir,
        "SELECT COUNT(*) FROM orders WHERE status IN ('authorizing', 'pending_review')",
        "orders still unknown",
    )
    .await;
    let (receipt, status): (String, String) =
        sqlx::query_as("SELECT receipt_no, status FROM orders")
            .fetch_one(&pool(&dir).await)
            .await
            .expect("the order outlived the crash");
    let txn = gateway.transaction_or_null(&receipt).await;
    assert_eq!(
        status, "authorized",
        "{point}: the gateway authorized it: {txn}"
    );
    assert_eq!(count_calls(&txn, "A09"), 1, "{point}: {txn}");
    // The checkout reads the final answer, and a reload of the return
    // (on the restarted server) sends no second A09.
    let session = start_path
        .trim_start_matches("/api/3ds/")
        .trim_end_matches("/start");
    // The reconciler records the order, queues its mails, then stores the
    // session's answer: the checkout polls until it is final, and so does this.
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let answer = client
            .get(format!("{}/api/3ds/{session}", restarted.url))
            .send()
            .await
            .expect("answer");
        let status = answer.status().as_u16();
        let body = answer.text().await.unwrap_or_default();
        if status == 201 {
            break;
        }
        assert!(
            status == 202 && body.contains("\"authenticate\"") && Instant::now() < deadline,
            "{point}: the checkout's answer: {status} {body}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let path = return_url
        .find("/api/3ds/return/")
        .map(|at| &return_url[at..])
        .expect("our return address");
    let reload = client
        .post(format!("{}{path}", restarted.url))
        .form(&fields)
        .send()
        .await
        .expect("reload");
    assert_eq!(reload.status(), 200);
    let txn = gateway.transaction_or_null(&receipt).await;
    let a09s = txn["history"].as_array().map_or(0, |calls| {
        calls.iter().filter(|c| c["function_div"] == "A09").count()
    });
    assert_eq!(a09s, 1, "{point}: {txn}");
    let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox")
        .fetch_one(&pool(&dir).await)
        .await
        .expect("mails");
    assert_eq!(mails, 2, "{point}: thanks and shop notice, once each");
}

#[tokio::test]
async fn killed_after_a09_is_sent() {
    // The gateway takes the A09 and holds its answer: it authorized.
    crash_during_return(
        "a09_sent",
        Some(
            json!({"action": "creditToken3D", "mode": "timeout", "delay_ms": 5_000, "apply": true}),
        ),
    )
    .await;
}

#[tokio::test]
async fn killed_after_a09_is_answered_before_the_record() {
    crash_during_return("a09_answered", None).await;
}
