//! Merchant login: sessions, cookies, CSRF, the lockout, and every admin route refusing anonymous requests.

use serde_json::json;
use zerostep_domain::ApiErrorBody;

use crate::helpers::admin::login;
use crate::helpers::card_order;
use crate::helpers::{spawn_app, ADMIN_PASSWORD};

#[tokio::test]
async fn anonymous_and_csrf_less_requests_are_refused() {
    let app = spawn_app().await;
    for path in [
        "/api/admin/orders",
        "/api/admin/session",
        "/api/admin/orders/x",
    ] {
        let response = app.admin_get(path).await;
        assert_eq!(response.status(), 401, "{path}");
        assert_eq!(
            response.json::<ApiErrorBody>().await.expect("json").code,
            "not_authenticated"
        );
    }
    let admin = app.login_admin().await;
    let number = card_order(&app, "4111111111111111").await;
    let no_csrf = app
        .client
        .post(format!(
            "{}/api/admin/orders/{number}/reauth",
            app.admin_address
        ))
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
        .post(format!(
            "{}/api/admin/orders/{number}/reauth",
            app.admin_address
        ))
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
    let admin = app.login_admin().await;
    assert_eq!(admin.get("/api/admin/session").await.status(), 200);
    assert_eq!(
        admin.post("/api/admin/logout", json!({})).await.status(),
        204
    );
    assert_eq!(admin.get("/api/admin/session").await.status(), 401);
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
        "even the right password waits out the lock, from a browser that never logged in"
    );
    assert_eq!(
        locked.json::<ApiErrorBody>().await.expect("json").code,
        "account_locked"
    );
}

#[tokio::test]
async fn parallel_guesses_cannot_outrun_the_lockout() {
    let app = spawn_app().await;
    let mut tasks = tokio::task::JoinSet::new();
    // Ten: the address's own limit (twenty) stays out of it.
    for i in 0..10 {
        let (client, url) = (
            app.client.clone(),
            format!("{}/api/admin/login", app.admin_address),
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
async fn every_admin_route_refuses_anonymous_and_csrf_less_requests() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let routes = zerostep_server::http::routes::admin_routes::<zerostep_server::AppState>();
    assert!(routes.len() >= 18, "{} routes", routes.len());
    let mut checked = 0;
    for (path, methods, _) in routes {
        let url = format!(
            "{}/api{}",
            app.admin_address,
            path.replace("{number}", "20260101-000001")
                .replace("{id}", "1")
                .replace("{code}", "takkyubin")
                .replace("{login}", "nobody")
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
        .post(format!("{}/api/admin/login", app.admin_address))
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
        .get(format!("{}/api/admin/orders", app.admin_address))
        .header("cookie", planted)
        .send()
        .await
        .expect("request");
    assert_eq!(with_planted.status(), 401);
}
