//! TOTP (RFC 6238) as a second factor, with recovery codes (security review M4).

use serde_json::{json, Value};
use totp_rs::{Algorithm, Secret, TOTP};

use crate::helpers::admin::{login_with, session_of, AdminSession};
use crate::helpers::{spawn_app, ADMIN_PASSWORD};

/// The code an authenticator app shows for `secret` at `offset_steps` from now.
fn code(secret: &str, offset_steps: i64) -> String {
    let bytes = Secret::Encoded(secret.to_owned())
        .to_bytes()
        .expect("base32");
    let totp = TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes, None, String::new());
    let at = chrono::Utc::now().timestamp() + offset_steps * 30;
    totp.generate(u64::try_from(at).expect("after 1970"))
}

/// Turns TOTP on for `admin`: the secret and the recovery codes.
async fn turn_on(admin: &AdminSession) -> (String, Vec<String>) {
    let wrong = admin
        .post(
            "/api/admin/account/totp/setup",
            json!({"current_password": "nope"}),
        )
        .await;
    assert_eq!(wrong.status(), 403, "the password is asked again");
    let setup: Value = admin
        .post(
            "/api/admin/account/totp/setup",
            json!({"current_password": ADMIN_PASSWORD}),
        )
        .await
        .json()
        .await
        .expect("json");
    let secret = setup["secret"].as_str().expect("secret").to_owned();
    assert!(setup["uri"]
        .as_str()
        .unwrap_or_default()
        .starts_with("otpauth://totp/Zerostep:admin?"));
    assert!(setup["qr_svg"]
        .as_str()
        .unwrap_or_default()
        .contains("<svg"));
    let bad = admin
        .post("/api/admin/account/totp/confirm", json!({"code": "000000"}))
        .await;
    assert_eq!(bad.status(), 401);
    let confirmed: Value = admin
        .post(
            "/api/admin/account/totp/confirm",
            json!({"code": code(&secret, 0)}),
        )
        .await
        .json()
        .await
        .expect("json");
    let codes: Vec<String> = confirmed["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter_map(|c| c.as_str().map(str::to_owned))
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

#[tokio::test]
async fn with_totp_on_a_login_needs_the_apps_code_once() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let (secret, _) = turn_on(&admin).await;
    let account: Value = admin.json("/api/admin/account").await;
    assert_eq!(account["totp"], true);
    assert_eq!(account["recovery_codes_left"], 10);

    let password_only = login_with(
        &app,
        json!({"login": "admin", "password": ADMIN_PASSWORD}),
        None,
    )
    .await;
    assert_eq!(password_only.status(), 401);
    assert!(
        password_only.headers().get("set-cookie").is_none(),
        "no session yet"
    );
    assert_eq!(
        password_only.json::<Value>().await.expect("json")["code"],
        "totp_required"
    );

    let wrong = login_with(
        &app,
        json!({"login": "admin", "password": ADMIN_PASSWORD, "code": "123456"}),
        None,
    )
    .await;
    assert_eq!(
        wrong.json::<Value>().await.expect("json")["code"],
        "invalid_totp"
    );

    // The next step's code: the confirmation above used this one.
    let next = code(&secret, 1);
    let body = json!({"login": "admin", "password": ADMIN_PASSWORD, "code": next});
    let session = session_of(&app, login_with(&app, body.clone(), None).await).await;
    assert_eq!(session.get("/api/admin/orders").await.status(), 200);
    let replayed = login_with(&app, body, None).await;
    assert_eq!(replayed.status(), 401, "a code is good once");
    assert_eq!(
        replayed.json::<Value>().await.expect("json")["code"],
        "invalid_totp"
    );
    let wrong_password = login_with(
        &app,
        json!({"login": "admin", "password": "nope", "code": code(&secret, 1)}),
        None,
    )
    .await;
    assert_eq!(
        wrong_password.json::<Value>().await.expect("json")["code"],
        "invalid_credentials"
    );
}

#[tokio::test]
async fn a_recovery_code_logs_in_once_and_totp_can_be_turned_off() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let (_, codes) = turn_on(&admin).await;
    // Typed loosely: upper case, a space for the hyphen.
    let typed = codes[3].to_uppercase().replace('-', " ");
    let body = json!({"login": "admin", "password": ADMIN_PASSWORD, "code": typed});
    let session = session_of(&app, login_with(&app, body.clone(), None).await).await;
    let account: Value = session.json("/api/admin/account").await;
    assert_eq!(account["recovery_codes_left"], 9);
    let again = login_with(&app, body, None).await;
    assert_eq!(again.status(), 401, "used up");

    let renewed: Value = session
        .post(
            "/api/admin/account/recovery-codes",
            json!({"current_password": ADMIN_PASSWORD}),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(renewed["codes"].as_array().map(Vec::len), Some(10));
    let old = json!({"login": "admin", "password": ADMIN_PASSWORD, "code": codes[0]});
    assert_eq!(
        login_with(&app, old, None).await.status(),
        401,
        "the old codes are gone"
    );

    let off = session
        .post(
            "/api/admin/account/totp/disable",
            json!({"current_password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(off.status(), 204);
    let plain = login_with(
        &app,
        json!({"login": "admin", "password": ADMIN_PASSWORD}),
        None,
    )
    .await;
    assert_eq!(plain.status(), 200, "the password alone again");
}
