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
    let key = header_str("idempotency-key");
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::BadRequest {
            code: "invalid_idempotency_key",
            message: "Idempotency-Key ヘッダー（1〜100文字の英数記号）が必要です。/ An Idempotency-Key header of 1-100 visible ASCII characters is required.".to_owned(),
        });
    }
    if !header_str("content-type").starts_with("application/json") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = body?;
    let req: OrderRequest = serde_json::from_slice(&body).map_err(|e| ApiError::BadRequest {
        code: "invalid_field",
        message: format!("ご注文内容が正しくありません。/ The order is invalid: {e}"),
    })?;
    let hash: String = Sha256::digest(&body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    // Claim the key: the insert is atomic, so exactly one request wins.
    let claimed = claim_key(&state, &key, &hash).await?;
    if !claimed {
        match wait_for_first(&state, &key, &hash).await? {
            // The first request died before writing its order: this one places it.
            Some(Replay {
                take_over: true, ..
            }) => {}
            Some(Replay { status, body, .. }) => return Ok(json_response(status, body)),
            None => {
                return Ok(json_response(409, error_body("request_in_progress", "同じご注文を処理中です。しばらくしてから再度お試しください。/ The same order is still being processed; please retry shortly.".to_owned())))
            }
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
                let _ = sqlx::query(
                    "DELETE FROM idempotency_keys WHERE key = $1 AND response_code IS NULL",
                )
                .bind(&task_key)
                .execute(&state.pool)
                .await;
                return Err(err);
            }
        };
        store_reply(&state, task_key, (status, body.clone())).await?;
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

/// Waits for the request that claimed `key` to answer. One claimed by a
/// server run that stopped beating (killed, on this host or another) never will:
/// the order it left behind answers for it (as the reconciler settles it), and
/// a key it left with no order is taken over. `None`: still in progress at the deadline.
async fn wait_for_first(
    state: &AppState,
    key: &str,
    hash: &str,
) -> Result<Option<Replay>, ApiError> {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
    loop {
        let (stored_hash, code, stored, order_id, claimed_by): (
            String,
            Option<i64>,
            Option<String>,
            Option<i64>,
            Option<String>,
        ) = sqlx::query_as(
            "SELECT request_hash, response_code, response_body, order_id, claimed_by FROM idempotency_keys WHERE key = $1",
        )
        .bind(key)
        .fetch_one(&state.pool)
        .await?;
        if stored_hash != hash {
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
            Some(id) if first_died => {
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
