//! Serving a built single-page app: its files, and `index.html` for its routes.
//!
//! `cargo xtask` writes `name.br` and `name.gz` beside each built file; a
//! browser that accepts brotli or gzip gets those bytes as they are, with
//! no compression work per request.
//!
//! Trunk names assets with a content hash (`zerostep-1a2b…_bg.wasm`), so
//! those are cached for a year as immutable; everything else (`index.html`
//! above all) is revalidated on every load, so a new release shows at once.
//! A path with a file extension that does not exist is a 404; any other path
//! is one of the app's routes and gets `index.html`.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use tower_http::services::ServeDir;

use crate::http::security::PagePolicy;

/// `Cache-Control` for content-hashed assets.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else.
const REVALIDATE: &str = "no-cache";

/// Reads the name a page carries (the shop's, from 基本設定) for each request.
pub type PageName = Arc<
    dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<String>> + Send>>
        + Send
        + Sync,
>;

/// A router that serves the SPA built into `dist`, its pages under
/// `policy`, each named by `name` when given (its title and its
/// `application-name`, which the app shows).
pub fn router<S: Clone + Send + Sync + 'static>(
    dist: &Path,
    policy: PagePolicy,
    name: Option<PageName>,
) -> Router<S> {
    let index = dist.join("index.html");
    let policy = std::sync::Arc::new(policy);
    let fallback = get(move |req: Request<Body>| {
        spa_index(index.clone(), Arc::clone(&policy), name.clone(), req)
    });
    Router::new()
        .fallback_service(files(dist).fallback(fallback.with_state(())))
        .layer(axum::middleware::map_response(cache_control))
}

/// Only the files in `dist` (a 404 for anything else), cached like the SPA's.
pub fn assets<S: Clone + Send + Sync + 'static>(dist: &Path) -> Router<S> {
    Router::new()
        .fallback_service(files(dist))
        .layer(axum::middleware::map_response(cache_control))
}

/// The built files, sent precompressed when the browser accepts it.
fn files(dist: &Path) -> ServeDir {
    ServeDir::new(dist)
        .append_index_html_on_directories(false)
        .precompressed_br()
        .precompressed_gzip()
}

async fn cache_control(req_path: axum::extract::OriginalUri, mut res: Response) -> Response {
    let value = if is_hashed_asset(req_path.path()) && res.status().is_success() {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    // The same URL may be sent brotli'd, gzipped or plain.
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}

async fn spa_index(
    index: PathBuf,
    policy: Arc<PagePolicy>,
    name: Option<PageName>,
    req: Request<Body>,
) -> Response {
    let last = req.uri().path().rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match tokio::fs::read_to_string(&index).await {
        Ok(html) => {
            let html = match &name {
                Some(name) => match name().await {
                    Some(n) => named(&html, &n),
                    None => html,
                },
                None => html,
            };
            let csp = HeaderValue::from_str(&policy.header_for(&html))
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    ),
                    (header::CONTENT_SECURITY_POLICY, csp),
                ],
                html,
            )
                .into_response()
        }
        Err(err) => {
            tracing::error!(path = %index.display(), %err, "SPA index missing: build it with `cargo xtask run`");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                crate::messages::app_not_built().to_string(),
            )
                .into_response()
        }
    }
}

/// `html` with `name` (HTML-escaped) as its title and its
/// `application-name`.
pub fn named(html: &str, name: &str) -> String {
    let escaped = name
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let mut out = html.to_owned();
    if let (Some(start), Some(end)) = (out.find("<title>"), out.find("</title>")) {
        if start < end {
            out.replace_range(start + "<title>".len()..end, &escaped);
        }
    }
    const META: &str = r#"<meta name="application-name" content=""#;
    if let Some(at) = out.find(META) {
        let from = at + META.len();
        if let Some(len) = out[from..].find('"') {
            out.replace_range(from..from + len, &escaped);
        }
    }
    out
}

/// Whether the last path segment carries Trunk's content hash (a 64-bit hash
/// in hex without leading zeros, so 12 to 16 digits in practice):
/// `name-0123456789abcdef.ext`, `name-0123456789abcdef_bg.wasm`, or a file
/// the split of the shop's module named after it
/// (`name-0123456789abcdef_split.js`, `…_split_confirm_modal.wasm`).
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some(stem) = file.split('.').next() else {
        return false;
    };
    match stem.rsplit_once('-') {
        Some((name, rest)) => {
            let hash = rest.split('_').next().unwrap_or_default();
            !name.is_empty()
                && (12..=16).contains(&hash.len())
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_hashed_asset, named};

    #[test]
    fn the_shops_name_goes_into_the_title_and_application_name_escaped() {
        let html =
            "<head><title>Zerostep</title>\n<meta name=\"application-name\" content=\"\" /></head>";
        let out = named(html, "山田\"商店\" <本店> & Co");
        assert_eq!(
            out,
            "<head><title>山田&quot;商店&quot; &lt;本店&gt; &amp; Co</title>\n<meta name=\"application-name\" content=\"山田&quot;商店&quot; &lt;本店&gt; &amp; Co\" /></head>"
        );
        // A page without either is left as it is.
        assert_eq!(named("<p>x</p>", "名"), "<p>x</p>");
    }

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset("/zerostep-0123456789abcdef_bg.wasm"));
        assert!(is_hashed_asset("/admin/zerostep-admin-0123456789abcdef.js"));
        assert!(is_hashed_asset("/main-fedcba9876543210.css"));
        assert!(is_hashed_asset("/zerostep-e71c290f0cc70c6_bg.wasm"));
        assert!(is_hashed_asset("/zerostep-0123456789abcdef_split.js"));
        assert!(is_hashed_asset(
            "/zerostep-0123456789abcdef_split_confirm_modal.wasm"
        ));
        assert!(is_hashed_asset("/zerostep-0123456789abcdef_chunk_5.wasm"));
        assert!(!is_hashed_asset("/zerostep-split_0123456789abcdef.js"));
        assert!(!is_hashed_asset("/app-cafe.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/"));
        assert!(!is_hashed_asset("/checkout"));
        assert!(!is_hashed_asset("/zerostep-0123.js"));
        assert!(!is_hashed_asset("/-0123456789abcdef.js"));
        assert!(!is_hashed_asset("/zerostep-0123456789abcdeg.js"));
    }
}
