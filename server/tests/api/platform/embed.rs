//! Embedding from another origin: `/embed.js`, the widget's files, and CORS
//! for the allow-listed origins only (never the admin API).

use crate::helpers::{spawn_app, spawn_app_with, EMBED_ORIGIN};

/// A request as a browser on `origin` sends it (preflights add the method asked for).
async fn from_origin(
    app: &crate::helpers::TestApp,
    method: reqwest::Method,
    path: &str,
    origin: &str,
) -> reqwest::Response {
    app.client
        .request(method, format!("{}{path}", app.address))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "content-type,idempotency-key,x-zerostep-session,x-zerostep-proof",
        )
        .send()
        .await
        .expect("request")
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn embed_js_names_this_builds_files_and_is_revalidated() {
    let app = spawn_app().await;
    let response = app.get("/embed.js").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        header(&response, "cache-control").as_deref(),
        Some("no-cache")
    );
    assert_eq!(
        header(&response, "cross-origin-resource-policy").as_deref(),
        Some("cross-origin")
    );
    assert_eq!(
        header(&response, "x-content-type-options").as_deref(),
        Some("nosniff")
    );
    let script = response.text().await.expect("body");
    assert!(script.contains(r#""js":"/embed/zerostep-embed-0123456789abcdef.js""#));
    assert!(script.contains(r#""wasm":"/embed/zerostep-embed-0123456789abcdef_bg.wasm""#));
    assert!(script.contains(
        r#""css":["/embed/main-0123456789abcdef.css","/embed/widget-fedcba9876543210.css"]"#
    ));
    assert!(script.contains("customElements.define(\"zerostep-checkout\""));
    // Each file's hash from the build, for the browser to check.
    assert!(script.contains(
        r#""integrity":{"/embed/main-0123456789abcdef.css":"sha384-x","/embed/widget-fedcba9876543210.css":"sha384-y"}"#
    ), "{script}");
}

#[tokio::test]
async fn a_pinned_embed_js_never_changes_and_its_integrity_is_published() {
    use base64::Engine;
    use sha2::Digest;
    let app = spawn_app().await;
    let manifest: serde_json::Value = app.get("/embed.json").await.json().await.expect("json");
    let src = manifest["src"].as_str().expect("src").to_owned();
    assert!(
        src.starts_with("/embed/v1/embed-") && src.ends_with(".js"),
        "{src}"
    );
    let pinned = app.get(&src).await;
    assert_eq!(pinned.status(), 200);
    assert_eq!(
        header(&pinned, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        header(&pinned, "cross-origin-resource-policy").as_deref(),
        Some("cross-origin")
    );
    let bytes = pinned.bytes().await.expect("body");
    let integrity = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(&bytes))
    );
    assert_eq!(manifest["integrity"], integrity, "what a browser checks");
    let unpinned = app.get("/embed.js").await.bytes().await.expect("body");
    assert_eq!(bytes, unpinned, "the same script as /embed.js");
    // An allowed origin may read it (a <script crossorigin> with integrity needs CORS).
    let cors = from_origin(&app, reqwest::Method::GET, &src, EMBED_ORIGIN).await;
    assert_eq!(
        header(&cors, "access-control-allow-origin").as_deref(),
        Some(EMBED_ORIGIN)
    );
    let other = app.get("/embed/v1/embed-0000000000000000.js").await;
    assert_eq!(
        other.status(),
        404,
        "another build's version is not served as this one"
    );
}

#[tokio::test]
async fn the_widgets_files_are_immutable_and_readable_by_allowed_origins_only() {
    let app = spawn_app().await;
    let path = "/embed/zerostep-embed-0123456789abcdef_bg.wasm";
    let allowed = from_origin(&app, reqwest::Method::GET, path, EMBED_ORIGIN).await;
    assert_eq!(allowed.status(), 200);
    assert_eq!(
        header(&allowed, "content-type").as_deref(),
        Some("application/wasm")
    );
    assert_eq!(
        header(&allowed, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        header(&allowed, "access-control-allow-origin").as_deref(),
        Some(EMBED_ORIGIN)
    );
    let other = from_origin(&app, reqwest::Method::GET, path, "https://evil.example").await;
    assert_eq!(header(&other, "access-control-allow-origin"), None);
    let missing = app.get("/embed/nothing-0123456789abcdef.js").await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn an_order_preflight_from_an_allowed_origin_is_answered() {
    let app = spawn_app().await;
    let response = from_origin(&app, reqwest::Method::OPTIONS, "/api/orders", EMBED_ORIGIN).await;
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(
        header(&response, "access-control-allow-origin").as_deref(),
        Some(EMBED_ORIGIN)
    );
    let allowed = header(&response, "access-control-allow-headers").unwrap_or_default();
    for name in [
        "content-type",
        "idempotency-key",
        "x-zerostep-session",
        "x-zerostep-proof",
    ] {
        assert!(allowed.contains(name), "{allowed}");
    }
    // No cookies cross origins: the checkout needs none.
    assert_eq!(header(&response, "access-control-allow-credentials"), None);
}

#[tokio::test]
async fn other_origins_and_the_admin_api_get_no_cors_headers() {
    let app = spawn_app().await;
    let other = from_origin(
        &app,
        reqwest::Method::GET,
        "/api/products",
        "https://evil.example",
    )
    .await;
    assert_eq!(other.status(), 200);
    assert_eq!(header(&other, "access-control-allow-origin"), None);

    let shopper = from_origin(
        &app,
        reqwest::Method::GET,
        "/api/checkout/config",
        EMBED_ORIGIN,
    )
    .await;
    assert_eq!(
        header(&shopper, "access-control-allow-origin").as_deref(),
        Some(EMBED_ORIGIN)
    );

    for (method, path) in [
        (reqwest::Method::GET, "/api/admin/session"),
        (reqwest::Method::OPTIONS, "/api/admin/login"),
        (reqwest::Method::GET, "/api/admin/orders"),
    ] {
        let response = from_origin(&app, method, path, EMBED_ORIGIN).await;
        assert_eq!(
            header(&response, "access-control-allow-origin"),
            None,
            "{path}"
        );
    }
}

#[tokio::test]
async fn without_an_embed_build_embed_js_says_so_in_the_console() {
    let app = spawn_app_with(|s| s.embed_dist = s.embed_dist.join("missing")).await;
    let response = app.get("/embed.js").await;
    assert_eq!(response.status(), 503);
    let script = response.text().await.expect("body");
    assert!(script.starts_with("console.error("), "{script}");
    assert!(script.contains("has not been built"));
}
