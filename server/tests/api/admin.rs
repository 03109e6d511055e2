//! The admin API: login, lockout, CSRF, and the payment operations on an
//! order against the sandbox (売上確定 by slip, 再与信, 取消, 金額変更, sync).

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::{spawn_app, TestApp, ADMIN_PASSWORD};

/// A logged-in admin: the cookie and the CSRF token.
pub(crate) struct Admin {
    cookie: String,
    csrf: String,
}

async fn login(app: &TestApp, password: &str) -> reqwest::Response {
    crate::common::admin_login(&app.client, &app.address, password).await
}

pub(crate) async fn admin(app: &TestApp) -> Admin {
    let (cookie, csrf) =
        crate::common::admin_session(&app.client, &app.address, ADMIN_PASSWORD).await;
    Admin { cookie, csrf }
}

impl Admin {
    pub(crate) async fn get(&self, app: &TestApp, path: &str) -> reqwest::Response {
        app.client
            .get(format!("{}{path}", app.address))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("sent")
    }

    /// `GET /api/admin/orders/{number}`: the order's detail.
    pub(crate) async fn detail(&self, app: &TestApp, number: &str) -> Value {
        self.get(app, &format!("/api/admin/orders/{number}"))
            .await
            .json()
            .await
            .expect("json")
    }

    pub(crate) async fn post(&self, app: &TestApp, path: &str, body: Value) -> reqwest::Response {
        self.send(app, reqwest::Method::POST, path, body).await
    }

    async fn put(&self, app: &TestApp, path: &str, body: Value) -> reqwest::Response {
        self.send(app, reqwest::Method::PUT, path, body).await
    }

    /// Any body and content type, with the session cookie and the CSRF token.
    pub(crate) async fn raw(
        &self,
        app: &TestApp,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Response {
        app.client
            .request(method, format!("{}{path}", app.address))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("sent")
    }

    /// JSON with the session cookie and the CSRF token.
    async fn send(
        &self,
        app: &TestApp,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> reqwest::Response {
        app.client
            .request(method, format!("{}{path}", app.address))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .expect("sent")
    }
}

/// Places an approved card order through the shopper API; returns its 注文番号.
pub(crate) async fn card_order(app: &TestApp, card: &str) -> String {
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
pub(crate) fn slip(body: u64) -> String {
    format!("{body:011}{}", body % 7)
}

#[tokio::test]
async fn anonymous_and_csrf_less_requests_are_refused() {
    let app = spawn_app().await;
    for path in [
        "/api/admin/orders",
        "/api/admin/session",
        "/api/admin/orders/x",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 401, "{path}");
        assert_eq!(
            response.json::<ApiErrorBody>().await.expect("json").code,
            "not_authenticated"
        );
    }
    let admin = admin(&app).await;
    let number = card_order(&app, "4111111111111111").await;
    let no_csrf = app
        .client
        .post(format!("{}/api/admin/orders/{number}/reauth", app.address))
        .header("cookie", &admin.cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(no_csrf.status(), 403);
    assert_eq!(
        no_csrf.json::<ApiErrorBody>().await.expect("json").code,
        "csrf_failed"
    );
    let forged = app
        .client
        .post(format!("{}/api/admin/orders/{number}/reauth", app.address))
        .header("x-csrf-token", &admin.csrf)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        forged.status(),
        401,
        "a CSRF token without the session cookie is nothing"
    );
}

#[tokio::test]
async fn the_cookie_is_http_only_and_strict_and_logout_ends_the_session() {
    let app = spawn_app().await;
    let response = login(&app, ADMIN_PASSWORD).await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Path=/"),
        "{cookie}"
    );
    let admin = admin(&app).await;
    assert_eq!(admin.get(&app, "/api/admin/session").await.status(), 200);
    assert_eq!(
        admin
            .post(&app, "/api/admin/logout", json!({}))
            .await
            .status(),
        204
    );
    assert_eq!(admin.get(&app, "/api/admin/session").await.status(), 401);
}

#[tokio::test]
async fn repeated_failures_lock_the_account() {
    let app = spawn_app().await;
    for _ in 0..4 {
        assert_eq!(login(&app, "wrong").await.status(), 401);
    }
    assert_eq!(login(&app, "wrong").await.status(), 423);
    let locked = login(&app, ADMIN_PASSWORD).await;
    assert_eq!(
        locked.status(),
        423,
        "even the right password waits out the lock"
    );
    assert_eq!(
        locked.json::<ApiErrorBody>().await.expect("json").code,
        "account_locked"
    );
    let unknown = app
        .client
        .post(format!("{}/api/admin/login", app.address))
        .json(&json!({"login": "root", "password": "x"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(unknown.status(), 401);
}

#[tokio::test]
async fn a_slip_confirms_the_sale_and_sync_follows_the_pickup_scan() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let number = card_order(&app, "4111111111111111").await;

    let list: Value = admin
        .get(&app, "/api/admin/orders?q=山田")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(list[0]["order_number"], number.as_str());
    assert_eq!(list[0]["payment_status"], "与信完了");
    let detail = admin.detail(&app, &number).await;
    assert_eq!(detail["can_register_slip"], true);
    assert_eq!(detail["hold_days_left"], 60);
    assert_eq!(detail["operations"][0]["function_div"], "A08");

    let path = format!("/api/admin/orders/{number}/shipment");
    let empty = admin.post(&app, &path, json!({"slip_no": " "})).await;
    assert_eq!(empty.status(), 400);
    assert_eq!(
        empty.json::<ApiErrorBody>().await.expect("json").code,
        "slip_required"
    );
    let bad = admin
        .post(&app, &path, json!({"slip_no": "123456789010"}))
        .await;
    assert_eq!(bad.status(), 400);
    assert!(bad
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .contains("E011010451"));

    let good = slip(22_222_222_222);
    assert_eq!(
        admin
            .post(&app, &path, json!({"slip_no": good}))
            .await
            .status(),
        204
    );
    let detail = admin.detail(&app, &number).await;
    assert_eq!(
        (
            detail["payment_status"].as_str(),
            detail["slip_no"].as_str()
        ),
        (Some("精算確定待ち"), Some(good.as_str()))
    );
    assert_eq!(
        detail["can_reauthorize"], false,
        "再与信 disappears once a slip is registered"
    );
    let ops: Vec<(String, String, String)> = detail["operations"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| {
                    (
                        o["function_div"].to_string(),
                        o["outcome"].to_string(),
                        o["error_code"].to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        ops,
        [
            ("\"A08\"", "\"ok\"", "null"),
            ("\"E01\"", "\"error\"", "\"E011010451\""),
            ("\"E01\"", "\"ok\"", "null")
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    assert_eq!(detail["operations"][2]["actor"], "admin");
    let notice: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE kind = 'shipping_notice' AND body LIKE $1",
    )
    .bind(format!("%{good}%"))
    .fetch_one(&app.pool().await)
    .await
    .expect("count");
    assert_eq!(notice, 1, "配送通知メール with the 問合番号");
    let again = admin
        .post(&app, &path, json!({"slip_no": slip(33_333_333_333)}))
        .await;
    assert_eq!(again.status(), 409);

    let scan = app
        .client
        .post(format!("{}/__sandbox/scan/{good}", app.sandbox()))
        .send()
        .await
        .expect("scan");
    assert_eq!(scan.status(), 200);
    assert_eq!(
        zerostep_server::reconcile::sync_awaiting(&app.state.services)
            .await
            .expect("sync"),
        1
    );
    let detail = admin.detail(&app, &number).await;
    assert_eq!(detail["payment_status"], "精算確定");
}

/// Two changes to one order never run at once. While a 再与信 waits for the
/// gateway, a slip (E01) and a second 再与信 are refused as `order_busy`
/// (before, the E01 went through and the A11's answer then wrote 与信完了
/// over the registered slip's state, and a double click made two A11s).
#[tokio::test]
async fn a_change_while_another_runs_on_the_order_is_refused_as_busy() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let number = card_order(&app, "4111111111111111").await;
    // The gateway answers the A11 after 1 s, within the client's timeout.
    app.fault(json!({"action": "reAuth", "mode": "delay", "delay_ms": 1_000}))
        .await;
    let reauth = format!("/api/admin/orders/{number}/reauth");
    let shipment = format!("/api/admin/orders/{number}/shipment");
    let later = |ms| tokio::time::sleep(std::time::Duration::from_millis(ms));
    let (first, ship, second) = tokio::join!(
        admin.post(&app, &reauth, json!({})),
        async {
            later(300).await;
            admin
                .post(&app, &shipment, json!({"slip_no": slip(1234)}))
                .await
        },
        async {
            later(400).await;
            admin.post(&app, &reauth, json!({})).await
        },
    );
    assert_eq!(first.status(), 204);
    for (what, response) in [("E01", ship), ("second A11", second)] {
        assert_eq!(response.status(), 409, "{what}");
        let body: ApiErrorBody = response.json().await.expect("json");
        assert_eq!(body.code, "order_busy", "{what}");
        assert!(body.message.contains("処理中"), "{what}: {}", body.message);
    }
    let detail = admin.detail(&app, &number).await;
    let operations: Vec<&str> = detail["operations"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter_map(|o| o["function_div"].as_str())
                .filter(|fd| *fd != "E04")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(operations, ["A08", "A11"], "one A11, no E01 sent");
    assert!(detail["slip_no"].is_null());
    // Once the 再与信 is done, the lease is free again.
    let ship = admin
        .post(&app, &shipment, json!({"slip_no": slip(1234)}))
        .await;
    assert_eq!(ship.status(), 204);
}

#[tokio::test]
async fn reauthorization_shows_when_it_ran_and_is_refused_in_the_nightly_window() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let number = card_order(&app, "4111111111111111").await;
    let path = format!("/api/admin/orders/{number}/reauth");
    assert_eq!(admin.post(&app, &path, json!({})).await.status(), 204);
    let detail = admin.detail(&app, &number).await;
    assert!(detail["last_reauth_at"].is_string());

    app.client
        .post(format!("{}/__sandbox/clock", app.sandbox()))
        .json(&json!({"now": "2026-11-29T23:30:00+09:00"}))
        .send()
        .await
        .expect("clock");
    let refused = admin.post(&app, &path, json!({})).await;
    assert_eq!(refused.status(), 422);
    let error: ApiErrorBody = refused.json().await.expect("json");
    assert!(
        error.message.contains("A110000000") && error.message.contains("23:00"),
        "{}",
        error.message
    );

    app.client
        .post(format!("{}/__sandbox/clock", app.sandbox()))
        .json(&json!({}))
        .send()
        .await
        .expect("clock");
    let failing = card_order(&app, "4000000000000341").await;
    let refused = admin
        .post(
            &app,
            &format!("/api/admin/orders/{failing}/reauth"),
            json!({}),
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .contains("A112000004"));
}

#[tokio::test]
async fn cancel_and_amount_change_keep_the_order_and_gateway_in_step() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let number = card_order(&app, "4111111111111111").await;
    assert_eq!(
        admin
            .post(
                &app,
                &format!("/api/admin/orders/{number}/amount"),
                json!({"new_price": 3000})
            )
            .await
            .status(),
        204
    );
    let detail = admin.detail(&app, &number).await;
    assert_eq!(detail["total"], 3000);
    let receipt = detail["receipt_no"].as_str().unwrap_or_default().to_owned();
    assert_eq!(app.sandbox_transaction(&receipt).await["amount"], 3000);

    assert_eq!(
        admin
            .post(
                &app,
                &format!("/api/admin/orders/{number}/cancel"),
                json!({})
            )
            .await
            .status(),
        204
    );
    let detail = admin.detail(&app, &number).await;
    assert_eq!(detail["payment_status"], "取消");
    assert_eq!(app.sandbox_transaction(&receipt).await["status"], 40);
    assert_eq!(
        admin
            .post(&app, &format!("/api/admin/orders/{number}/sync"), json!({}))
            .await
            .status(),
        204
    );
}

#[tokio::test]
async fn card_settings_reach_the_shopper_page_and_never_return_the_access_key() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let current: Value = admin
        .get(&app, "/api/admin/settings/card")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(current["name"], "クレジットカード決済");
    assert_eq!(current["trader_code"], "888888709");
    assert_eq!(current["access_key_set"], true);
    let text = current.to_string();
    assert!(
        !text.contains("1111111") && !text.contains("access_key\":\""),
        "{text}"
    );

    let mut changed = current.clone();
    if let Some(o) = changed.as_object_mut() {
        o.remove("trader_code");
        o.remove("access_key_set");
        o.insert(
            "name".into(),
            json!("カード払い（Visa/Master/JCB/Amex/Diners）"),
        );
        o.insert("notes".into(), json!("発送時に売上が確定します。"));
        o.insert("logo_url".into(), json!(""));
        o.insert("logo_alt".into(), json!("消えるはずのALT"));
    }
    let put = admin
        .put(&app, "/api/admin/settings/card", changed.clone())
        .await;
    assert_eq!(put.status(), 204);
    let config: Value = app
        .get("/api/checkout/config")
        .await
        .json()
        .await
        .expect("json");
    let card = &config["payment_methods"][0];
    assert_eq!(card["name"], "カード払い（Visa/Master/JCB/Amex/Diners）");
    assert_eq!(card["notes"], "発送時に売上が確定します。");
    assert_eq!(
        card["logo_alt"],
        Value::Null,
        "画像削除 clears the image and its ALT"
    );

    let mut bad = changed.clone();
    bad["delivery_service"] = json!("01");
    let refused = admin.put(&app, "/api/admin/settings/card", bad).await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        refused.json::<ApiErrorBody>().await.expect("json").code,
        "invalid_setting"
    );
    let anonymous = app
        .client
        .put(format!("{}/api/admin/settings/card", app.address))
        .json(&changed)
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn bulk_reauthorization_skips_failures_with_their_codes_and_logs_the_run() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
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
                &app,
                &format!("/api/admin/orders/{shipped}/shipment"),
                json!({"slip_no": slip(44_444_444_444)})
            )
            .await
            .status(),
        204
    );

    let listed = admin
        .get(&app, "/api/admin/bulk/candidates")
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

    let started: Value = admin
        .post(
            &app,
            "/api/admin/bulk/reauth",
            json!({"order_numbers": numbers}),
        )
        .await
        .json()
        .await
        .expect("json");
    let job_id = started["job_id"].as_i64().expect("job id");
    let mut job = Value::Null;
    for _ in 0..100 {
        job = admin
            .get(&app, &format!("/api/admin/bulk/jobs/{job_id}"))
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
        (Some("done"), Some(4), Some(2))
    );
    let failed: Vec<&Value> = job["items"]
        .as_array()
        .map(|a| a.iter().filter(|i| i["status"] == "failed").collect())
        .unwrap_or_default();
    assert_eq!(failed.len(), 2);
    assert!(failed.iter().all(|i| i["message"]
        .as_str()
        .is_some_and(|m| m.contains("A112000004"))));
    let log: Vec<Value> = admin
        .get(&app, "/api/admin/bulk/jobs")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(log[0]["id"].as_i64(), Some(job_id));
    assert_eq!(log[0]["created_by"], "admin");
    let still_listed: Vec<Value> = admin
        .get(&app, "/api/admin/bulk/candidates")
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

#[tokio::test]
async fn delivery_settings_link_payment_methods_and_set_fees() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let methods: Vec<Value> = admin
        .get(&app, "/api/admin/settings/delivery")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(methods[0]["name"], "宅配便");
    assert_eq!(methods[0]["accepts"], json!(["bank_transfer", "card"]));
    let mut fees = methods[0]["fees"].as_array().cloned().unwrap_or_default();
    assert_eq!(fees.len(), 47);
    fees[12]["fee"] = json!(700); // 東京都
    let put = |body: Value| {
        let (client, url, cookie, csrf) = (
            app.client.clone(),
            format!("{}/api/admin/settings/delivery/takkyubin", app.address),
            admin.cookie.clone(),
            admin.csrf.clone(),
        );
        async move {
            client
                .put(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .json(&body)
                .send()
                .await
                .expect("sent")
        }
    };
    // The card unlinked from 宅配便 is not offered to shoppers (the seed's warning).
    let response =
        put(json!({"free_shipping_from": 10000, "accepts": ["bank_transfer"], "fees": fees})).await;
    assert_eq!(response.status(), 204);
    let quote: Value = app
        .quote(json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}], "prefecture": 13}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(quote["shipping"]["fee"], 700);
    assert_eq!(
        quote["payment_methods"][0]["reason"],
        "not_accepted_by_delivery"
    );
    let bad = put(json!({"free_shipping_from": -1, "accepts": ["card"], "fees": []})).await;
    assert_eq!(bad.status(), 400);
    let bad = put(json!({"free_shipping_from": null, "accepts": ["cash"], "fees": []})).await;
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn the_outbox_and_the_order_filters() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let authorized = card_order(&app, "4111111111111111").await;
    let cancelled = card_order(&app, "4111111111111111").await;
    assert_eq!(
        admin
            .post(
                &app,
                &format!("/api/admin/orders/{cancelled}/cancel"),
                json!({})
            )
            .await
            .status(),
        204
    );
    let list = |q: &'static str| {
        let admin = &admin;
        let app = &app;
        async move {
            let rows: Vec<Value> = admin
                .get(app, &format!("/api/admin/orders{q}"))
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
        .get(&app, "/api/admin/outbox")
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

#[tokio::test]
async fn the_amount_range_and_the_notes_switch_apply_to_shoppers() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let mut settings: Value = admin
        .get(&app, "/api/admin/settings/card")
        .await
        .json()
        .await
        .expect("json");
    if let Some(o) = settings.as_object_mut() {
        o.remove("trader_code");
        o.remove("access_key_set");
        o.insert("max_amount".into(), json!(3000));
        o.insert("show_notes".into(), json!(false));
    }
    let put = |body: Value| {
        let (client, url, cookie, csrf) = (
            app.client.clone(),
            format!("{}/api/admin/settings/card", app.address),
            admin.cookie.clone(),
            admin.csrf.clone(),
        );
        async move {
            client
                .put(url)
                .header("cookie", cookie)
                .header("x-csrf-token", csrf)
                .json(&body)
                .send()
                .await
                .expect("sent")
        }
    };
    assert_eq!(put(settings.clone()).await.status(), 204);
    let quote: Value = app
        .quote(json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}], "prefecture": 13}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(quote["payment_methods"][0]["reason"], "out_of_range");
    let config: Value = app
        .get("/api/checkout/config")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(config["payment_methods"][0]["notes"], Value::Null);
    settings["min_amount"] = json!(5000);
    assert_eq!(
        put(settings).await.status(),
        400,
        "the minimum may not exceed the maximum"
    );
}

#[tokio::test]
async fn parallel_guesses_cannot_outrun_the_lockout() {
    let app = spawn_app().await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..20 {
        let (client, url) = (
            app.client.clone(),
            format!("{}/api/admin/login", app.address),
        );
        tasks.spawn(async move {
            client
                .post(url)
                .json(&json!({"login": "admin", "password": format!("guess-{i}")}))
                .send()
                .await
                .expect("sent")
                .status()
                .as_u16()
        });
    }
    let mut statuses = Vec::new();
    while let Some(s) = tasks.join_next().await {
        statuses.push(s.expect("task"));
    }
    assert!(
        statuses.iter().filter(|s| **s == 401).count() <= 4,
        "at most four plain refusals: {statuses:?}"
    );
    assert_eq!(
        login(&app, ADMIN_PASSWORD).await.status(),
        423,
        "locked after the burst"
    );
}

#[tokio::test]
async fn the_access_key_is_write_only_and_drives_the_checksum() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let put = |key: &str| {
        admin.put(
            &app,
            "/api/admin/settings/card/access-key",
            json!({"access_key": key}),
        )
    };
    assert_eq!(put("76543x!").await.status(), 400);
    assert_eq!(put("7654321").await.status(), 204);
    let config: Value = app
        .get("/api/checkout/config")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        config["token"]["check_sum"],
        zerostep_server::gateway::Gateway::check_sum_for("7654321")
    );
    let settings = admin
        .get(&app, "/api/admin/settings/card")
        .await
        .text()
        .await
        .expect("text");
    assert!(
        !settings.contains("7654321") && settings.contains("\"access_key_set\":true"),
        "{settings}"
    );
    let anonymous = app
        .client
        .put(format!(
            "{}/api/admin/settings/card/access-key",
            app.address
        ))
        .json(&json!({"access_key": "1"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn the_purchase_route_setting_hides_the_card_from_smartphones() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let mut settings: Value = admin
        .get(&app, "/api/admin/settings/card")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(settings["channels"], json!(["pc", "smartphone"]));
    if let Some(o) = settings.as_object_mut() {
        o.remove("trader_code");
        o.remove("access_key_set");
        o.insert("channels".into(), json!(["pc"]));
    }
    let put = admin
        .put(&app, "/api/admin/settings/card", settings.clone())
        .await;
    assert_eq!(put.status(), 204);
    let body = json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}], "prefecture": 13});
    let phone: Value = app
        .client
        .post(format!("{}/api/quotes", app.address))
        .header(
            "user-agent",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148",
        )
        .json(&body)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(phone["payment_methods"][0]["reason"], "not_on_this_device");
    let pc: Value = app
        .client
        .post(format!("{}/api/quotes", app.address))
        .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0")
        .json(&body)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(pc["payment_methods"][0]["selectable"], true);
}

#[tokio::test]
async fn the_logo_image_is_uploaded_served_and_removed_with_its_alt() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let url = format!("{}/api/admin/settings/card/logo", app.address);
    let png: Vec<u8> = [
        &[0x89u8, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
        &[0u8; 32][..],
    ]
    .concat();
    let upload = |bytes: Vec<u8>| {
        app.client
            .put(&url)
            .header("cookie", &admin.cookie)
            .header("x-csrf-token", &admin.csrf)
            .body(bytes)
            .send()
    };
    assert_eq!(
        upload(b"<svg onload=alert(1)>".to_vec())
            .await
            .expect("sent")
            .status(),
        400,
        "SVG and other types are refused"
    );
    assert_eq!(
        upload(vec![0x89; 300 * 1024]).await.expect("sent").status(),
        400
    );
    assert_eq!(upload(png.clone()).await.expect("sent").status(), 204);
    let config: Value = app
        .get("/api/checkout/config")
        .await
        .json()
        .await
        .expect("json");
    let logo = config["payment_methods"][0]["logo_url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(logo.starts_with("/api/payment-logos/card?v="), "{logo}");
    let served = app.get(&logo).await;
    assert_eq!(
        served
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/png")
    );
    assert_eq!(served.bytes().await.expect("bytes").to_vec(), png);
    let removed = app
        .client
        .delete(&url)
        .header("cookie", &admin.cookie)
        .header("x-csrf-token", &admin.csrf)
        .send()
        .await
        .expect("sent");
    assert_eq!(removed.status(), 204);
    let config: Value = app
        .get("/api/checkout/config")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        (
            &config["payment_methods"][0]["logo_url"],
            &config["payment_methods"][0]["logo_alt"]
        ),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(app.get("/api/payment-logos/card").await.status(), 404);
}

#[tokio::test]
async fn the_trader_code_saved_in_the_admin_is_the_one_used() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let put = |code: &str| {
        admin.put(
            &app,
            "/api/admin/settings/card/trader-code",
            json!({"trader_code": code}),
        )
    };
    assert_eq!(put("888-888").await.status(), 400);
    assert_eq!(put("999999999").await.status(), 204);
    let config: Value = app
        .get("/api/checkout/config")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(config["token"]["trader_code"], "999999999");
    let settings: Value = admin
        .get(&app, "/api/admin/settings/card")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(settings["trader_code"], "999999999");
    // The sandbox knows only 888888709: the gateway now refuses the calls as Yamato would (Z012000007).
    assert_eq!(put("888888709").await.status(), 204);
    let number = card_order(&app, "4111111111111111").await;
    assert_eq!(put("999999999").await.status(), 204);
    let sync = admin
        .post(&app, &format!("/api/admin/orders/{number}/sync"), json!({}))
        .await;
    assert_eq!(sync.status(), 422);
    assert!(sync
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .contains("Z012000007"));
}

#[tokio::test]
async fn every_admin_route_refuses_anonymous_and_csrf_less_requests() {
    let app = spawn_app().await;
    let admin = admin(&app).await;
    let routes = zerostep_server::http::routes::admin_routes::<zerostep_server::AppState>();
    assert!(routes.len() >= 18, "{} routes", routes.len());
    let mut checked = 0;
    for (path, methods, _) in routes {
        let url = format!(
            "{}/api{}",
            app.address,
            path.replace("{number}", "20260101-000001")
                .replace("{id}", "1")
                .replace("{code}", "takkyubin")
        );
        for method in ["GET", "POST", "PUT", "DELETE"] {
            let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
            // No session (even with a CSRF token from another session).
            let anonymous = app
                .client
                .request(m.clone(), &url)
                .header("x-csrf-token", &admin.csrf)
                .json(&json!({}))
                .send()
                .await
                .expect("request");
            if !methods.contains(&method) {
                // Not a route: the list is complete for this path.
                assert_eq!(anonymous.status(), 405, "{method} {path}");
                continue;
            }
            assert_eq!(anonymous.status(), 401, "{method} {path} anonymous");
            checked += 1;
            if method != "GET" {
                let no_csrf = app
                    .client
                    .request(m, &url)
                    .header("cookie", &admin.cookie)
                    .json(&json!({}))
                    .send()
                    .await
                    .expect("request");
                assert_eq!(no_csrf.status(), 403, "{method} {path} without CSRF");
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "{checked} checks");
}

#[tokio::test]
async fn a_session_id_chosen_by_someone_else_is_never_adopted() {
    let app = spawn_app().await;
    let planted = "zs_admin=attacker-chosen-session-id";
    let response = app
        .client
        .post(format!("{}/api/admin/login", app.address))
        .header("cookie", planted)
        .json(&json!({"login": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    let issued = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(!issued.contains("attacker-chosen"), "{issued}");
    let with_planted = app
        .client
        .get(format!("{}/api/admin/orders", app.address))
        .header("cookie", planted)
        .send()
        .await
        .expect("request");
    assert_eq!(with_planted.status(), 401);
}
