//! Serving the embeddable checkout to other origins: `/embed.js` (the stable
//! entry a host page loads), the widget's hashed files under `/embed/`, and
//! the CORS policy for the allow-listed embedding origins.
//!
//! Trunk builds the widget into `embed/dist/` with content-hashed names,
//! and its hook puts the entry script there too (`embed/embed.js`,
//! minified in release); `/embed.js` is that script with those names filled
//! in from the built `index.html`, and is revalidated on every load so a
//! release shows at once.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::Digest;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

/// Where the entry script takes the file names.
const PLACEHOLDER: &str = "__ZEROSTEP_ASSETS__";

/// CORS for the public API and the widget's files: only the configured
/// origins, only what the checkout sends, no credentials (the checkout
/// uses no cookies).
pub fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
            HeaderName::from_static("x-zerostep-session"),
            HeaderName::from_static("x-zerostep-proof"),
        ])
        .max_age(std::time::Duration::from_secs(3600))
}

/// The widget's built files, as `/embed.js` names them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Assets {
    /// The wasm-bindgen JS module.
    pub js: String,
    /// The WebAssembly module.
    pub wasm: String,
    /// Stylesheets for the shadow root, in order.
    pub css: Vec<String>,
    /// Each file's `sha384-…` as Trunk recorded it in `index.html`, which
    /// `embed.js` makes the browser check.
    pub integrity: std::collections::BTreeMap<String, String>,
}

/// The `integrity` of each `<link>` of `html` that has one, by its `href`.
fn integrity_in(html: &str) -> std::collections::BTreeMap<String, String> {
    let attribute = |tag: &str, name: &str| {
        let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = tag[start..].find('"')?;
        Some(tag[start..start + len].to_owned())
    };
    html.split("<link")
        .skip(1)
        .filter_map(|rest| {
            let tag = &rest[..rest.find('>')?];
            let hash = attribute(tag, "integrity").filter(|h| h.starts_with("sha"))?;
            Some((attribute(tag, "href")?, hash))
        })
        .collect()
}

/// Finds the widget's files in Trunk's `index.html`: every quoted path
/// ending in `.js`, `_bg.wasm` or `.css`.
pub fn assets_in(html: &str) -> Option<Assets> {
    let mut quoted = Vec::new();
    for quote in ['"', '\''] {
        quoted.extend(html.split(quote).skip(1).step_by(2).map(str::to_owned));
    }
    let plain = |s: &&String| s.starts_with('/') && !s.contains(['<', '>', ' ', '\\']);
    let js = quoted
        .iter()
        .filter(plain)
        .find(|s| s.ends_with(".js"))?
        .clone();
    let wasm = quoted
        .iter()
        .filter(plain)
        .find(|s| s.ends_with("_bg.wasm"))?
        .clone();
    let mut css: Vec<String> = Vec::new();
    for s in quoted.iter().filter(plain).filter(|s| s.ends_with(".css")) {
        if !css.contains(s) {
            css.push(s.clone());
        }
    }
    Some(Assets {
        js,
        wasm,
        css,
        integrity: integrity_in(html),
    })
}

/// The entry script `template` with the asset names filled in.
pub fn entry_script(template: &str, assets: &Assets) -> String {
    let json = serde_json::to_string(assets).unwrap_or_else(|_| "null".to_owned());
    template.replace(PLACEHOLDER, &json)
}

/// The entry script's version: the first 16 hex digits of its SHA-256.
pub fn version_of(script: &str) -> String {
    sha2::Sha256::digest(script.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The entry script's Subresource Integrity value (`sha384-…`).
pub fn integrity_of(script: &str) -> String {
    use base64::Engine;
    let digest = sha2::Sha384::digest(script.as_bytes());
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The entry script of this build, if the widget is built (its
/// `index.html` and the `embed.js` beside it).
async fn built_entry(index: &Path) -> Option<String> {
    let built = tokio::fs::read_to_string(index).await.ok()?;
    let template = tokio::fs::read_to_string(index.with_file_name("embed.js"))
        .await
        .ok()?;
    assets_in(&built).map(|assets| entry_script(&template, &assets))
}

/// What `/embed.js` answers: the entry script of this build, revalidated
/// on each load (it follows every release).
async fn serve_entry(index: PathBuf) -> Response {
    match built_entry(&index).await {
        Some(script) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            script,
        )
            .into_response(),
        None => not_built(&index),
    }
}

/// `/embed/v1/embed-{version}.js`: the same script under a URL whose bytes
/// never change, for a merchant to pin with its `integrity` (PCI DSS 6.4.3);
/// another version answers 404.
async fn serve_versioned(index: PathBuf, file: String) -> Response {
    match built_entry(&index).await {
        Some(script) if file == format!("embed-{}.js", version_of(&script)) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            script,
        )
            .into_response(),
        Some(_) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            format!(
                "console.error({:?});",
                crate::messages::widget_version_gone().to_string()
            ),
        )
            .into_response(),
        None => not_built(&index),
    }
}

/// `/embed.json`: this build's pinned URL and its `integrity`, to copy into
/// the merchant's `<script>` tag.
async fn serve_manifest(index: PathBuf) -> Response {
    match built_entry(&index).await {
        Some(script) => (
            [(header::CACHE_CONTROL, "no-cache")],
            axum::Json(serde_json::json!({
                "src": format!("/embed/v1/embed-{}.js", version_of(&script)),
                "integrity": integrity_of(&script),
                "crossorigin": "anonymous",
            })),
        )
            .into_response(),
        None => not_built(&index),
    }
}

/// 503 with a console message: the widget is not built.
fn not_built(index: &Path) -> Response {
    tracing::error!(path = %index.display(), "embed widget missing: build it with `cargo xtask run`");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        format!(
            "console.error({:?});",
            crate::messages::widget_not_built().to_string()
        ),
    )
        .into_response()
}

/// `/embed.js` and `/embed/*`, readable from the allow-listed origins.
pub fn router<S: Clone + Send + Sync + 'static>(dist: &Path, origins: &[String]) -> Router<S> {
    let index = dist.join("index.html");
    Router::new()
        .route(
            "/embed.js",
            get({
                let index = index.clone();
                move || serve_entry(index.clone())
            }),
        )
        .route(
            "/embed.json",
            get({
                let index = index.clone();
                move || serve_manifest(index.clone())
            }),
        )
        .route(
            "/embed/v1/{file}",
            get(
                move |axum::extract::Path(file): axum::extract::Path<String>| {
                    serve_versioned(index.clone(), file)
                },
            ),
        )
        .nest_service("/embed", crate::http::spa::assets::<()>(dist))
        .layer(cors(origins))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("cross-origin"),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_hashed_files_in_trunks_index() {
        let html = r#"<html><head><link rel="modulepreload" href="/embed/zerostep-embed-1a2b3c4d5e6f7a8b.js" crossorigin="anonymous" integrity="sha384-x">
<link rel="preload" href="/embed/zerostep-embed-1a2b3c4d5e6f7a8b_bg.wasm" crossorigin="anonymous" as="fetch" type="application/wasm">
<link rel="stylesheet" href="/embed/main-0f0e0d0c0b0a0908.css" integrity="sha384-y"/>
<link rel="stylesheet" href="/embed/widget-0102030405060708.css" integrity="sha384-z"/>
<script type="module">import init, * as bindings from '/embed/zerostep-embed-1a2b3c4d5e6f7a8b.js';
const wasm = await init({ module_or_path: '/embed/zerostep-embed-1a2b3c4d5e6f7a8b_bg.wasm' });</script></head></html>"#;
        let assets = assets_in(html).expect("found");
        assert_eq!(assets.js, "/embed/zerostep-embed-1a2b3c4d5e6f7a8b.js");
        assert_eq!(
            assets.wasm,
            "/embed/zerostep-embed-1a2b3c4d5e6f7a8b_bg.wasm"
        );
        assert_eq!(
            assets.css,
            [
                "/embed/main-0f0e0d0c0b0a0908.css",
                "/embed/widget-0102030405060708.css"
            ]
        );
        let script = entry_script(include_str!("../../../embed/embed.js"), &assets);
        assert!(
            script.contains(r#"var ASSETS = {"js":"/embed/zerostep-embed-1a2b3c4d5e6f7a8b.js""#)
        );
        assert!(!script.contains("__ZEROSTEP_ASSETS__"));
    }

    #[test]
    fn an_index_without_the_wasm_is_not_an_embed_build() {
        assert_eq!(
            assets_in("<html><script src='/x.js'></script></html>"),
            None
        );
        assert_eq!(assets_in(""), None);
    }
}
