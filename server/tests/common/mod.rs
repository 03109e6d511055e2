//! What the API suite and the process tests share: the order a shopper
//! sends, and the shape every refusal must have.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

/// One 有田焼 teacup (4,180 yen with shipping to Tokyo), paid as `payment`,
/// ordered by 山田太郎 at `email`.
pub fn order_body(payment: Value, email: &str) -> Value {
    json!({
        "lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}],
        "buyer": {
            "name": {"family": "山田", "given": "太郎"}, "family_kana": "ヤマダ", "given_kana": "タロウ",
            "email": email, "phone": "090-1234-5678",
            "address": {"postal_code": "1000001", "prefecture": 13, "city": "千代田区千代田", "line1": "1-2-3", "line2": null}
        },
        "recipient": null,
        "delivery": {"method": "takkyubin", "date": null, "time_slot": "unspecified"},
        "payment": payment,
        "confirmed_total": 4180
    })
}

/// The card payment with a token, in one installment.
pub fn card(token: &str) -> Value {
    json!({"method": "card", "token": token, "pay_way": 1})
}

/// A refusal has a code this build knows (a stable snake_case name) and a
/// message in both languages: Japanese, and English without Japanese in it.
pub fn assert_error_shape(error: &ApiErrorBody, case: &str) {
    assert_ne!(
        error.code,
        zerostep_domain::api::ErrorCode::Unknown,
        "{case}: an unknown code"
    );
    assert!(
        error
            .code
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_'),
        "{case}: code {:?}",
        error.code
    );
    assert!(
        error.message.ja.chars().any(|c| c > '\u{3000}'),
        "{case}: no Japanese message: {:?}",
        error.message
    );
    assert!(
        !error.message.en.is_empty()
            && !error
                .message
                .en
                .chars()
                .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{case}: no English message: {:?}",
        error.message
    );
}

/// The environment variable naming a PostgreSQL server (`postgres://user@host:port`)
/// to run the tests on instead of SQLite files: `cargo xtask test` starts one.
pub const POSTGRES_ENV: &str = "ZEROSTEP_TEST_POSTGRES";

/// A test's database, named after its folder: a SQLite file in `dir`, or a
/// database on the PostgreSQL server of [`POSTGRES_ENV`] (made by
/// [`create_database`]).
pub fn database_url(dir: &std::path::Path) -> String {
    let Ok(server) = std::env::var(POSTGRES_ENV) else {
        return format!("sqlite://{}", dir.join("data/zerostep.db").display());
    };
    let name: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{}/zs_{name}", server.trim_end_matches('/'))
}

/// Creates the PostgreSQL database of [`database_url`] (SQLite files create themselves).
pub async fn create_database(dir: &std::path::Path) {
    let Ok(server) = std::env::var(POSTGRES_ENV) else {
        return;
    };
    let url = database_url(dir);
    let name = url.rsplit('/').next().unwrap_or_default();
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&format!(
        "{}/postgres",
        server.trim_end_matches('/')
    ))
    .await
    .expect("the test PostgreSQL server answers");
    sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create the test database");
}

/// Logs in as the first admin at `server` (`http://host:port`) with `password`.
pub async fn admin_login(
    client: &reqwest::Client,
    server: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(format!("{server}/api/admin/login"))
        .json(&json!({"login": "admin", "password": password}))
        .send()
        .await
        .expect("sent")
}

/// A logged-in admin's session cookie (`name=value`) and CSRF token.
pub async fn admin_session(
    client: &reqwest::Client,
    server: &str,
    password: &str,
) -> (String, String) {
    let response = admin_login(client, server, password).await;
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with("zs_admin="))
        .unwrap_or_default()
        .to_owned();
    let body: Value = response.json().await.expect("json");
    let csrf = body["csrf_token"].as_str().unwrap_or_default().to_owned();
    (cookie, csrf)
}
