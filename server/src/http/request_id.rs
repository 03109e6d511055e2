//! Every request's id (`X-Request-Id`): the one a proxy in front sent when
//! it is a plain token, else a new one. It goes into the request's log span
//! (and so into every line logged while answering it, `request_id` in the
//! JSON log), back to the client in the response's `X-Request-Id`, and the
//! request is counted and timed for the metrics.

use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::RngCore;

/// The header carrying the id both ways.
pub static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A proxy's id is kept if it is 1–64 characters of `A–Z a–z 0–9 - _ . :`;
/// anything else (a forged log line, a huge value) is replaced.
fn acceptable(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// A new id: 16 random bytes in hex.
fn new_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The middleware, for the listener named `listener` (`shop`, `admin`).
pub async fn tag(listener: &'static str, mut req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| acceptable(id));
    let id = match given {
        Some(id) => id.to_owned(),
        None => new_id(),
    };
    let value = HeaderValue::from_str(&id).unwrap_or_else(|_| HeaderValue::from_static("-"));
    req.headers_mut()
        .insert(X_REQUEST_ID.clone(), value.clone());
    let method = req.method().clone();
    let started = Instant::now();
    let mut response = next.run(req).await;
    response.headers_mut().insert(X_REQUEST_ID.clone(), value);
    crate::telemetry::http_request(
        listener,
        method.as_str(),
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// `path` as the log writes it: a segment that looks like a secret id (24
/// or more letters, digits, `-` or `_`: a 3-D Secure session's, a
/// session's) is written `{id}`, so the log never holds what opens them.
pub fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let secret = segment.len() >= 24
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if secret {
                "{id}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The request's id as the middleware left it (for the log span).
pub fn of<B>(req: &axum::http::Request<B>) -> &str {
    req.headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxys_id_is_kept_only_when_it_is_a_plain_token() {
        for id in ["abc", "5f0c-11ee_be56.0242:ac120002", &"a".repeat(64)] {
            assert!(acceptable(id), "{id}");
        }
        for id in [
            "",
            "has space",
            "line\nbreak",
            "{\"json\":1}",
            &"a".repeat(65),
            "日本",
        ] {
            assert!(!acceptable(id), "{id:?}");
        }
        assert_eq!(
            loggable_path("/api/3ds/0123456789abcdef0123456789abcdef/frame"),
            "/api/3ds/{id}/frame"
        );
        assert_eq!(
            loggable_path("/api/postal-codes/1000001"),
            "/api/postal-codes/1000001"
        );
        let made = new_id();
        assert_eq!(made.len(), 32);
        assert!(acceptable(&made));
        assert_ne!(made, new_id());
    }
}
