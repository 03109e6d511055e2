//! EMV 3-D Secure through the server, with the real sandbox over HTTP: the
//! shop authenticates, the order answers `authenticate`, the browser's leg
//! (our start page → the issuer's pages → the return POST to us) is played
//! with plain form posts, and the order ends exactly as the issuer and the
//! card say, with one A08 and at most one A09.

use serde_json::{json, Value};

use crate::helpers::fixtures::body_with_total;
use crate::helpers::{spawn_app, spawn_app_with, TestApp, EMBED_ORIGIN};
use zerostep_sandbox::acs::form_of;

impl TestApp {
    /// Turns 3-D Secure on for the card method (authDiv 3), as the admin does.
    async fn authenticate_cards(&self) {
        let admin = self.login_admin().await;
        let response = admin
            .put(
                "/api/admin/settings/three-d-secure",
                json!({"enabled": true, "auth_div": "3"}),
            )
            .await;
        assert_eq!(response.status(), 204);
    }

    /// The authDiv the purchase page makes its tokens with.
    async fn token_auth_div(&self) -> Value {
        let config: Value = self.checkout_config().await;
        config["token"]["auth_div"].clone()
    }

    /// Places a card order whose token asks for 3-D Secure; returns the
    /// answer (202 `authenticate`) and its idempotency key.
    async fn order_3ds(&self, card: &str, key: &str) -> Value {
        let token = self.token_with(card, "3").await;
        let body = body_with_total(
            json!({"method": "card", "token": token, "pay_way": 1}),
            4_180,
        );
        let response = self.order(key, &body).await;
        assert_eq!(response.status(), 202);
        let answer: Value = response.json().await.expect("json");
        assert_eq!(answer["outcome"], "authenticate", "{answer}");
        answer
    }

    async fn page(&self, response: reqwest::Response) -> (u16, String) {
        let status = response.status().as_u16();
        (status, response.text().await.expect("page"))
    }
}

/// The browser's leg up to the issuer's answer: our start page, then the
/// issuer's page it posts to. Returns the issuer's page.
/// A page's Content-Security-Policy.
fn csp_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn to_issuer(app: &TestApp, answer: &Value) -> String {
    let start_url = format!(
        "{}{}",
        app.address,
        answer["authentication_url"].as_str().expect("a start page")
    );
    let response = app.client.get(&start_url).send().await.expect("start page");
    assert_eq!(response.status(), 200);
    let csp = csp_of(&response);
    assert!(
        csp.contains(&format!("form-action {}", app.sandbox())),
        "the start page's form may go to the issuer only: {csp}"
    );
    let (_, start) = app.page(response).await;
    let (action, fields) = form_of(&start);
    app.page(
        app.client
            .post(action)
            .form(&fields)
            .send()
            .await
            .expect("issuer"),
    )
    .await
    .1
}

/// The issuer's result page posts to our return address.
async fn post_return(app: &TestApp, issuer_page: &str) -> (u16, String, String) {
    let (action, fields) = form_of(issuer_page);
    assert!(
        action.starts_with(&format!("{}/api/3ds/return/", app.address)),
        "{action}"
    );
    let (status, page) = app
        .page(
            app.client
                .post(&action)
                .form(&fields)
                .send()
                .await
                .expect("return"),
        )
        .await;
    (status, page, action)
}

fn session_of(answer: &Value) -> String {
    answer["authentication_url"]
        .as_str()
        .and_then(|u| u.strip_prefix("/api/3ds/"))
        .and_then(|u| u.strip_suffix("/start"))
        .expect("session id")
        .to_owned()
}

async fn final_answer(app: &TestApp, answer: &Value) -> (u16, Value) {
    let response = app.get(&format!("/api/3ds/{}", session_of(answer))).await;
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

async fn a09_calls(app: &TestApp, order_number: &str) -> usize {
    let (_, receipt_no, _) = app.order_row(order_number).await;
    let txn = app.sandbox_transaction(&receipt_no).await;
    txn["history"].as_array().map_or(0, |h| {
        h.iter().filter(|c| c["function_div"] == "A09").count()
    })
}

/// The admin API's 3Dセキュア setting.
const SETTING: &str = "/api/admin/settings/three-d-secure";

#[tokio::test]
async fn a_new_shop_authenticates_cards_and_the_admin_chooses_how() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let setting: Value = admin.json("/api/admin/settings/three-d-secure").await;
    assert_eq!(setting, json!({"enabled": true, "auth_div": "3"}));
    assert_eq!(app.token_auth_div().await, "3");
    let off = admin
        .put(SETTING, json!({"enabled": false, "auth_div": "3"}))
        .await;
    assert_eq!(off.status(), 204);
    assert_eq!(app.token_auth_div().await, "2");
    let bad = admin
        .put(SETTING, json!({"enabled": true, "auth_div": "2"}))
        .await;
    assert_eq!(bad.status(), 400);
    let body: Value = bad.json().await.expect("json");
    assert_eq!(body["code"], "invalid_field", "{body}");
    let on = admin
        .put(SETTING, json!({"enabled": true, "auth_div": "1"}))
        .await;
    assert_eq!(on.status(), 204);
    assert_eq!(app.token_auth_div().await, "1");
    // The card's settings form reads it and saves it with the rest, in one
    // transaction; a body without it leaves it as it is.
    let mut card: Value = admin.json("/api/admin/settings/card").await;
    assert_eq!(
        card["three_d_secure"],
        json!({"enabled": true, "auth_div": "1"})
    );
    let fields = card.as_object_mut().expect("an object");
    fields.remove("trader_code");
    fields.remove("access_key_set");
    fields.remove("three_d_secure");
    let unchanged = admin.put("/api/admin/settings/card", card.clone()).await;
    assert_eq!(unchanged.status(), 204);
    let setting: Value = admin.json("/api/admin/settings/three-d-secure").await;
    assert_eq!(setting, json!({"enabled": true, "auth_div": "1"}));
    card["three_d_secure"] = json!({"enabled": false, "auth_div": "1"});
    let off = admin.put("/api/admin/settings/card", card).await;
    assert_eq!(off.status(), 204);
    let setting: Value = admin.json("/api/admin/settings/three-d-secure").await;
    assert_eq!(setting, json!({"enabled": false, "auth_div": "1"}));
    assert_eq!(app.token_auth_div().await, "2", "off: no 3-D Secure tokens");
    // Anonymous callers cannot change it.
    let anonymous = app
        .client
        .put(format!(
            "{}/api/admin/settings/three-d-secure",
            app.admin_address
        ))
        .json(&json!({"enabled": false, "auth_div": "3"}))
        .send()
        .await
        .expect("put");
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn a_frictionless_authentication_completes_the_order_once() {
    let app = spawn_app().await;
    app.authenticate_cards().await;
    // The purchase page makes 3-D Secure tokens: authDiv 3 and its checkSum.
    let config: Value = app.checkout_config().await;
    assert_eq!(config["token"]["auth_div"], "3");
    assert_eq!(
        config["token"]["check_sum"],
        zerostep_server::gateway::Gateway::check_sum_for("1111111", "3")
    );

    let answer = app.order_3ds("4111111111111111", "k-3ds-1").await;
    let number = answer["order_number"].as_str().expect("number").to_owned();
    assert_eq!(app.order_row(&number).await.0, "authorizing");
    // Until it ends, the order's key and its answer say authenticate.
    assert_eq!(final_answer(&app, &answer).await.0, 202);

    // The modal frames our frame page, which frames the start page: the
    // issuer's pages load inside it, so the checkout needs no frame-src
    // beyond our own origin.
    let session = session_of(&answer);
    let response = app.get(&format!("/api/3ds/{session}/frame")).await;
    assert_eq!(response.status(), 200);
    // Opened as the widget's own window, it reports to its opener.
    assert_eq!(
        response
            .headers()
            .get("cross-origin-opener-policy")
            .and_then(|v| v.to_str().ok()),
        Some("unsafe-none")
    );
    let csp = csp_of(&response);
    assert!(
        csp.contains(&format!("frame-src 'self' https: {};", app.sandbox()))
            && csp.contains("script-src 'sha256-")
            && csp.contains("style-src 'sha256-"),
        "{csp}"
    );
    let (_, frame) = app.page(response).await;
    assert!(
        frame.contains(&format!("<iframe src=\"/api/3ds/{session}/start\""))
            && frame.contains(&format!("data-origins=\"{EMBED_ORIGIN}\""))
            && frame.contains("e.source!==frames[0]"),
        "{frame}"
    );
    let stranger = app.get(&format!("/api/3ds/{}/frame", "B".repeat(32))).await;
    assert_eq!(stranger.status(), 404);

    let issuer = to_issuer(&app, &answer).await;
    let (status, page, action) = post_return(&app, &issuer).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("zerostep:3ds"),
        "the page tells the checkout: {page}"
    );
    let (status, done) = final_answer(&app, &answer).await;
    assert_eq!(
        (status, done["outcome"].as_str()),
        (201, Some("complete")),
        "{done}"
    );
    let (state, _, crd) = app.order_row(&number).await;
    assert_eq!(state, "authorized");
    assert!(crd.is_some());

    // A reload of the return, or the order retried with its key, never
    // sends a second A09.
    let (_, fields) = form_of(&issuer);
    let again = app
        .client
        .post(&action)
        .form(&fields)
        .send()
        .await
        .expect("reload");
    assert_eq!(again.status(), 200);
    let token = app.token_with("4111111111111111", "3").await;
    let retry = app
        .order(
            "k-3ds-1",
            &body_with_total(
                json!({"method": "card", "token": token, "pay_way": 1}),
                4_180,
            ),
        )
        .await;
    assert_eq!(
        retry.status(),
        422,
        "another body under the same key is refused"
    );
    assert_eq!(a09_calls(&app, &number).await, 1);
    // The start page is gone once the authentication ended.
    let start = app
        .get(answer["authentication_url"].as_str().unwrap_or_default())
        .await;
    assert_eq!(start.status(), 404);
    // The merchant's history has both calls.
    let ops: Vec<String> = sqlx::query_scalar(
        "SELECT g.function_div || ':' || g.outcome FROM gateway_operations g JOIN orders o ON o.id = g.order_id
         WHERE o.order_number = $1 ORDER BY g.id",
    )
    .bind(&number)
    .fetch_all(&app.pool().await)
    .await
    .expect("operations");
    assert_eq!(ops, ["A08:ok", "A09:ok"]);
    // 受注明細 shows the authentication and API操作履歴 both calls.
    let detail = app.login_admin().await.detail(&number).await;
    assert_eq!(
        detail["three_d_secure"],
        json!({"state": "authorized", "result_code": "0000"})
    );
    let history: Vec<&str> = detail["operations"]
        .as_array()
        .map(|ops| {
            ops.iter()
                .filter_map(|o| o["function_div"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(history, ["A08", "A09"]);
}

#[tokio::test]
async fn a_failed_challenge_or_a_decline_ends_the_order_uncharged() {
    let app = spawn_app().await;
    app.authenticate_cards().await;
    let answer = app.order_3ds("4000000000003220", "k-3ds-ch").await;
    let mut issuer = to_issuer(&app, &answer).await;
    assert!(issuer.contains("ワンタイムパスワード"));
    let (_, session) = form_of(&issuer);
    for _ in 0..3 {
        let mut fields = session.clone();
        fields.push(("code".to_owned(), "000000".to_owned()));
        fields.push(("action".to_owned(), "authenticate".to_owned()));
        issuer = app
            .page(
                app.client
                    .post(format!("{}/3ds/acs/challenge", app.sandbox()))
                    .form(&fields)
                    .send()
                    .await
                    .expect("challenge"),
            )
            .await
            .1;
    }
    assert_eq!(post_return(&app, &issuer).await.0, 200);
    let (status, refused) = final_answer(&app, &answer).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (402, Some("authentication_failed")),
        "{refused}"
    );
    let number = answer["order_number"].as_str().unwrap_or_default();
    assert_eq!(app.order_row(number).await.0, "failed");
    let detail = app.login_admin().await.detail(number).await;
    assert_eq!(
        detail["three_d_secure"],
        json!({"state": "failed", "result_code": "0002"})
    );

    // Authenticated, then declined by the card: card_declined.
    let answer = app.order_3ds("4000000000000002", "k-3ds-decline").await;
    let issuer = to_issuer(&app, &answer).await;
    post_return(&app, &issuer).await;
    let (status, refused) = final_answer(&app, &answer).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (402, Some("card_declined")),
        "{refused}"
    );
    let number = answer["order_number"].as_str().unwrap_or_default();
    assert_eq!(app.order_row(number).await.0, "declined");
    // The order's own key now answers the same (a retry, or a reload's abandon).
    let replay = app.abandon("k-3ds-decline").await;
    assert_eq!(replay.status(), 402);
}

#[tokio::test]
async fn a_tampered_return_is_refused_and_junk_leaves_the_session_waiting() {
    let app = spawn_app().await;
    app.authenticate_cards().await;
    let answer = app.order_3ds("4000000000003261", "k-3ds-tamper").await;
    let issuer = to_issuer(&app, &answer).await;
    let (action, fields) = form_of(&issuer);
    // Something that cannot be forwarded unchanged is not sent at all.
    let junk = app
        .client
        .post(&action)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("TOKEN=a&TOKEN=b")
        .send()
        .await
        .expect("junk");
    assert_eq!(junk.status(), 400);
    let number = answer["order_number"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(a09_calls(&app, &number).await, 0);
    // The refused card's result turned into a success: the gateway refuses it.
    let tampered: Vec<(String, String)> = fields
        .into_iter()
        .map(|(k, v)| {
            if k == "CRD_RES_CD" {
                (k, "0000".to_owned())
            } else {
                (k, v)
            }
        })
        .collect();
    let response = app
        .client
        .post(&action)
        .form(&tampered)
        .send()
        .await
        .expect("tampered");
    assert_eq!(response.status(), 200);
    let (status, refused) = final_answer(&app, &answer).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (402, Some("authentication_failed")),
        "{refused}"
    );
    assert!(refused["message"]["ja"]
        .as_str()
        .unwrap_or_default()
        .contains("A092000003"));
    assert_eq!(app.order_row(&number).await.0, "failed");
    assert_eq!(a09_calls(&app, &number).await, 1);
    // An unknown session is not found, whatever is posted.
    let unknown = app
        .client
        .post(format!("{}/api/3ds/return/{}", app.address, "A".repeat(32)))
        .form(&[("TOKEN", "x")])
        .send()
        .await
        .expect("unknown");
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn a_lost_a09_answer_is_settled_with_e04() {
    let app = spawn_app_with(|c| c.gateway.timeout_secs = 1).await;
    app.authenticate_cards().await;
    let answer = app.order_3ds("4111111111111111", "k-3ds-lost").await;
    let issuer = to_issuer(&app, &answer).await;
    // A09 is applied at the gateway, but its answer never arrives in time.
    app.fault(
        json!({"action": "creditToken3D", "mode": "timeout", "delay_ms": 3000, "apply": true}),
    )
    .await;
    assert_eq!(post_return(&app, &issuer).await.0, 200);
    let (status, done) = final_answer(&app, &answer).await;
    assert_eq!(
        (status, done["outcome"].as_str()),
        (201, Some("complete")),
        "{done}"
    );
    let number = answer["order_number"].as_str().unwrap_or_default();
    assert_eq!(app.order_row(number).await.0, "authorized");
    assert_eq!(a09_calls(&app, number).await, 1);
}

#[tokio::test]
async fn the_reconciler_waits_for_a_live_authentication_and_closes_an_abandoned_one() {
    let app = spawn_app_with(|c| c.reconcile_stale_secs = 0).await;
    app.authenticate_cards().await;
    let answer = app.order_3ds("4111111111111111", "k-3ds-left").await;
    let number = answer["order_number"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    // The shopper is on the issuer's page: nothing to settle yet.
    zerostep_server::reconcile::reconcile_once(&app.state.services)
        .await
        .expect("pass");
    assert_eq!(app.order_row(&number).await.0, "authorizing");

    // 31 minutes later at the gateway and here, nobody came back.
    let clock = app
        .client
        .post(format!("{}/__sandbox/clock", app.sandbox()))
        .json(&json!({"offset_seconds": 31 * 60}))
        .send()
        .await
        .expect("clock");
    assert_eq!(clock.status(), 200);
    sqlx::query("UPDATE three_d_sessions SET created_at = $1")
        .bind("2026-01-01T00:00:00+00:00")
        .execute(&app.pool().await)
        .await
        .expect("age the session");
    zerostep_server::reconcile::reconcile_once(&app.state.services)
        .await
        .expect("pass");
    assert_eq!(app.order_row(&number).await.0, "failed");
    let (status, refused) = final_answer(&app, &answer).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (502, Some("gateway_unavailable")),
        "{refused}"
    );
    // A late return finds it closed: no A09.
    let issuer = app
        .get(answer["authentication_url"].as_str().unwrap_or_default())
        .await;
    assert_eq!(issuer.status(), 404);
    assert_eq!(a09_calls(&app, &number).await, 0);
}
