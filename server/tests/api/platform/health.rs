//! `GET /api/health`.

use zerostep_domain::Health;

use crate::helpers::spawn_app;

#[tokio::test]
async fn reports_ok_when_the_database_answers() {
    let app = spawn_app().await;
    let response = app.health().await;
    assert_eq!(response.status(), 200);
    let health: Health = response.json().await.expect("health json");
    assert_eq!(health.status, "ok");
    assert_eq!(health.database, "ok");
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn hosts_the_sandbox_on_its_own_port() {
    let app = spawn_app().await;
    let status: serde_json::Value = reqwest::get(format!("http://127.0.0.1:{}/", app.sandbox_port))
        .await
        .expect("sandbox answers")
        .json()
        .await
        .expect("json");
    assert_eq!(status["service"], "zerostep-sandbox");
}

#[tokio::test]
async fn unknown_api_paths_get_the_error_shape() {
    let app = spawn_app().await;
    let response = app.get("/api/nope").await;
    assert_eq!(response.status(), 404);
    let body: zerostep_domain::ApiErrorBody = response.json().await.expect("error json");
    assert_eq!(body.code, "not_found");
    assert!(
        body.message.to_string().contains("No such API endpoint"),
        "{}",
        body.message
    );
}
