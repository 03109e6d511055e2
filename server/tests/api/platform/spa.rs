//! Serving the two SPAs: files, route fallback, content types, caching.

use crate::helpers::{spawn_app, ADMIN_INDEX_HTML, HASHED_WASM, INDEX_HTML, PRECOMPRESSED_BR};

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_checkout_index_is_served_at_the_root_and_for_its_routes() {
    let app = spawn_app().await;
    for path in ["/", "/checkout", "/orders/complete"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            header(&response, "content-type").starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&response, "cache-control"), "no-cache", "{path}");
        // The page carries the shop's name (the demo's, seeded).
        let named = INDEX_HTML
            .replace("<title>Zerostep</title>", "<title>Zerostep 茶舗</title>")
            .replace(r#"content="""#, r#"content="Zerostep 茶舗""#);
        assert_eq!(response.text().await.expect("body"), named, "{path}");
    }
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_typed() {
    let app = spawn_app().await;
    let response = app.get(&format!("/{HASHED_WASM}")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/wasm");
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn precompressed_files_go_to_browsers_that_accept_them() {
    let app = spawn_app().await;
    let url = format!("{}/{HASHED_WASM}", app.address);
    let br = app
        .client
        .get(&url)
        .header("Accept-Encoding", "gzip, deflate, br")
        .send()
        .await
        .expect("request");
    assert_eq!(br.status(), 200);
    assert_eq!(header(&br, "content-encoding"), "br");
    assert_eq!(header(&br, "content-type"), "application/wasm");
    assert!(header(&br, "vary")
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    assert_eq!(
        header(&br, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(br.text().await.expect("body"), PRECOMPRESSED_BR);
    // Without brotli (and with no .gz written), the plain file.
    let plain = app
        .client
        .get(&url)
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .expect("request");
    assert_eq!(header(&plain, "content-encoding"), "");
    assert_eq!(plain.bytes().await.expect("body").len(), 8);
}

#[tokio::test]
async fn missing_files_are_404_not_the_index() {
    let app = spawn_app().await;
    let response = app.get("/missing-0123456789abcdef.js").await;
    assert_eq!(response.status(), 404);
    assert_eq!(header(&response, "cache-control"), "no-cache");
}

#[tokio::test]
async fn the_admin_spa_lives_under_admin_on_the_admins_listener() {
    let app = spawn_app().await;
    for path in ["/admin/", "/admin/orders"] {
        let response = app.admin_get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.text().await.expect("body"),
            ADMIN_INDEX_HTML,
            "{path}"
        );
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let page = app.get("/checkout").await;
    let csp = header(&page, "content-security-policy");
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' http://127.0.0.1:"),
        "{csp}"
    );
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("object-src 'none'"), "{csp}");
    assert!(
        csp.contains(&format!(
            "frame-ancestors 'self' {};",
            crate::helpers::EMBED_ORIGIN
        )),
        "{csp}"
    );
    assert!(csp.ends_with("; report-uri /api/csp-reports"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let admin = app.admin_get("/admin/orders").await;
    assert!(header(&admin, "content-security-policy")
        .ends_with("frame-ancestors 'none'; report-uri /api/csp-reports"));
    for path in [
        "/api/health",
        "/api/products",
        "admin:/api/admin/session",
        "/embed.js",
    ] {
        let response = match path.strip_prefix("admin:") {
            Some(path) => app.admin_get(path).await,
            None => app.get(path).await,
        };
        assert_eq!(
            header(&response, "x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            header(&response, "referrer-policy"),
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert_eq!(
            header(&response, "content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'",
            "{path}"
        );
        // Plain HTTP here: no HSTS.
        assert_eq!(header(&response, "strict-transport-security"), "", "{path}");
    }
    for path in [
        "/checkout",
        "admin:/admin/orders",
        "/api/health",
        "/embed.js",
    ] {
        let response = match path.strip_prefix("admin:") {
            Some(path) => app.admin_get(path).await,
            None => app.get(path).await,
        };
        assert_eq!(
            header(&response, "permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
            "{path}"
        );
        assert_eq!(
            header(&response, "cross-origin-opener-policy"),
            "same-origin",
            "{path}"
        );
    }
    // What the API answers is the requester's own: never cached.
    for path in ["/api/products", "/api/checkout/config", "/api/no-such"] {
        assert_eq!(
            header(&app.get(path).await, "cache-control"),
            "no-store",
            "{path}"
        );
    }
    for path in ["/api/admin/session", "/api/no-such"] {
        assert_eq!(
            header(&app.admin_get(path).await, "cache-control"),
            "no-store",
            "{path}"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_behind_https() {
    let app = crate::helpers::spawn_app_with(|s| s.secure_cookies = true).await;
    let response = app.get("/api/health").await;
    assert_eq!(
        header(&response, "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
}

#[tokio::test]
async fn hsts_is_sent_to_a_request_the_proxy_marks_https() {
    let app = spawn_app().await;
    let marked = app
        .client
        .get(format!("{}/admin/", app.admin_address))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("sent");
    assert_eq!(
        header(&marked, "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
    assert_eq!(
        header(&app.admin_get("/admin/").await, "strict-transport-security"),
        ""
    );
}
