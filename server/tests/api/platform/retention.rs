//! Retention (security review M3): the hourly purge deletes what anonymous
//! requests left behind once it can no longer matter, and nothing else.

use zerostep_server::store::retention::{purge, Purged, Windows};

const WINDOWS: Windows = Windows {
    card_failures: 600,
    admin_idle: 1800,
    login_failures: 900,
};

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_purge_deletes_what_has_outlived_its_use_and_keeps_the_rest() {
    let app = spawn_app().await;
    let _admin = app.login_admin().await;
    let pool = app.pool().await;
    let now_text = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
    let now = chrono::Utc::now().to_rfc3339();
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let long_ago = "2020-01-01T00:00:00+00:00";
    let statements = [
        // Idempotency keys: an old answered one goes; an old one whose
        // request died before its answer, and a new one, stay.
        "INSERT INTO idempotency_keys (key, request_hash, response_code, response_body, created_at) VALUES ('old-answered', 'h', 201, '{}', '2020-01-01 00:00:00')".to_owned(),
        "INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES ('old-waiting', 'h', '2020-01-01 00:00:00')".to_owned(),
        format!("INSERT INTO idempotency_keys (key, request_hash, response_code, response_body, created_at) VALUES ('new-answered', 'h', 201, '{{}}', '{now_text}')"),
        // Card attempts: outside the window, and inside it.
        format!("INSERT INTO card_failures (ip, email, session, at) VALUES ('198.51.100.1', 'a@example.jp', '-', '{long_ago}')"),
        format!("INSERT INTO card_failures (ip, email, session, at) VALUES ('198.51.100.2', 'b@example.jp', '-', '{now}')"),
        // Admin sessions: an expired one, and one unused for too long (the
        // login above is neither).
        format!("INSERT INTO admin_sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES ('expired', 1, 'c', '{long_ago}', '{long_ago}', '{long_ago}')"),
        format!("INSERT INTO admin_sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) VALUES ('idle', 1, 'c', '{long_ago}', '{later}', '{long_ago}')"),
        // Failed-login counters: a window that ended, and one still open.
        format!("INSERT INTO login_failures (key, failures, window_start) VALUES ('addr:198.51.100.1', 3, '{long_ago}')"),
        format!("INSERT INTO login_failures (key, failures, window_start) VALUES ('login:someone', 2, '{now}')"),
        // CSP violations: last reported long ago, and now.
        format!("INSERT INTO csp_reports (page, directive, blocked, count, first_at, last_at) VALUES ('p', 'script-src', 'old', 1, '{long_ago}', '{long_ago}')"),
        format!("INSERT INTO csp_reports (page, directive, blocked, count, first_at, last_at) VALUES ('p', 'script-src', 'new', 1, '{now}', '{now}')"),
        // Proof-of-work solutions: expired, and still usable.
        format!("INSERT INTO spent_proofs (challenge, expires_at) VALUES ('old', '{long_ago}')"),
        format!("INSERT INTO spent_proofs (challenge, expires_at) VALUES ('new', '{later}')"),
    ];
    for statement in &statements {
        sqlx::query(statement)
            .execute(&pool)
            .await
            .expect(statement);
    }
    let purged = purge(&pool, &WINDOWS).await.expect("purged");
    assert_eq!(
        purged,
        Purged {
            keys: 1,
            attempts: 1,
            admin_sessions: 2,
            login_failures: 1,
            proofs: 1,
            csp_reports: 1
        }
    );
    let keys = app
        .count("SELECT COUNT(*) FROM idempotency_keys WHERE key IN ('old-waiting', 'new-answered')")
        .await;
    assert_eq!(keys, 2);
    assert_eq!(app.count("SELECT COUNT(*) FROM card_failures").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM admin_sessions").await,
        1,
        "the live login stays"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM spent_proofs").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM csp_reports").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM login_failures WHERE key = 'login:someone'")
            .await,
        1
    );
    // A second purge finds nothing more.
    assert_eq!(
        purge(&pool, &WINDOWS).await.expect("purged"),
        Purged::default()
    );
}
