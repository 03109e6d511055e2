//! The shop-wide velocity guard: once the shop's failed card attempts reach
//! the card method's 不正利用対策 threshold, a card order must bring a solved
//! proof of work; a shopper who solves one pays, nobody is locked out, and
//! a solution is good for one order.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::helpers::fixtures::{body_with_total, card_order_body};
use crate::helpers::{spawn_app_with, TestApp};

/// A shop behind our proxy (so each attempt can come from its own address)
/// whose guard turns on at `threshold` failures.
async fn shop_with_threshold(threshold: u32) -> TestApp {
    let app = spawn_app_with(|c| {
        c.trusted_proxies =
            zerostep_server::config::parse_trusted_proxies("127.0.0.1").expect("an address");
        c.proof_of_work_max = 20_000;
    })
    .await;
    let admin = app.login_admin().await;
    let mut settings = admin.card_settings().await;
    settings["challenge_after"] = json!(threshold);
    let saved = admin.put("/api/admin/settings/card", settings).await;
    assert_eq!(saved.status(), 204);
    app
}

/// A card order for `card` from a shopper of its own (address, e-mail and
/// session), with `proof` when given: its status and body.
async fn card_order(app: &TestApp, n: u32, card: &str, proof: Option<&str>) -> (u16, Value) {
    let mut body = card_order_body(app, card).await;
    body["buyer"]["email"] = json!(format!("shopper-{n}@example.jp"));
    order(app, &format!("k-{n}"), n, &body, proof).await
}

async fn order(
    app: &TestApp,
    key: &str,
    n: u32,
    body: &Value,
    proof: Option<&str>,
) -> (u16, Value) {
    let session = app.shopper_session().await;
    let mut request = app
        .order_request(key, &session, body)
        .header("X-Forwarded-For", format!("198.51.100.{n}"));
    if let Some(proof) = proof {
        request = request.header("X-Zerostep-Proof", proof);
    }
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.expect("json"))
}

/// Solves a fresh challenge as a browser would; the `X-Zerostep-Proof` value.
async fn solved_proof(app: &TestApp) -> String {
    let response = app.get("/api/checkout/challenge").await;
    crate::helpers::shopper::assert_no_store(&response);
    let challenge: Value = response.json().await.expect("json");
    assert_eq!(challenge["algorithm"], "SHA-256");
    let salt = challenge["salt"].as_str().expect("salt");
    let max = challenge["maxnumber"].as_u64().expect("maxnumber");
    assert_eq!(max, 20_000);
    let number = (0..=max)
        .find(|n| {
            let digest = Sha256::digest(format!("{salt}{n}"));
            digest
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
                == challenge["challenge"]
        })
        .expect("a number solves it");
    let solution = json!({
        "algorithm": "SHA-256", "challenge": challenge["challenge"], "number": number,
        "salt": salt, "signature": challenge["signature"],
    });
    STANDARD.encode(solution.to_string())
}

#[tokio::test]
async fn a_shop_wide_burst_asks_for_a_proof_and_a_shopper_who_solves_it_pays() {
    let app = shop_with_threshold(3).await;
    assert_eq!(
        card_order(&app, 1, "4111111111111111", None).await.0,
        201,
        "no burst yet"
    );
    // Three card testers, each from its own address, mailbox and session:
    // no per-shopper limit trips, the shop-wide count does.
    for n in 10..13 {
        assert_eq!(card_order(&app, n, "4000000000000002", None).await.0, 402);
    }
    let (status, refusal) = card_order(&app, 20, "4111111111111111", None).await;
    assert_eq!(status, 428);
    assert_eq!(refusal["code"], "proof_required");
    let error: zerostep_domain::ApiErrorBody =
        serde_json::from_value(refusal.clone()).expect("an error body");
    crate::common::assert_error_shape(&error, "proof_required");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM orders WHERE client_ip = '198.51.100.20'")
            .await,
        0,
        "no order row before the proof"
    );

    // The same request under the same key, now with a solution, is placed.
    let proof = solved_proof(&app).await;
    let mut body = card_order_body(&app, "4111111111111111").await;
    body["buyer"]["email"] = json!("shopper-20@example.jp");
    let (status, placed) = order(&app, "k-20", 20, &body, Some(&proof)).await;
    assert_eq!(status, 201, "{placed}");

    // A solution is good for one order.
    let mut again = card_order_body(&app, "4111111111111111").await;
    again["buyer"]["email"] = json!("shopper-21@example.jp");
    let (status, refusal) = order(&app, "k-21", 21, &again, Some(&proof)).await;
    assert_eq!(
        (status, refusal["code"].as_str()),
        (428, Some("proof_invalid"))
    );
    // Nor is a made-up one any good.
    let made_up = STANDARD.encode(r#"{"algorithm":"SHA-256","challenge":"00","number":1,"salt":"x?expires=9999999999","signature":"00"}"#);
    let (status, refusal) = order(&app, "k-21", 21, &again, Some(&made_up)).await;
    assert_eq!(
        (status, refusal["code"].as_str()),
        (428, Some("proof_invalid"))
    );

    // The guard is for card attempts: a bank transfer needs no proof.
    let transfer = body_with_total(json!({"method": "bank_transfer"}), 4_180);
    assert_eq!(order(&app, "k-30", 30, &transfer, None).await.0, 201);
}

#[tokio::test]
async fn the_threshold_is_a_card_setting_with_a_rule() {
    let app = spawn_app_with(|_| {}).await;
    let admin = app.login_admin().await;
    let mut settings = admin.card_settings().await;
    assert_eq!(settings["challenge_after"], 20, "the default");
    for bad in [0, 100_001] {
        settings["challenge_after"] = json!(bad);
        let refused = admin
            .put("/api/admin/settings/card", settings.clone())
            .await;
        assert_eq!(refused.status(), 400);
        let body: Value = refused.json().await.expect("json");
        assert!(
            body["message"]["ja"]
                .as_str()
                .unwrap_or_default()
                .contains("不正利用対策"),
            "{body}"
        );
    }
    settings["challenge_after"] = json!(5);
    assert_eq!(
        admin
            .put("/api/admin/settings/card", settings)
            .await
            .status(),
        204
    );
    assert_eq!(admin.card_settings().await["challenge_after"], 5);
}
