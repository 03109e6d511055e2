//! 売上確定一括処理's preview (`POST /api/admin/slips/preview`): the
//! slip-number CSV as merchants have it — plain or B2クラウド's export, UTF-8
//! or Shift_JIS — read and checked against the orders, every row reported by
//! its line with what will happen to it; nothing sent to the gateway.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::admin::AdminSession;
use crate::helpers::fixtures::body_with_total;
use crate::helpers::{card_order, slip, spawn_app, TestApp};

/// Posts `file` to the preview (`query`: `?carrier=…` or empty).
async fn preview(admin: &AdminSession, query: &str, file: Vec<u8>) -> reqwest::Response {
    admin
        .raw(
            reqwest::Method::POST,
            &format!("/api/admin/slips/preview{query}"),
            "text/csv",
            file,
        )
        .await
}

/// The text in Shift_JIS, as a Japanese spreadsheet saves it.
fn shift_jis(text: &str) -> Vec<u8> {
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!lossy, "{text} has no Shift_JIS form");
    bytes.into_owned()
}

/// Orders in each state a file meets: two held, one confirmed already, one
/// cancelled and one paid by bank transfer; with their 受付番号.
struct Shop {
    held: [String; 2],
    held_receipt: String,
    confirmed: String,
    cancelled: String,
    bank: String,
}

async fn shop(app: &TestApp, admin: &AdminSession) -> Shop {
    let held = [
        card_order(app, "4111111111111111").await,
        card_order(app, "4111111111111111").await,
    ];
    let confirmed = card_order(app, "4111111111111111").await;
    let shipped = admin
        .post(
            &format!("/api/admin/orders/{confirmed}/shipment"),
            json!({"slip_no": slip(33_333_333_333)}),
        )
        .await;
    assert_eq!(shipped.status(), 204);
    let cancelled = card_order(app, "4111111111111111").await;
    let cancel = admin
        .post(&format!("/api/admin/orders/{cancelled}/cancel"), json!({}))
        .await;
    assert_eq!(cancel.status(), 204);
    let bank = app
        .order(
            "slips-bank",
            &body_with_total(json!({"method": "bank_transfer"}), 4_180),
        )
        .await;
    assert_eq!(bank.status(), 201);
    let bank = bank.json::<Value>().await.expect("json")["order_number"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let held_receipt = app.order_row(&held[1]).await.1;
    Shop {
        held,
        held_receipt,
        confirmed,
        cancelled,
        bank,
    }
}

/// Each row's line and what happens to it (`send`, or its skip code).
fn outcomes(preview: &Value) -> Vec<(u64, String)> {
    preview["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    (
                        r["line"].as_u64().unwrap_or_default(),
                        r["skip"].as_str().unwrap_or("send").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_plain_utf8_file_reports_every_row_by_its_line_and_sends_nothing() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let s = shop(&app, &admin).await;
    let good = slip(12_345_678_901);
    let file = format!(
        "注文番号,問い合わせ番号\n{a},{good}\n{receipt},{b_slip}\n{confirmed},{c_slip}\n{cancelled},{d_slip}\n{bank},{e_slip}\nZS-NO-SUCH,{f_slip}\n{a},{g_slip}\n{b},{h_slip}\n{a2},123456789010\n",
        a = s.held[0],
        receipt = s.held_receipt,
        b_slip = slip(2),
        confirmed = s.confirmed,
        c_slip = slip(3),
        cancelled = s.cancelled,
        d_slip = slip(4),
        bank = s.bank,
        e_slip = slip(5),
        f_slip = slip(6),
        g_slip = slip(7),
        b = s.held[1],
        h_slip = slip(8),
        a2 = "ZS-OTHER",
    );
    let response = preview(&admin, "", file.into_bytes()).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["encoding"], "utf8");
    assert_eq!(body["layout"], "plain_with_header");
    assert_eq!(
        outcomes(&body),
        [
            (2, "send"),
            (3, "send"),
            (4, "already_confirmed"),
            (5, "not_authorized"),
            (6, "not_card"),
            (7, "unknown_order"),
            (8, "duplicate"),
            (9, "duplicate"),
            (10, "bad_check_digit"),
        ]
        .map(|(l, o)| (l, o.to_owned()))
    );
    assert_eq!(
        (body["to_send"].as_u64(), body["skipped"].as_u64()),
        (Some(2), Some(7))
    );
    let rows = &body["rows"];
    // The order named by its 受付番号 is found under its 注文番号.
    assert_eq!(rows[1]["order"], s.held_receipt.as_str());
    assert_eq!(rows[1]["order_number"], s.held[1].as_str());
    assert_eq!(rows[0]["slip"], good.as_str());
    assert_eq!(rows[0]["carrier"], "yamato");
    // Each reason names the rule: the slip already registered, the first line.
    assert!(rows[2]["reason"]["ja"]
        .as_str()
        .is_some_and(|r| r.contains(&slip(33_333_333_333))));
    assert!(rows[6]["reason"]["en"]
        .as_str()
        .is_some_and(|r| r.contains("line 2")));
    assert!(
        rows[7]["reason"]["en"]
            .as_str()
            .is_some_and(|r| r.contains("line 3")),
        "the same order by 注文番号 after its 受付番号"
    );
    assert!(rows[5]["reason"]["ja"]
        .as_str()
        .is_some_and(|r| r.contains("ZS-NO-SUCH")));

    // Nothing was sent: the held orders are still held, without a slip.
    for number in &s.held {
        let detail = admin.detail(number).await;
        assert_eq!(detail["can_register_slip"], true, "{number}");
    }
}

#[tokio::test]
async fn a_shift_jis_b2_cloud_export_is_read_by_its_header_names() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let s = shop(&app, &admin).await;
    // B2クラウド's issued-slip export: many columns, ours found by name.
    let file = format!(
        "お届け先名,伝票番号,出荷予定日,お客様管理番号,品名\r\n山田 太郎,{s1},2026/12/06,{a},有田焼 湯呑み\r\n受入 花子,{s2},2026/12/06,{b},常滑焼 急須\r\n",
        s1 = slip(11),
        a = s.held[0],
        s2 = slip(12),
        b = s.held[1],
    );
    let response = preview(&admin, "", shift_jis(&file)).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["encoding"], "shift_jis");
    assert_eq!(body["layout"], "b2cloud");
    assert_eq!(
        outcomes(&body),
        [(2, "send".to_owned()), (3, "send".to_owned())]
    );
    assert_eq!(body["rows"][1]["order_number"], s.held[1].as_str());
}

#[tokio::test]
async fn a_plain_shift_jis_file_without_a_header_takes_the_carrier_asked_for() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    // No header; another carrier's reference, which has no check digit.
    let file = format!("{number},佐川-1234-5678\r\n");
    let body: Value = preview(&admin, "?carrier=other", shift_jis(&file))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(body["layout"], "plain");
    assert_eq!(body["encoding"], "shift_jis");
    assert_eq!(body["rows"][0]["carrier"], "other");
    assert_eq!(body["rows"][0]["slip"], "佐川-1234-5678");
    assert_eq!(body["rows"][0]["skip"], Value::Null);
    // The same file for ヤマト運輸 (the shop's setting) fails the check digit.
    let body: Value = preview(&admin, "", shift_jis(&file))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(body["rows"][0]["skip"], "bad_check_digit");
    // A carrier that is neither is the query's rule.
    let refused = preview(&admin, "?carrier=sagawa", shift_jis(&file)).await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        refused.json::<ApiErrorBody>().await.expect("json").code,
        "invalid_query"
    );
}

#[tokio::test]
async fn a_file_that_cannot_be_read_as_a_whole_is_refused_with_the_rule() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let too_many: String = (0..10_001)
        .map(|i| format!("ZS-{i},{}\n", slip(i)))
        .collect();
    let mut too_large = vec![b'a'; 2 * 1024 * 1024];
    too_large.push(b'\n');
    for (file, ja, en) in [
        (Vec::new(), "行がありません", "no rows"),
        (
            vec![0xff, 0xfe, 0x00, 0x81],
            "文字として読めません",
            "not text",
        ),
        (b"ZS-1,\"12345\n".to_vec(), "1行目で始まる", "line 1"),
        (
            "お客様管理番号,品名\nZS-1,湯呑み\n".as_bytes().to_vec(),
            "見出し行",
            "header row",
        ),
        (too_many.into_bytes(), "10000行まで", "10000 rows"),
        (too_large, "2MBまで", "2 MB"),
    ] {
        let response = preview(&admin, "", file).await;
        assert_eq!(response.status(), 400, "{en}");
        let body: ApiErrorBody = response.json().await.expect("json");
        assert_eq!(body.code, "invalid_file");
        assert!(
            body.message.ja.contains(ja) && body.message.en.contains(en),
            "{body:?}"
        );
    }
    // Only for an admin, with the CSRF token.
    let anonymous = app
        .client
        .post(format!("{}/api/admin/slips/preview", app.admin_address))
        .body("ZS-1,123456789012\n")
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
}

/// Follows a run until it is done; its last state.
async fn finished(admin: &AdminSession, job_id: i64) -> Value {
    for _ in 0..200 {
        let run: Value = admin.json(&format!("/api/admin/slips/runs/{job_id}")).await;
        if run["status"] == "done" {
            return run;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("run {job_id} never finished");
}

#[tokio::test]
async fn a_run_confirms_the_good_rows_once_and_keeps_every_rows_outcome() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let s = shop(&app, &admin).await;
    let (good_a, good_b) = (slip(21), slip(22));
    let file = format!(
        "注文番号,問い合わせ番号\n{a},{good_a}\n{receipt},{good_b}\n{confirmed},{c}\nZS-NO-SUCH,{d}\n{a},{e}\nZS-OTHER,123456789010\n",
        a = s.held[0],
        receipt = s.held_receipt,
        confirmed = s.confirmed,
        c = slip(23),
        d = slip(24),
        e = slip(25),
    );
    let started = admin
        .raw(
            reqwest::Method::POST,
            "/api/admin/slips/runs",
            "text/csv",
            file.clone().into_bytes(),
        )
        .await;
    assert_eq!(started.status(), 201);
    let job_id = started.json::<Value>().await.expect("json")["job_id"]
        .as_i64()
        .expect("a job id");
    let run = finished(&admin, job_id).await;
    assert_eq!(run["kind"], "slips");
    assert_eq!(
        (
            run["total"].as_i64(),
            run["succeeded"].as_i64(),
            run["failed"].as_i64()
        ),
        (Some(6), Some(2), Some(4))
    );
    let statuses: Vec<(u64, String, String)> = run["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    (
                        r["line"].as_u64().unwrap_or_default(),
                        r["status"].as_str().unwrap_or_default().to_owned(),
                        r["skip"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let expected: Vec<(u64, String, String)> = [
        (2, "ok", ""),
        (3, "ok", ""),
        (4, "skipped", "already_confirmed"),
        (5, "skipped", "unknown_order"),
        (6, "skipped", "duplicate"),
        (7, "skipped", "bad_check_digit"),
    ]
    .iter()
    .map(|(l, st, sk)| (*l, (*st).to_owned(), (*sk).to_owned()))
    .collect();
    assert_eq!(statuses, expected);

    // The gateway holds exactly the good slips: 30 (awaiting the pickup scan).
    for (number, good) in [(&s.held[0], &good_a), (&s.held[1], &good_b)] {
        let receipt = app.order_row(number).await.1;
        let held = app.sandbox_transaction(&receipt).await;
        assert_eq!(held["status"], 30, "{number}");
        let detail = admin.detail(number).await;
        assert_eq!(detail["slip_no"], good.as_str());
        assert!(
            detail["operations"]
                .as_array()
                .is_some_and(|ops| ops.iter().any(|o| o["function_div"] == "E01")),
            "API操作履歴 shows the E01: {detail}"
        );
    }
    let cancelled_receipt = app.order_row(&s.cancelled).await.1;
    assert_ne!(
        app.sandbox_transaction(&cancelled_receipt).await["status"],
        30
    );

    // 操作ログ lists the run with its kind.
    let log: Vec<Value> = admin.json("/api/admin/bulk/jobs").await;
    assert!(log
        .iter()
        .any(|j| j["id"] == job_id && j["kind"] == "slips"));

    // The result file: UTF-8 with a byte-order mark, every row.
    let csv = admin
        .get(&format!("/api/admin/slips/runs/{job_id}/result.csv"))
        .await;
    assert_eq!(csv.status(), 200);
    assert!(csv
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv")));
    let bytes = csv.bytes().await.expect("body");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark first"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert!(lines[0].starts_with("行,注文番号（ファイル）,注文番号,問い合わせ番号"));
    assert!(lines[1].starts_with(&format!(
        "2,{},{},{good_a},ヤマト運輸,売上確定",
        s.held[0], s.held[0]
    )));
    assert!(lines[5].contains("対象外"));

    // The same file again sends nothing twice: the good rows are confirmed now.
    let again = admin
        .raw(
            reqwest::Method::POST,
            "/api/admin/slips/runs",
            "text/csv",
            file.into_bytes(),
        )
        .await;
    assert_eq!(again.status(), 400);
    assert_eq!(
        again.json::<ApiErrorBody>().await.expect("json").code,
        "invalid_selection"
    );
    let unknown = admin.get("/api/admin/slips/runs/999999").await;
    assert_eq!(unknown.status(), 404);
}
