//! Login throttling (security review M4): per login (known or not, with the
//! same answers), per address, and never against the merchant's own browser.

use serde_json::{json, Value};

use crate::helpers::admin::{login_with, set_cookie};
use crate::helpers::{spawn_app, spawn_app_with, ADMIN_PASSWORD};

async fn answer(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("json");
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_known_and_an_unknown_login_get_the_same_answers() {
    let app = spawn_app().await;
    let mut answers = Vec::new();
    for login in ["admin", "nobody-here"] {
        let mut seen = Vec::new();
        for i in 0..6 {
            let body = json!({"login": login, "password": format!("wrong-{i}")});
            seen.push(answer(login_with(&app, body, None).await).await);
        }
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1], "the answers tell nothing");
    let codes: Vec<&str> = answers[0].iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "invalid_credentials",
            "invalid_credentials",
            "invalid_credentials",
            "invalid_credentials",
            "account_locked",
            "account_locked"
        ]
    );
}

#[tokio::test]
async fn a_strangers_guesses_never_lock_the_merchant_out_of_their_own_browser() {
    let app = spawn_app().await;
    let right = json!({"login": "admin", "password": ADMIN_PASSWORD});
    let first = login_with(&app, right.clone(), None).await;
    assert_eq!(first.status(), 200);
    let device = set_cookie(&first, "zs_admin_device").expect("known-browser cookie");
    // A stranger (no cookie) uses up the login's attempts.
    for i in 0..5 {
        let body = json!({"login": "admin", "password": format!("guess-{i}")});
        login_with(&app, body, None).await;
    }
    let stranger = login_with(&app, right.clone(), None).await;
    assert_eq!(answer(stranger).await, (423, "account_locked".to_owned()));
    // The merchant's browser still logs in.
    let merchant = login_with(&app, right.clone(), Some(&device)).await;
    assert_eq!(
        merchant.status(),
        200,
        "the known browser is not locked out"
    );
    // A cookie of another login, or a forged one, counts for nothing.
    let forged = device.replace("zs_admin_device=", "zs_admin_device=AAAA");
    let refused = login_with(&app, right, Some(&forged)).await;
    assert_eq!(refused.status(), 423);
    // The known browser has limits of its own.
    let mut last = (0, String::new());
    for i in 0..10 {
        let body = json!({"login": "admin", "password": format!("typo-{i}")});
        last = answer(login_with(&app, body, Some(&device)).await).await;
    }
    assert_eq!(last, (423, "account_locked".to_owned()));
}

#[tokio::test]
async fn one_address_is_throttled_whatever_login_it_tries() {
    // Behind our proxy: each test client is its X-Forwarded-For address.
    let app = spawn_app_with(|c| {
        c.trusted_proxies = vec!["127.0.0.1/32".parse().expect("net")];
    })
    .await;
    let from = |ip: &'static str, body: Value| {
        app.client
            .post(format!("{}/api/admin/login", app.admin_address))
            .header("x-forwarded-for", ip)
            .json(&body)
            .send()
    };
    // Twenty failures spread over logins, four each (no login is locked).
    for i in 0..20 {
        let body = json!({"login": format!("user{}", i / 4), "password": "x"});
        let response = from("203.0.113.7", body).await.expect("sent");
        assert_eq!(response.status(), 401, "attempt {i}");
    }
    let right = json!({"login": "admin", "password": ADMIN_PASSWORD});
    let limited = from("203.0.113.7", right.clone()).await.expect("sent");
    assert_eq!(limited.status(), 429);
    let wait: u64 = limited
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=900).contains(&wait), "{wait}");
    assert_eq!(answer(limited).await.1, "rate_limited");
    // Another address is not held back.
    let other = from("198.51.100.20", right).await.expect("sent");
    assert_eq!(other.status(), 200);
}
