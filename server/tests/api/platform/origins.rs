//! The admin on an origin of its own (security review M1): the shop's
//! listener answers nothing of the admin, the admin's nothing of the shop,
//! and over HTTPS the admin's cookie is `__Host-` (this host only, `Secure`,
//! `Path=/`) and nothing else is believed.

use serde_json::json;

use crate::helpers::admin::set_cookie;
use crate::helpers::{spawn_app, ADMIN_INDEX_HTML, ADMIN_PASSWORD};

#[tokio::test]
async fn the_shops_listener_answers_nothing_of_the_admin() {
    let app = spawn_app().await;
    let login = app
        .post_json(
            "/api/admin/login",
            &json!({"login": "admin", "password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(login.status(), 404, "no login on the shop's origin");
    assert!(login.headers().get("set-cookie").is_none());
    // With a valid session's cookie, still nothing.
    let admin = app.login_admin().await;
    for path in [
        "/api/admin/session",
        "/api/admin/orders",
        "/api/admin/outbox",
    ] {
        let response = app
            .client
            .get(format!("{}{path}", app.address))
            .header("cookie", &admin.cookie)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 404, "{path}");
    }
    let page = app.get("/admin/").await.text().await.expect("body");
    assert_ne!(page, ADMIN_INDEX_HTML, "the admin SPA is not the shop's");
}

#[tokio::test]
async fn the_admins_listener_answers_nothing_of_the_shop() {
    let app = spawn_app().await;
    for path in [
        "/api/products",
        "/api/checkout/config",
        "/embed.js",
        "/checkout",
    ] {
        assert_eq!(app.admin_get(path).await.status(), 404, "{path}");
    }
    let order = app
        .client
        .post(format!("{}/api/orders", app.admin_address))
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(order.status(), 404);
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let root = no_redirects
        .get(format!("{}/", app.admin_address))
        .send()
        .await
        .expect("sent");
    assert_eq!(root.status(), 303);
    assert_eq!(
        root.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/admin/")
    );
    assert_eq!(app.admin_get("/api/health").await.status(), 200);
}

#[tokio::test]
async fn over_https_the_session_cookie_is_host_only_and_nothing_else_counts() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(format!("{}/api/admin/login", app.admin_address))
        .header("x-forwarded-proto", "https")
        .json(&json!({"login": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let raw: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let session = raw
        .iter()
        .find(|c| c.starts_with("__Host-zs_admin="))
        .expect("a __Host- session cookie");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/;", "Secure"] {
        assert!(session.contains(part), "{part}: {session}");
    }
    assert!(!session.contains("Domain"), "host only: {session}");
    let device = raw
        .iter()
        .find(|c| c.starts_with("__Secure-zs_admin_device="))
        .expect("a __Secure- known-browser cookie");
    assert!(
        device.contains("Secure") && device.contains("Path=/api/admin/login"),
        "{device}"
    );

    let pair = set_cookie(&response, "__Host-zs_admin").expect("pair");
    let token = pair.trim_start_matches("__Host-zs_admin=");
    let ask = |cookie: String| {
        app.client
            .get(format!("{}/api/admin/session", app.admin_address))
            .header("x-forwarded-proto", "https")
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(
        ask(format!("__Host-zs_admin={token}"))
            .await
            .expect("sent")
            .status(),
        200
    );
    assert_eq!(
        ask(format!("zs_admin={token}"))
            .await
            .expect("sent")
            .status(),
        401,
        "over HTTPS a cookie without the prefix (a subdomain could set it) is not believed"
    );
}
