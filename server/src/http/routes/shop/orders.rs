//! `POST /api/orders` with an `Idempotency-Key`: the same key and body replay
//! the first answer, the same key with another body is refused (422), and
//! concurrent requests with one key make exactly one authorization.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use zerostep_domain::api::ErrorCode;
use zerostep_domain::order::{OrderRequest, PaymentRequest};

use crate::checkout::proof_of_work;
use crate::checkout::{place, Answered, Reply, Requester};
use crate::error::ApiError;
use crate::guard::shopper_session::unix_now;
use crate::http::client_ip::{bucket, of_request};
use crate::http::extract::presented_session;
use crate::idempotency::{
    claim_key, for_session, release_key, store_reply, wait_for_first, withdraw, withdraw_abandoned,
    withdrawn, Claimant, NextAction,
};
use crate::messages;
use crate::services::Services;

fn json_response(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        reply.body,
    )
        .into_response()
}

/// The answer while the request that claimed a key is still at work.
fn still_in_progress() -> ApiError {
    ApiError::refused(
        ErrorCode::RequestInProgress,
        messages::request_in_progress(),
    )
}

/// The request's `Idempotency-Key`: 32 to 100 characters of URL-safe
/// base64 (`A-Z a-z 0-9 - _`), which a UUID is too, so that a key is as hard
/// to guess as the answer under it must be (security review L2).
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let url_safe = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if !(32..=100).contains(&key.len()) || !key.bytes().all(url_safe) {
        return Err(ApiError::refused(
            ErrorCode::InvalidIdempotencyKey,
            messages::invalid_idempotency_key(),
        ));
    }
    Ok(key.to_owned())
}

/// Who sends a request, as the limits count it: the client's address
/// (behind our proxies, see `client_ip`), its bucket, and the bucket of
/// its session.
struct Sender {
    ip: std::net::IpAddr,
    ip_bucket: String,
    session: String,
}

fn sender(state: &Services, peer: SocketAddr, headers: &HeaderMap) -> Sender {
    let ip = of_request(peer.ip(), headers, &state.config.trusted_proxies);
    Sender {
        ip,
        ip_bucket: bucket(ip),
        session: state
            .session_key
            .bucket(presented_session(headers), unix_now()),
    }
}

/// 429 `rate_limited`, with `Retry-After` in whole seconds.
fn rate_limited(wait: std::time::Duration) -> Response {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    crate::http::error::rate_limited(messages::rate_limited(secs), secs)
}

/// `POST /api/orders/abandon` with the `Idempotency-Key` of an order whose
/// answer the shopper never got (a lost connection, a reload): what became
/// of it, and never anything later. The answer it got (the order, 201/202,
/// or its refusal); if it never arrived, the key is withdrawn and answers
/// 409 `order_withdrawn` from now on, so the lost request cannot place the
/// order later and the shopper can start again without paying twice.
pub async fn abandon(
    State(state): State<Services>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let from = sender(&state, peer, &headers);
    if let Err(wait) = state.limits.abandon(&from.ip_bucket, &from.session) {
        return Ok(rate_limited(wait));
    }
    if withdraw(&state, &key).await? {
        return Ok(json_response(withdrawn()));
    }
    loop {
        let reply = match wait_for_first(&state, &key, None).await? {
            // Its request died before writing an order: withdraw the key
            // instead, unless that request linked an order meanwhile (then
            // the order answers, on the next pass).
            NextAction::Start => {
                if !withdraw_abandoned(&state, &key).await? {
                    continue;
                }
                withdrawn()
            }
            NextAction::Replay(reply) => reply,
            NextAction::InProgress => return Err(still_in_progress()),
        };
        let reply = for_session(&state, &key, &from.session, reply).await?;
        return Ok(json_response(reply));
    }
}

/// Places an order.
pub async fn create(
    State(state): State<Services>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let header_str = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let key = idempotency_key(&headers)?;
    let from = sender(&state, peer, &headers);
    if let Err(wait) = state.limits.order(&from.ip_bucket, &from.session) {
        crate::telemetry::card_attempt_refused("rate_limited");
        return Ok(rate_limited(wait));
    }
    if !header_str("content-type").starts_with("application/json") {
        return Err(ApiError::refused(
            ErrorCode::UnsupportedMediaType,
            messages::not_json(),
        ));
    }
    let body = body?;
    // The error names the field (`recipient.phone`) and its rule.
    let invalid = |path: String, rule: &serde_json::Error| {
        let path = (path != ".").then_some(path.as_str());
        ApiError::refused(
            ErrorCode::InvalidField,
            messages::invalid_order(path, &rule.to_string()),
        )
    };
    let mut json = serde_json::Deserializer::from_slice(&body);
    let req: OrderRequest = serde_path_to_error::deserialize(&mut json)
        .map_err(|e| invalid(e.path().to_string(), e.inner()))?;
    // Nothing may follow the order (as `serde_json::from_slice` checks).
    json.end().map_err(|e| invalid(".".to_owned(), &e))?;
    let hash: String = Sha256::digest(&body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    // Claim the key: the insert is atomic, so exactly one request wins.
    let by = Claimant {
        hash: &hash,
        session: &from.session,
    };
    let claimed = claim_key(&state, &key, by).await?;
    if !claimed {
        match wait_for_first(&state, &key, Some(by)).await? {
            // The first request died before writing its order: this one places it.
            NextAction::Start => {}
            NextAction::Replay(reply) => return Ok(json_response(reply)),
            NextAction::InProgress => return Err(still_in_progress()),
        }
    }
    // The shop-wide velocity guard, for a card order about to be placed (a
    // replay above needs no second proof). Its refusal is not the order's
    // answer: the key is released for the same request with a proof.
    if matches!(req.payment, PaymentRequest::Card { .. }) {
        let proof = headers
            .get("x-zerostep-proof")
            .and_then(|v| v.to_str().ok());
        if let Err(err) = proof_of_work::admit(&state, proof).await {
            release_key(&state, &key).await;
            return Err(err);
        }
    }

    let who = Requester {
        ip: from.ip.to_string(),
        ip_bucket: from.ip_bucket,
        session: from.session,
        user_agent: header_str("user-agent"),
        host: header_str("host"),
    };
    // The placement runs in its own task: if this request is cut short (client
    // gone, request timeout), the gateway call and its record still complete,
    // and a retry with the same key replays them.
    let task_state = state.clone();
    let task_key = key.clone();
    let task = tokio::spawn(async move {
        let state = task_state;
        let placed = place(&state, &req, &who, &task_key).await;
        // Counted once, here: a retry answered from the key is not an order.
        if let Ok(Answered { reply, .. }) = &placed {
            crate::telemetry::order_answered(reply.status, &reply.body);
        }
        let reply = match placed {
            Ok(Answered {
                reply,
                stored: true,
            }) => return Ok(reply),
            Ok(Answered { reply, .. }) => reply,
            Err(err) => {
                // `place` fails only before the order row exists (it logs later
                // database errors instead), so nothing reached the gateway: release the key.
                release_key(&state, &task_key).await;
                return Err(err);
            }
        };
        // The gateway has answered and the order records it: a failure to
        // store the answer must not turn it into an error. A retry with the
        // key is answered from the order instead (see `wait_for_first`).
        if let Err(err) = store_reply(&state, task_key.clone(), reply.clone()).await {
            tracing::error!(?err, "an order's answer could not be stored under its key");
            // A refusal before any order row.
            release_key(&state, &task_key).await;
        }
        Ok(reply)
    });
    let reply = task.await.map_err(ApiError::internal)??;
    Ok(json_response(reply))
}
