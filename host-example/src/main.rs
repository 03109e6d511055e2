//! A stand-in for a merchant's own web site: a plain HTML product page on
//! its own origin that embeds the checkout with `<zerostep-checkout>`, under
//! the strict Content-Security-Policy EMBEDDING.md documents. It collects the
//! browser's CSP violation reports so tests can show there are none.
//!
//! ```text
//! zerostep-host-example --listen 127.0.0.1:8082 --api http://127.0.0.1:8080 \
//!     --token-origin http://127.0.0.1:8081
//! ```
//!
//! Pages: `/` (the product page), `/?shadow` (the widget inside the host's
//! own Shadow DOM), `/?hostile` (aggressive site-wide CSS), `/?mount` (the
//! `Zerostep.mount` JS API instead of the element). `GET /csp-reports` lists
//! the reports received.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

const INDEX: &str = include_str!("../site/index.html");
const HOST_JS: &str = include_str!("../site/host.js");
const HOST_CSS: &str = include_str!("../site/host.css");
const HOSTILE_CSS: &str = include_str!("../site/hostile.css");

#[derive(Clone)]
struct Site {
    api: String,
    csp: String,
    reports: Arc<Mutex<Vec<serde_json::Value>>>,
}

/// The policy a host page needs to embed the checkout: scripts from itself,
/// our backend and the token JS's origin, WebAssembly compilation, requests
/// to our backend and the token host, frames of our backend (the card
/// issuer's authentication), the widget's stylesheets and images.
fn content_security_policy(api: &str, token_origin: &str) -> String {
    format!(
        "default-src 'none'; \
         script-src 'self' {api} {token_origin} 'wasm-unsafe-eval'; \
         connect-src {api} {token_origin}; \
         frame-src {api}; \
         style-src 'self' {api}; \
         img-src 'self' {api} data:; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'; \
         report-uri /csp-report"
    )
}

fn origin_of(url: &str) -> Result<String, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("{url:?} is not an http(s) URL"))?;
    if !matches!(scheme, "http" | "https") {
        return Err(format!("{url:?} is not an http(s) URL"));
    }
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err(format!("{url:?} has no host"));
    }
    Ok(format!("{scheme}://{host}"))
}

fn page(site: &Site, body: String, content_type: &'static str) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(csp) = HeaderValue::from_str(&site.csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    (headers, body).into_response()
}

/// The script tag that loads the widget: `/embed.js`, or, given
/// `?src=/embed/v1/…&integrity=sha384-…` (what the backend's `/embed.json`
/// publishes), the pinned version with its integrity, as a merchant bound
/// by PCI DSS 6.4.3 writes it.
fn widget_tag(api: &str, query: &std::collections::HashMap<String, String>) -> String {
    let pinned = query.get("src").filter(|s| {
        s.starts_with("/embed/v1/embed-")
            && s.ends_with(".js")
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/-.".contains(&b))
    });
    let integrity = query.get("integrity").filter(|i| {
        i.starts_with("sha384-")
            && i.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-+/=".contains(&b))
    });
    match (pinned, integrity) {
        (Some(src), Some(integrity)) => format!(
            r#"<script src="{api}{src}" integrity="{integrity}" crossorigin="anonymous" async></script>"#
        ),
        _ => format!(r#"<script src="{api}/embed.js" async></script>"#),
    }
}

async fn index(
    State(site): State<Site>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let html = INDEX
        .replace(
            r#"<script src="{{API}}/embed.js" async></script>"#,
            &widget_tag(&site.api, &query),
        )
        .replace("{{API}}", &site.api);
    page(&site, html, "text/html; charset=utf-8")
}

async fn csp_report(State(site): State<Site>, body: Bytes) -> StatusCode {
    let report = serde_json::from_slice(&body)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&body).into_owned()));
    eprintln!("host-example: CSP violation report: {report}");
    if let Ok(mut reports) = site.reports.lock() {
        reports.push(report);
    }
    StatusCode::NO_CONTENT
}

async fn csp_reports(State(site): State<Site>) -> Json<Vec<serde_json::Value>> {
    Json(site.reports.lock().map(|r| r.clone()).unwrap_or_default())
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let listen = arg(&args, "--listen").unwrap_or_else(|| "127.0.0.1:8082".to_owned());
    let api = arg(&args, "--api").unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
    let token = arg(&args, "--token-origin").unwrap_or_else(|| "http://127.0.0.1:8081".to_owned());
    let (addr, api, token) = match (
        listen.parse::<SocketAddr>(),
        origin_of(&api),
        origin_of(&token),
    ) {
        (Ok(addr), Ok(api), Ok(token)) => (addr, api, token),
        (Err(e), _, _) => {
            eprintln!("host-example: --listen {listen:?}: {e}");
            return std::process::ExitCode::FAILURE;
        }
        (_, Err(e), _) | (_, _, Err(e)) => {
            eprintln!("host-example: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let site = Site {
        csp: content_security_policy(&api, &token),
        api,
        reports: Arc::default(),
    };
    let app = Router::new()
        .route("/", get(index))
        .route("/index.html", get(index))
        .route(
            "/host.js",
            get(|State(s): State<Site>| async move {
                page(&s, HOST_JS.to_owned(), "text/javascript; charset=utf-8")
            }),
        )
        .route(
            "/host.css",
            get(|State(s): State<Site>| async move {
                page(&s, HOST_CSS.to_owned(), "text/css; charset=utf-8")
            }),
        )
        .route(
            "/hostile.css",
            get(|State(s): State<Site>| async move {
                page(&s, HOSTILE_CSS.to_owned(), "text/css; charset=utf-8")
            }),
        )
        .route("/csp-report", post(csp_report))
        .route("/csp-reports", get(csp_reports))
        .with_state(site);
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("host-example: cannot listen on {addr}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("host-example: http://{addr}/");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("host-example: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_our_backend_and_the_token_host_only() {
        let csp = content_security_policy("https://api.example.jp", "https://ptwebcollect.jp");
        assert!(csp.contains(
            "script-src 'self' https://api.example.jp https://ptwebcollect.jp 'wasm-unsafe-eval';"
        ));
        assert!(csp.contains("connect-src https://api.example.jp https://ptwebcollect.jp;"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        assert_eq!(
            origin_of("http://127.0.0.1:8080/shop/").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert!(origin_of("127.0.0.1:8080").is_err());
    }
}
