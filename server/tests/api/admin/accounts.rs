//! Admin accounts (security review M4, M6): the first password, changing
//! one's password, sessions, idle timeout, several admins.

use serde_json::{json, Value};

use crate::helpers::admin::{login_with, session_of};
use crate::helpers::{spawn_app, spawn_app_with, ADMIN_PASSWORD};

const NEW_PASSWORD: &str = "kame-no-ayumi-2026";

#[tokio::test]
async fn a_generated_first_password_goes_to_an_owner_only_file_and_must_be_changed() {
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("secret/first-admin-password.txt");
    let path = file.clone();
    let app = spawn_app_with(move |c| {
        c.admin_password = None;
        c.first_password_file = path;
    })
    .await;
    let text = std::fs::read_to_string(&file).expect("the password file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("admin"));
    let password = lines.next().expect("password line").to_owned();
    assert!(password.len() >= 20);
    let response = login_with(&app, json!({"login": "admin", "password": password}), None).await;
    let session_body = session_of(&app, response).await;
    let info: Value = session_body.json("/api/admin/session").await;
    assert_eq!(info["must_change_password"], true);
    let orders = session_body.get("/api/admin/orders").await;
    assert_eq!(orders.status(), 403);
    assert_eq!(
        orders.json::<Value>().await.expect("json")["code"],
        "password_change_required"
    );
    let changed = session_body
        .post(
            "/api/admin/account/password",
            json!({"current_password": password, "new_password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(changed.status(), 204);
    assert_eq!(session_body.get("/api/admin/orders").await.status(), 200);
    assert!(
        !file.exists(),
        "the file goes once the admin chose their own"
    );
}

#[tokio::test]
async fn changing_the_password_keeps_the_rules_and_ends_the_other_sessions() {
    let app = spawn_app().await;
    let here = app.login_admin().await;
    let there = app.login_admin().await;
    let change = |current: &str, new: &str| {
        here.post(
            "/api/admin/account/password",
            json!({"current_password": current, "new_password": new}),
        )
    };
    for (new, why) in [
        ("short-pass", "too short"),
        ("password1234", "common"),
        ("my-admin-account", "contains the login"),
        (ADMIN_PASSWORD, "unchanged"),
    ] {
        let refused = change(ADMIN_PASSWORD, new).await;
        assert_eq!(refused.status(), 400, "{why}");
        let body: Value = refused.json().await.expect("json");
        assert_eq!(body["code"], "weak_password", "{why}");
        assert!(
            body["message"]["ja"]
                .as_str()
                .unwrap_or_default()
                .contains("新しいパスワード"),
            "the message names the field: {body}"
        );
    }
    let wrong = change("not-the-password", NEW_PASSWORD).await;
    assert_eq!(wrong.status(), 403);
    assert_eq!(change(ADMIN_PASSWORD, NEW_PASSWORD).await.status(), 204);
    assert_eq!(
        here.get("/api/admin/orders").await.status(),
        200,
        "this session stays"
    );
    assert_eq!(
        there.get("/api/admin/orders").await.status(),
        401,
        "the other ended"
    );
    let old = login_with(
        &app,
        json!({"login": "admin", "password": ADMIN_PASSWORD}),
        None,
    )
    .await;
    assert_eq!(old.status(), 401);
    let new = login_with(
        &app,
        json!({"login": "admin", "password": NEW_PASSWORD}),
        None,
    )
    .await;
    assert_eq!(new.status(), 200);
}

#[tokio::test]
async fn an_admin_sees_and_ends_their_sessions() {
    let app = spawn_app().await;
    let here = app.login_admin().await;
    let there = app.login_admin().await;
    let third = app.login_admin().await;
    let listed: Vec<Value> = here.json("/api/admin/account/sessions").await;
    assert_eq!(listed.len(), 3);
    assert_eq!(listed.iter().filter(|s| s["current"] == true).count(), 1);
    assert!(listed.iter().all(|s| s["ip"] == "127.0.0.1"), "{listed:?}");
    // The listed id ends the session it names, and nothing else.
    let there_id = {
        let theirs: Vec<Value> = there.json("/api/admin/account/sessions").await;
        theirs
            .iter()
            .find(|s| s["current"] == true)
            .and_then(|s| s["id"].as_str())
            .expect("id")
            .to_owned()
    };
    let ended = here
        .post(
            &format!("/api/admin/account/sessions/{there_id}/end"),
            json!({}),
        )
        .await;
    assert_eq!(ended.status(), 204);
    assert_eq!(there.get("/api/admin/session").await.status(), 401);
    assert_eq!(third.get("/api/admin/session").await.status(), 200);
    let again = here
        .post(
            &format!("/api/admin/account/sessions/{there_id}/end"),
            json!({}),
        )
        .await;
    assert_eq!(again.status(), 404);
    let others: Value = here
        .post("/api/admin/account/sessions/end-others", json!({}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(others["ended"], 1);
    assert_eq!(third.get("/api/admin/session").await.status(), 401);
    assert_eq!(here.get("/api/admin/session").await.status(), 200);
}

#[tokio::test]
async fn a_session_unused_for_a_quarter_of_an_hour_ends() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    assert_eq!(admin.get("/api/admin/session").await.status(), 200);
    let idle = (chrono::Utc::now() - chrono::Duration::minutes(16)).to_rfc3339();
    sqlx::query("UPDATE admin_sessions SET last_seen_at = $1")
        .bind(idle)
        .execute(&app.pool().await)
        .await
        .expect("updated");
    assert_eq!(admin.get("/api/admin/session").await.status(), 401);
}

#[tokio::test]
async fn admins_add_others_who_choose_their_own_password_and_remove_them() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let add = |login: &str, password: &str, current: &str| {
        admin.post(
            "/api/admin/users",
            json!({"login": login, "password": password, "current_password": current}),
        )
    };
    let bad_login = add("a b", NEW_PASSWORD, ADMIN_PASSWORD).await;
    assert_eq!(bad_login.status(), 400);
    assert_eq!(
        bad_login.json::<Value>().await.expect("json")["code"],
        "invalid_login"
    );
    assert_eq!(add("tanaka", "short", ADMIN_PASSWORD).await.status(), 400);
    assert_eq!(add("tanaka", NEW_PASSWORD, "wrong").await.status(), 403);
    assert_eq!(
        add("tanaka", NEW_PASSWORD, ADMIN_PASSWORD).await.status(),
        201
    );
    assert_eq!(
        add("tanaka", NEW_PASSWORD, ADMIN_PASSWORD).await.status(),
        400,
        "taken"
    );
    let users: Vec<Value> = admin.json("/api/admin/users").await;
    let logins: Vec<&str> = users.iter().filter_map(|u| u["login"].as_str()).collect();
    assert_eq!(logins, ["admin", "tanaka"]);
    assert_eq!(users[0]["you"], true);
    assert_eq!(users[1]["must_change_password"], true);

    let response = login_with(
        &app,
        json!({"login": "tanaka", "password": NEW_PASSWORD}),
        None,
    )
    .await;
    let tanaka = session_of(&app, response).await;
    assert_eq!(tanaka.get("/api/admin/orders").await.status(), 403);
    let chosen = "tsuru-wa-sennen-2026";
    let changed = tanaka
        .post(
            "/api/admin/account/password",
            json!({"current_password": NEW_PASSWORD, "new_password": chosen}),
        )
        .await;
    assert_eq!(changed.status(), 204);
    assert_eq!(tanaka.get("/api/admin/orders").await.status(), 200);

    let remove_self = tanaka
        .post(
            "/api/admin/users/tanaka/remove",
            json!({"current_password": chosen}),
        )
        .await;
    assert_eq!(remove_self.status(), 409);
    let removed = admin
        .post(
            "/api/admin/users/tanaka/remove",
            json!({"current_password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(removed.status(), 204);
    assert_eq!(
        tanaka.get("/api/admin/session").await.status(),
        401,
        "their sessions end"
    );
    let gone = admin
        .post(
            "/api/admin/users/tanaka/remove",
            json!({"current_password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(gone.status(), 404);
}
