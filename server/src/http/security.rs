//! Security headers: a Content-Security-Policy for each page we serve, and
//! the headers every response carries.
//!
//! The checkout page may run only our own scripts (the hashed files Trunk
//! builds and its one inline bootstrap, allowed by its hash), Yamato's token
//! script at its one URL (the path pinned, not the whole host: security
//! review M5), and WebAssembly (`'wasm-unsafe-eval'`); it may talk only to
//! us and to the gateway's origin. Only the allow-listed embedding origins
//! may frame it; nobody may frame the admin. Both pages report violations to
//! `/api/csp-reports` (`report-uri`: every browser sends it at once, where
//! Chrome delays `report-to`'s delivery and then ignores `report-uri`).

use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;
use zerostep_domain::api::ErrorCode;

/// `scheme://host[:port]` of `url`, if it has one.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty() && matches!(scheme, "http" | "https")).then(|| format!("{scheme}://{host}"))
}

/// `frame-ancestors` of the shopper's pages: our own, and the shops that
/// embed the widget.
pub fn frame_ancestors(embed_origins: &[String]) -> String {
    let mut ancestors = vec!["'self'".to_owned()];
    ancestors.extend(embed_origins.iter().cloned());
    ancestors.join(" ")
}

/// `'sha256-…'` sources for each inline `<script>` of `html` (Trunk writes
/// one, which imports the hashed module and starts it).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + open_end];
        let body_start = start + open_end + 1;
        let Some(len) = rest[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            hashes.push(hash_source(&rest.as_bytes()[body_start..body_start + len]));
        }
        rest = &rest[body_start + len..];
    }
    hashes
}

/// The `'sha256-…'` source of an inline script or style whose text is `text`.
pub fn hash_source(text: &[u8]) -> String {
    let digest = Sha256::digest(text);
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy of one single-page app's `index.html`.
#[derive(Debug, Clone)]
pub struct PagePolicy {
    /// Yamato's token script, its URL without a query (the sandbox's in
    /// sandbox mode).
    token_script: Option<String>,
    /// Its origin, which the token script talks to.
    token_origin: Option<String>,
    /// `frame-ancestors` sources.
    frame_ancestors: String,
}

impl PagePolicy {
    /// The checkout's policy: the token script's origin, framed by ourselves
    /// and the embedding origins.
    pub fn checkout(token_js_url: &str, embed_origins: &[String]) -> Self {
        let script = token_js_url.split(['?', '#']).next().unwrap_or_default();
        PagePolicy {
            token_script: origin_of(script).map(|_| script.to_owned()),
            token_origin: origin_of(token_js_url),
            frame_ancestors: frame_ancestors(embed_origins),
        }
    }

    /// The admin's policy: no token script, never framed.
    pub fn admin() -> Self {
        PagePolicy {
            token_script: None,
            token_origin: None,
            frame_ancestors: "'none'".to_owned(),
        }
    }

    /// The `Content-Security-Policy` value for the page `html`.
    pub fn header_for(&self, html: &str) -> String {
        let source = |s: &Option<String>| s.as_deref().map(|s| format!(" {s}")).unwrap_or_default();
        let (script, token) = (source(&self.token_script), source(&self.token_origin));
        let hashes: String = inline_script_hashes(html)
            .iter()
            .map(|h| format!(" {h}"))
            .collect();
        format!(
            "default-src 'self'; script-src 'self'{script} 'wasm-unsafe-eval'{hashes}; \
             connect-src 'self'{token}; style-src 'self'; img-src 'self' data:; font-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {}; \
             report-uri /api/csp-reports",
            self.frame_ancestors
        )
    }
}

/// Headers on every response: no MIME sniffing, no full URLs in referrers to
/// other origins, no camera, microphone, geolocation or Payment Request for
/// any page or what it frames, a browsing context of its own (no opener
/// across origins: the 3-D Secure frame page, which reports to the widget's
/// page as its opener, says otherwise), HSTS behind HTTPS (configured, or
/// a request the proxy marks `X-Forwarded-Proto: https`), and a deny-all
/// policy for anything that is not one of our pages (which set their own).
pub fn layer(router: Router, https: bool) -> Router {
    let router = router
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ));
    router.layer(axum::middleware::from_fn_with_state(
        https,
        strict_transport,
    ))
}

/// HSTS on the answer to a request that came over HTTPS. (A browser heeds
/// it only over HTTPS, so a client that claims HTTPS over plain HTTP gains
/// nothing.)
async fn strict_transport(
    axum::extract::State(https): axum::extract::State<bool>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let over_https = https
        || request
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    let mut response = next.run(request).await;
    if over_https {
        response
            .headers_mut()
            .entry(HeaderName::from_static("strict-transport-security"))
            .or_insert(HeaderValue::from_static(
                "max-age=31536000; includeSubDomains",
            ));
    }
    response
}

/// The most header bytes (names and values) a request may carry: browsers
/// send under 2 KiB to us; real cookies stay far below this.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// The longest request target (path and query).
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// Refuses requests with oversized headers (431) or target (414) before any
/// handler runs, with a `{code, message}` body like every other refusal.
pub async fn limit_request_size(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    let uri_bytes = request
        .uri()
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    if header_bytes > MAX_HEADER_BYTES {
        return crate::error::ApiError::refused(
            ErrorCode::HeadersTooLarge,
            crate::messages::headers_too_large(MAX_HEADER_BYTES),
        )
        .into_response();
    }
    if uri_bytes > MAX_URI_BYTES {
        return crate::error::ApiError::refused(
            ErrorCode::UriTooLong,
            crate::messages::uri_too_long(MAX_URI_BYTES),
        )
        .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_inline_bootstrap_is_allowed_by_its_hash_and_nothing_else() {
        let html = "<head><script type=\"module\">import init from '/a.js';</script>\
                    <script src=\"/x.js\"></script></head>";
        let hashes = inline_script_hashes(html);
        // sha256 of the exact text between the tags, base64.
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/a.js';"));
        assert_eq!(hashes, [format!("'sha256-{expected}'")]);
        let csp = PagePolicy::checkout(
            "http://127.0.0.1:8081/api/token/js/embeddedTokenLib.js",
            &["https://shop.example.jp".to_owned()],
        )
        .header_for(html);
        // The token script by its one URL, not its host (security review M5).
        assert!(csp.contains(&format!(
            "script-src 'self' http://127.0.0.1:8081/api/token/js/embeddedTokenLib.js 'wasm-unsafe-eval' 'sha256-{expected}';"
        )));
        assert!(csp.contains("connect-src 'self' http://127.0.0.1:8081;"));
        assert!(csp.contains("frame-ancestors 'self' https://shop.example.jp;"));
        assert!(csp.ends_with("; report-uri /api/csp-reports"));
        assert!(!csp.contains("unsafe-inline"));
        let admin = PagePolicy::admin().header_for(html);
        assert!(admin.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(admin.contains("frame-ancestors 'none'; report-uri /api/csp-reports"));
    }

    #[test]
    fn origins_come_from_urls() {
        assert_eq!(
            origin_of("https://ptwebcollect.jp/test_gateway/token/js/embeddedTokenLib.js")
                .as_deref(),
            Some("https://ptwebcollect.jp")
        );
        assert_eq!(origin_of("nonsense"), None);
        assert_eq!(origin_of("ftp://x/y"), None);
    }
}
