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
        assert_eq!(response.text().await.expect("body"), INDEX_HTML, "{path}");
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
async fn the_admin_spa_lives_under_admin() {
    let app = spawn_app().await;
    for path in ["/admin/", "/admin/orders"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.text().await.expect("body"),
            ADMIN_INDEX_HTML,
            "{path}"
        );
    }
}
