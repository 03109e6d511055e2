//! Secrets at rest, sealed (security review L1): the アクセスキー and the
//! TOTP secrets are in the database only encrypted under a key kept in a
//! file of its own; values stored before sealing are sealed at start-up.

use serde_json::{json, Value};
use zerostep_server::store::sealed::seal_legacy;

use crate::helpers::{spawn_app, ADMIN_PASSWORD};

async fn stored(app: &crate::helpers::TestApp, sql: &str) -> String {
    sqlx::query_scalar::<_, String>(sql)
        .fetch_one(&app.pool().await)
        .await
        .expect(sql)
}

#[tokio::test]
async fn the_access_key_and_totp_secrets_are_stored_sealed_and_still_work() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let saved = admin
        .put(
            "/api/admin/settings/card/access-key",
            json!({"access_key": "7654321", "current_password": ADMIN_PASSWORD}),
        )
        .await;
    assert_eq!(saved.status(), 204);
    let key = stored(&app, "SELECT access_key FROM gateway_secrets WHERE id = 1").await;
    assert!(
        key.starts_with("sealed:v1:") && !key.contains("7654321"),
        "{key}"
    );
    let config: Value = app.checkout_config().await;
    assert_eq!(
        config["token"]["check_sum"],
        zerostep_server::gateway::Gateway::check_sum_for("7654321", "3"),
        "the checkSum still comes from the key"
    );

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
    let pending = stored(
        &app,
        "SELECT totp_pending FROM admin_users WHERE login = 'admin'",
    )
    .await;
    assert!(
        pending.starts_with("sealed:v1:") && !pending.contains(&secret),
        "{pending}"
    );

    // The key is a file of its own, for its owner only; the database holds
    // nothing of it.
    let file = app.dir.path().join("sealing.key");
    let text = std::fs::read_to_string(&file).expect("the sealing key's file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(text.trim().len(), 44, "32 bytes in base64");
}

#[tokio::test]
async fn secrets_stored_before_sealing_are_sealed_and_read_alike() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    sqlx::query(
        "INSERT INTO gateway_secrets (id, access_key, updated_at) VALUES (1, '2345678', '2026-01-01T00:00:00+00:00')
         ON CONFLICT (id) DO UPDATE SET access_key = '2345678'",
    )
    .execute(&pool)
    .await
    .expect("a plain key, as an older version stored it");
    sqlx::query("UPDATE admin_users SET totp_pending = 'JBSWY3DPEHPK3PXP' WHERE login = 'admin'")
        .execute(&pool)
        .await
        .expect("a plain TOTP secret");
    let sealed = seal_legacy(&pool, &app.state.services.sealer)
        .await
        .expect("sealed");
    assert_eq!(sealed, 2);
    let key = stored(&app, "SELECT access_key FROM gateway_secrets WHERE id = 1").await;
    assert!(key.starts_with("sealed:v1:"), "{key}");
    let pending = stored(
        &app,
        "SELECT totp_pending FROM admin_users WHERE login = 'admin'",
    )
    .await;
    assert!(pending.starts_with("sealed:v1:"), "{pending}");
    assert_eq!(
        seal_legacy(&pool, &app.state.services.sealer)
            .await
            .expect("again"),
        0
    );
    let config: Value = app.checkout_config().await;
    assert_eq!(
        config["token"]["check_sum"],
        zerostep_server::gateway::Gateway::check_sum_for("2345678", "3")
    );
}
