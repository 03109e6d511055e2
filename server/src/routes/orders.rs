//! `POST /api/orders` with an `Idempotency-Key`: the same key and body replay
//! the first answer, the same key with another body is refused (422), and
//! concurrent requests with one key make exactly one authorization.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use zerostep_domain::order::OrderRequest;

use crate::db::Writer;
use crate::orders::{
    answer, error_body, place, Answered, Reply, Requester, CLAIM_KEY, STORE_REPLY,
};
use crate::{ApiError, AppState};

/// How long a second request with the same key waits for the first (below the 30 s request timeout).
const WAIT_FOR_FIRST: Duration = Duration::from_secs(25);

fn json_response(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The answer while the request that claimed a key is still at work.
fn still_in_progress() -> Response {
    json_response(409, error_body("request_in_progress", "同じご注文を処理中です。しばらくしてから再度お試しください。/ The same order is still being processed; please retry shortly.".to_owned()))
}

/// Releases `key` while it has neither an answer nor an order (its request
/// was refused before the gateway), so that a retry places the order again
/// and `abandon` can withdraw it.
async fn release_key(state: &AppState, key: &str) {
    let _ = sqlx::query(
        "DELETE FROM idempotency_keys WHERE key = $1 AND response_code IS NULL AND order_id IS NULL",
    )
    .bind(key)
    .execute(&state.pool)
    .await;
}

/// The request's `Idempotency-Key`: 1-100 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::BadRequest {
            code: "invalid_idempotency_key",
            message: "Idempotency-Key ヘッダー（1〜100文字の英数記号）が必要です。/ An Idempotency-Key header of 1-100 visible ASCII characters is required.".to_owned(),
        });
    }
    Ok(key.to_owned())
}

/// The `request_hash` of a key withdrawn by [`abandon`] (a SHA-256 in hex never is).
const WITHDRAWN: &str = "withdrawn";

/// The answer a withdrawn key gives, for ever.
fn withdrawn_body() -> String {
    error_body(
        "order_withdrawn",
        "このご注文の送信は取り消されました。ご注文は承っておらず、カードへの請求もありません。/ This order attempt was withdrawn: no order was placed and the card was not charged.".to_owned(),
    )
}

/// `POST /api/orders/abandon` with the `Idempotency-Key` of an order whose
/// answer the shopper never got (a lost connection, a reload): what became
/// of it, and never anything later. The answer it got (the order, 201/202,
/// or its refusal); if it never arrived, the key is withdrawn and answers
/// 409 `order_withdrawn` from now on, so the lost request cannot place the
/// order later and the shopper can start again without paying twice.
pub async fn abandon(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let key = idempotency_key(&headers)?;
    let withdrawn = withdrawn_body();
    if withdraw(&state, &key).await? {
        return Ok(json_response(409, withdrawn));
    }
    loop {
        return match wait_for_first(&state, &key, None).await? {
            // Its request died before writing an order: withdraw the key
            // instead, unless that request linked an order meanwhile (then
            // the order answers, on the next pass).
            Some(Replay {
                take_over: true, ..
            }) => {
                let taken = sqlx::query("UPDATE idempotency_keys SET request_hash = $1, response_code = 409, response_body = $2 WHERE key = $3 AND response_code IS NULL AND order_id IS NULL")
                    .bind(WITHDRAWN)
                    .bind(&withdrawn)
                    .bind(&key)
                    .execute(&state.pool)
                    .await?
                    .rows_affected();
                if taken != 1 {
                    continue;
                }
                Ok(json_response(409, withdrawn))
            }
            Some(Replay { status, body, .. }) => Ok(json_response(status, body)),
            None => Ok(still_in_progress()),
        };
    }
}

/// Withdraws `key` if no request has claimed it; false if one has.
async fn withdraw(state: &AppState, key: &str) -> Result<bool, ApiError> {
    let inserted = sqlx::query(
        "INSERT INTO idempotency_keys (key, request_hash, created_at, response_code, response_body) VALUES ($1, $2, $3, 409, $4) ON CONFLICT DO NOTHING",
    )
    .bind(key)
    .bind(WITHDRAWN)
    .bind(crate::db::now_text())
    .bind(withdrawn_body())
    .execute(&state.pool)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Places an order.
pub async fn create(
    State(state): State<AppState>,
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
    if !header_str("content-type").starts_with("application/json") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = body?;
    // The error names the field (`recipient.phone`) and its rule.
    let invalid = |path: String, rule: &serde_json::Error| ApiError::BadRequest {
        code: "invalid_field",
        message: if path == "." {
            format!("ご注文内容が正しくありません（{rule}）。/ The order is invalid: {rule}")
        } else {
            format!("ご注文内容の {path} が正しくありません（{rule}）。/ The order's {path} is invalid: {rule}")
        },
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
    let claimed = claim_key(&state, &key, &hash).await?;
    if !claimed {
        match wait_for_first(&state, &key, Some(&hash)).await? {
            // The first request died before writing its order: this one places it.
            Some(Replay {
                take_over: true, ..
            }) => {}
            Some(Replay { status, body, .. }) => return Ok(json_response(status, body)),
            None => return Ok(still_in_progress()),
        }
    }

    let forwarded = header_str("x-forwarded-for");
    let ip = match forwarded.split(',').next().map(str::trim) {
        Some(first) if state.settings.trust_forwarded_for && !first.is_empty() => first.to_owned(),
        _ => peer.ip().to_string(),
    };
    let who = Requester {
        ip,
        session: header_str("x-zerostep-session"),
        user_agent: header_str("user-agent"),
    };
    // The placement runs in its own task: if this request is cut short (client
    // gone, request timeout), the gateway call and its record still complete,
    // and a retry with the same key replays them.
    let task_state = state.clone();
    let task_key = key.clone();
    let task = tokio::spawn(async move {
        let state = task_state;
        let (status, body) = match place(&state, &req, &who, &task_key).await {
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
        if let Err(err) = store_reply(&state, task_key.clone(), (status, body.clone())).await {
            tracing::error!(?err, "an order's answer could not be stored under its key");
            // A refusal before any order row.
            release_key(&state, &task_key).await;
        }
        Ok((status, body))
    });
    let (status, body) = task.await.map_err(ApiError::internal)??;
    Ok(json_response(status, body))
}

/// Claims `key` through the writer; false when another request has it.
async fn claim_key(state: &AppState, key: &str, hash: &str) -> Result<bool, ApiError> {
    let now = crate::db::now_text();
    Ok(match &state.writer {
        Writer::Sqlite(writer) => {
            let (key, hash, run) = (key.to_owned(), hash.to_owned(), state.run_id.to_string());
            writer
                .run(move |conn| crate::sqlite_writes::claim_key(conn, &key, &hash, &now, &run))
                .await??
        }
        Writer::Pool(pool) => {
            sqlx::query(CLAIM_KEY)
                .bind(key)
                .bind(hash)
                .bind(&now)
                .bind(&*state.run_id)
                .execute(pool)
                .await?
                .rows_affected()
                == 1
        }
    })
}

/// Stores the answer given under `key` through the writer.
async fn store_reply(state: &AppState, key: String, reply: Reply) -> Result<(), ApiError> {
    match &state.writer {
        Writer::Sqlite(writer) => {
            writer
                .run(move |conn| {
                    crate::sqlite_writes::store_reply(conn, &key, i64::from(reply.0), &reply.1)
                })
                .await??
        }
        Writer::Pool(pool) => {
            sqlx::query(STORE_REPLY)
                .bind(i64::from(reply.0))
                .bind(&reply.1)
                .bind(&key)
                .execute(pool)
                .await?;
        }
    }
    Ok(())
}

/// What a request with a key already claimed gets.
struct Replay {
    status: u16,
    body: String,
    /// The first request died before writing its order: this one places it.
    take_over: bool,
}

/// A key's row: request hash, stored status and body, order, claiming run.
type KeyRow = (
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
);

/// Waits for the request that claimed `key` to answer. One claimed by a
/// server run that stopped beating (killed, on this host or another) never will:
/// the order it left behind answers for it (as the reconciler settles it), and
/// a key it left with no order is taken over. `None`: still in progress at the deadline.
async fn wait_for_first(
    state: &AppState,
    key: &str,
    hash: Option<&str>,
) -> Result<Option<Replay>, ApiError> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
    loop {
        let row: Option<KeyRow> = sqlx::query_as(
            "SELECT request_hash, response_code, response_body, order_id, claimed_by FROM idempotency_keys WHERE key = $1",
        )
        .bind(key)
        .fetch_optional(&state.pool)
        .await?;
        // The first request released the key (it was refused before the
        // gateway): this one claims it afresh, and is answered as it was.
        let Some((stored_hash, code, stored, order_id, claimed_by)) = row else {
            match hash {
                Some(hash) if claim_key(state, key, hash).await? => {
                    return Ok(Some(Replay {
                        status: 0,
                        body: String::new(),
                        take_over: true,
                    }));
                }
                None if withdraw(state, key).await? => {
                    return Ok(Some(Replay {
                        status: 409,
                        body: withdrawn_body(),
                        take_over: false,
                    }));
                }
                _ => {
                    if tokio::time::Instant::now() > deadline {
                        return Ok(None);
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            }
        };
        // A withdrawn key answers `order_withdrawn` below, whatever the body.
        if hash.is_some_and(|h| h != stored_hash) && stored_hash != WITHDRAWN {
            return Err(ApiError::Unprocessable {
                code: "idempotency_key_reused",
                message: "この Idempotency-Key は別の注文内容で使用済みです。/ This Idempotency-Key was used with a different order.".to_owned(),
            });
        }
        if let (Some(code), Some(body)) = (code, stored) {
            let status = u16::try_from(code).unwrap_or(500);
            return Ok(Some(Replay {
                status,
                body,
                take_over: false,
            }));
        }
        // Claimed by another run (an earlier start of this server, or another
        // instance): it died if it stopped beating.
        let first_died = match claimed_by.as_deref() {
            Some(run) if run == &*state.run_id => false,
            Some(run) => !crate::db::run_alive(&state.pool, run).await?,
            None => true,
        };
        match order_id {
            // The first request is alive but its order is past `authorizing`
            // (settled, or 確認中 after its answer): that answer may have
            // failed to be stored, so the order answers for it.
            Some(id) if !first_died => {
                let status: String = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
                    .bind(id)
                    .fetch_one(&state.pool)
                    .await?;
                if status != "authorizing" {
                    let (status, body) = answer(&crate::orders::answer_for(state, id).await?);
                    return Ok(Some(Replay {
                        status,
                        body,
                        take_over: false,
                    }));
                }
            }
            Some(id) => {
                let (status, body) = answer(&crate::orders::answer_for(state, id).await?);
                if status != 202 {
                    sqlx::query("UPDATE idempotency_keys SET response_code = $1, response_body = $2 WHERE key = $3 AND response_code IS NULL")
                        .bind(i64::from(status))
                        .bind(&body)
                        .bind(key)
                        .execute(&state.pool)
                        .await?;
                }
                return Ok(Some(Replay {
                    status,
                    body,
                    take_over: false,
                }));
            }
            None if first_died => {
                let taken = sqlx::query("UPDATE idempotency_keys SET claimed_by = $1 WHERE key = $2 AND claimed_by IS NOT DISTINCT FROM $3 AND order_id IS NULL AND response_code IS NULL")
                    .bind(&*state.run_id)
                    .bind(key)
                    .bind(&claimed_by)
                    .execute(&state.pool)
                    .await?
                    .rows_affected();
                if taken == 1 {
                    return Ok(Some(Replay {
                        status: 0,
                        body: String::new(),
                        take_over: true,
                    }));
                }
            }
            _ => {}
        }
        if tokio::time::Instant::now() > deadline {
            return Ok(None);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
