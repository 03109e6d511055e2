//! CSP violation reports (security review M5): what browsers send to
//! `report-uri` is stored, counted, bounded, and shown to the merchant.

use serde_json::{json, Value};
use zerostep_server::store::csp_reports::{record, Violation, MAX_ROWS};

use crate::helpers::spawn_app;

fn report(blocked: &str) -> Value {
    json!({"csp-report": {
        "document-uri": "http://127.0.0.1/checkout?step=2",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "blocked-uri": blocked,
        "status-code": 200,
        "source-file": "http://127.0.0.1/zerostep-0123.js",
        "line-number": 7
    }})
}

#[tokio::test]
async fn reports_are_stored_counted_and_shown_to_the_merchant() {
    let app = spawn_app().await;
    let send = |body: Value, content_type: &'static str| {
        app.client
            .post(format!("{}/api/csp-reports", app.address))
            .header("content-type", content_type)
            .body(body.to_string())
            .send()
    };
    let skim = report("https://evil.example/skim.js?card=1");
    assert_eq!(
        send(skim.clone(), "application/csp-report")
            .await
            .expect("sent")
            .status(),
        204
    );
    assert_eq!(
        send(skim, "application/csp-report")
            .await
            .expect("sent")
            .status(),
        204
    );
    let reporting_api = json!([{
        "type": "csp-violation", "age": 10, "url": "http://127.0.0.1/",
        "body": {"documentURL": "http://127.0.0.1/", "effectiveDirective": "script-src-elem",
                 "blockedURL": "inline", "sample": "fetch('https://evil.example')", "disposition": "enforce"}
    }]);
    assert_eq!(
        send(reporting_api, "application/reports+json")
            .await
            .expect("sent")
            .status(),
        204
    );
    let junk = send(json!({"hello": "world"}), "application/json")
        .await
        .expect("sent");
    assert_eq!(junk.status(), 400);
    assert_eq!(
        junk.json::<Value>().await.expect("json")["code"],
        "invalid_body"
    );
    let huge = app
        .client
        .post(format!("{}/api/csp-reports", app.address))
        .header("content-type", "application/csp-report")
        .body(vec![b' '; 70 * 1024])
        .send()
        .await
        .expect("sent");
    assert_eq!(huge.status(), 413);

    assert_eq!(app.admin_get("/api/admin/csp-reports").await.status(), 401);
    let admin = app.login_admin().await;
    let listed: Vec<Value> = admin.json("/api/admin/csp-reports").await;
    assert_eq!(listed.len(), 2, "{listed:?}");
    let skimmer = listed
        .iter()
        .find(|r| r["blocked"] == "https://evil.example/skim.js")
        .expect("the skimmer's report, its query dropped");
    assert_eq!(skimmer["count"], 2);
    assert_eq!(skimmer["page"], "http://127.0.0.1/checkout");
    assert_eq!(skimmer["directive"], "script-src-elem");
    assert_eq!(skimmer["source"], "http://127.0.0.1/zerostep-0123.js:7");
    assert!(listed.iter().any(|r| r["blocked"] == "inline"));
    // The admin's own pages report to their own origin.
    let from_admin = app
        .client
        .post(format!("{}/api/csp-reports", app.admin_address))
        .header("content-type", "application/csp-report")
        .body(report("https://evil.example/admin.js").to_string())
        .send()
        .await
        .expect("sent");
    assert_eq!(from_admin.status(), 204);
}

#[tokio::test]
async fn one_address_sends_sixty_reports_a_minute_and_the_table_is_bounded() {
    let app = spawn_app().await;
    let mut statuses = Vec::new();
    for i in 0..61 {
        let response = app
            .client
            .post(format!("{}/api/csp-reports", app.address))
            .header("content-type", "application/csp-report")
            .body(report(&format!("https://evil.example/{i}.js")).to_string())
            .send()
            .await
            .expect("sent");
        statuses.push(response.status().as_u16());
    }
    assert!(statuses[..60].iter().all(|s| *s == 204), "{statuses:?}");
    assert_eq!(statuses[60], 429);

    // Past its most rows, a new violation is dropped; a kept one still counts.
    let pool = app.pool().await;
    let now = chrono::Utc::now().to_rfc3339();
    for i in 60..MAX_ROWS {
        sqlx::query(
            "INSERT INTO csp_reports (page, directive, blocked, count, first_at, last_at)
             VALUES ('p', 'script-src-elem', $1, 1, $2, $3)",
        )
        .bind(format!("https://filler.example/{i}.js"))
        .bind(&now)
        .bind(&now)
        .execute(&pool)
        .await
        .expect("filled");
    }
    let new = Violation {
        page: "p".into(),
        directive: "script-src-elem".into(),
        blocked: "https://new.example/x.js".into(),
        ..Violation::default()
    };
    assert!(
        !record(&pool, &new, &now).await.expect("recorded"),
        "dropped"
    );
    let kept = Violation {
        blocked: "https://filler.example/70.js".into(),
        ..new
    };
    assert!(
        record(&pool, &kept, &now).await.expect("recorded"),
        "counted"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM csp_reports").await,
        MAX_ROWS
    );
}
