//! `POST /api/csp-reports`: what a browser reports when one of our pages
//! breaks its Content-Security-Policy (the policy's `report-uri`; security
//! review M5). Anonymous, so read with care: at most 64 KiB, 60 reports a
//! minute per address, each field cut to a length, queries dropped, and
//! the table bounded (`store::csp_reports`). The merchant sees them in the
//! admin (改ざん検知).

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use serde_json::Value;
use zerostep_domain::api::ErrorCode;

use crate::error::ApiError;
use crate::http::client_ip::{bucket, of_request};
use crate::services::Services;
use crate::store::csp_reports::{self, Violation};

/// The largest report body read.
const MAX_BYTES: usize = 64 * 1024;

/// Takes a report (`application/csp-report`, or the Reporting API's
/// `application/reports+json`): 204, whatever it held, unless it is not a
/// report at all (400) or the address sends too many (429).
pub async fn receive(
    State(state): State<Services>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let ip = of_request(peer.ip(), &headers, &state.config.trusted_proxies);
    if !state.limits.report(&bucket(ip)) {
        return Err(ApiError::refused(
            ErrorCode::RateLimited,
            crate::messages::too_many_reports(),
        ));
    }
    if body.len() > MAX_BYTES {
        return Err(ApiError::refused(
            ErrorCode::BodyTooLarge,
            crate::messages::body_too_large(),
        ));
    }
    let user_agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let violations = serde_json::from_slice::<Value>(&body)
        .ok()
        .map(|json| violations(&json, user_agent))
        .filter(|found| !found.is_empty())
        .ok_or_else(|| {
            ApiError::refused(ErrorCode::InvalidBody, crate::messages::not_a_csp_report())
        })?;
    let now = crate::store::time::now();
    for violation in violations.iter().take(20) {
        if !csp_reports::record(&state.pool, violation, &now).await? {
            tracing::warn!("CSP report dropped: the table holds its most rows");
        }
        tracing::warn!(
            page = violation.page,
            directive = violation.directive,
            blocked = violation.blocked,
            "CSP violation reported"
        );
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The violations in a report body: `{"csp-report": {...}}` (report-uri),
/// or `[{"type": "csp-violation", "body": {...}}, ...]` (Reporting API).
pub fn violations(json: &Value, user_agent: &str) -> Vec<Violation> {
    if let Some(report) = json.get("csp-report") {
        let text = |key: &str| report.get(key).map(text_of).unwrap_or_default();
        let directive = Some(text("effective-directive"))
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| text("violated-directive"));
        let source = match (text("source-file"), text("line-number")) {
            (file, _) if file.is_empty() => String::new(),
            (file, line) if line.is_empty() => file,
            (file, line) => format!("{file}:{line}"),
        };
        return violation(
            &text("document-uri"),
            &directive,
            &text("blocked-uri"),
            &source,
            &text("script-sample"),
            user_agent,
        )
        .into_iter()
        .collect();
    }
    json.as_array()
        .into_iter()
        .flatten()
        .filter(|r| r.get("type").and_then(Value::as_str) == Some("csp-violation"))
        .filter_map(|r| {
            let body = r.get("body")?;
            let text = |key: &str| body.get(key).map(text_of).unwrap_or_default();
            let source = match (text("sourceFile"), text("lineNumber")) {
                (file, _) if file.is_empty() => String::new(),
                (file, line) => format!("{file}:{line}"),
            };
            violation(
                &text("documentURL"),
                &text("effectiveDirective"),
                &text("blockedURL"),
                &source,
                &text("sample"),
                user_agent,
            )
        })
        .collect()
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// A violation with every field cut to its length and no query in a URL;
/// `None` without a page or a directive.
fn violation(
    page: &str,
    directive: &str,
    blocked: &str,
    source: &str,
    sample: &str,
    user_agent: &str,
) -> Option<Violation> {
    let page = cut(without_query(page), 300);
    let directive = cut(directive, 60);
    (!page.is_empty() && !directive.is_empty()).then(|| Violation {
        page,
        directive,
        blocked: cut(without_query(blocked), 300),
        source: cut(without_query(source), 300),
        sample: cut(sample, 80),
        user_agent: cut(user_agent, 200),
    })
}

fn without_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or_default()
}

fn cut(text: &str, chars: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(chars)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_report_formats_are_read_and_trimmed() {
        let uri = serde_json::json!({"csp-report": {
            "document-uri": "https://shop.example.jp/checkout?email=a@b.jp",
            "violated-directive": "script-src-elem",
            "effective-directive": "script-src-elem",
            "blocked-uri": "https://evil.example/skim.js?c=1",
            "source-file": "https://shop.example.jp/zerostep-1.js",
            "line-number": 3
        }});
        let found = violations(&uri, "UA");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].page, "https://shop.example.jp/checkout");
        assert_eq!(found[0].blocked, "https://evil.example/skim.js");
        assert_eq!(found[0].source, "https://shop.example.jp/zerostep-1.js:3");
        let api = serde_json::json!([
            {"type": "csp-violation", "body": {
                "documentURL": "https://shop.example.jp/", "effectiveDirective": "script-src-elem",
                "blockedURL": "inline", "sample": "alert(1)"}},
            {"type": "deprecation", "body": {}}
        ]);
        let found = violations(&api, "UA");
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].blocked.as_str(), found[0].sample.as_str()),
            ("inline", "alert(1)")
        );
        assert!(violations(&serde_json::json!({"hello": 1}), "UA").is_empty());
        assert!(violations(&serde_json::json!({"csp-report": {}}), "UA").is_empty());
    }
}
