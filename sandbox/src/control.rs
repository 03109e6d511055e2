//! The control API under `/__sandbox/`: what tests need and Yamato's gateway
//! does not have. JSON in, JSON out; errors are `{code, message}`.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use rand::distr::{Alphanumeric, SampleString};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::state::{Call, Chaos, Fault, FaultMode, State as Memory, TokenRecord, Txn};
use crate::Shared;

mod three_d;
pub use three_d::{clear_outcomes, force_outcome, list_sessions};

fn bad(code: &str, message: impl Into<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"code": code, "message": message.into()})),
    )
        .into_response()
}

fn not_found(message: impl Into<String>) -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"code": "not_found", "message": message.into()})),
    )
        .into_response()
}

/// `POST /__sandbox/clock` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockRequest {
    now: Option<DateTime<Utc>>,
    offset_seconds: Option<i64>,
}

fn clock_json(memory: &Memory) -> Json<serde_json::Value> {
    Json(json!({
        "now": memory.clock.now().to_rfc3339(),
        "fixed": memory.clock.fixed.map(|t| t.to_rfc3339()),
        "offset_seconds": memory.clock.offset.num_seconds(),
    }))
}

/// `GET /__sandbox/clock`.
pub async fn get_clock(State(shared): State<Shared>) -> Json<serde_json::Value> {
    clock_json(&shared.lock())
}

/// `POST /__sandbox/clock`: `{"now": RFC 3339}` fixes the time (offset reset);
/// `{"offset_seconds": n}` shifts it by n seconds from the real or fixed
/// time; `{}` returns to real time.
pub async fn set_clock(State(shared): State<Shared>, body: axum::body::Bytes) -> Response {
    let req: ClockRequest = match serde_json::from_slice(&body) {
        Ok(req) => req,
        Err(e) => {
            return bad(
                "invalid_clock",
                format!("expected {{\"now\": RFC 3339}} or {{\"offset_seconds\": n}}: {e}"),
            )
        }
    };
    let offset = match req.offset_seconds.map(chrono::Duration::try_seconds) {
        Some(None) => return bad("invalid_clock", "offset_seconds is out of range"),
        Some(Some(d)) => Some(d),
        None => None,
    };
    let mut memory = shared.lock();
    match (req.now, offset) {
        (Some(now), offset) => {
            memory.clock.fixed = Some(now);
            memory.clock.offset = offset.unwrap_or_default();
        }
        (None, Some(offset)) => memory.clock.offset = offset,
        (None, None) => memory.clock = Default::default(),
    }
    clock_json(&memory).into_response()
}

/// `POST /__sandbox/faults` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRequest {
    action: String,
    mode: FaultMode,
    #[serde(default)]
    delay_ms: u64,
    #[serde(default = "one")]
    count: u32,
    apply: Option<bool>,
}

fn one() -> u32 {
    1
}

/// `POST /__sandbox/faults`: queue a fault for the next `count` calls of an action.
pub async fn add_fault(State(shared): State<Shared>, body: axum::body::Bytes) -> Response {
    let req: FaultRequest = match serde_json::from_slice(&body) {
        Ok(req) => req,
        Err(e) => {
            return bad(
                "invalid_fault",
                format!("expected {{action, mode, delay_ms?, count?, apply?}}: {e}"),
            )
        }
    };
    if zerostep_webcollect::Action::from_path(&req.action).is_none() {
        return bad(
            "invalid_fault",
            format!(
                "unknown action {:?} (use the path name, e.g. creditToken)",
                req.action
            ),
        );
    }
    if req.count == 0 {
        return bad("invalid_fault", "count must be at least 1");
    }
    let fault = Fault {
        mode: req.mode,
        delay_ms: req.delay_ms,
        remaining: req.count,
        apply: req.apply.unwrap_or(false),
    };
    shared
        .lock()
        .faults
        .entry(req.action)
        .or_default()
        .push_back(fault);
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /__sandbox/faults`: pending faults.
pub async fn list_faults(State(shared): State<Shared>) -> Json<serde_json::Value> {
    Json(json!(shared.lock().faults))
}

/// `DELETE /__sandbox/faults`.
pub async fn clear_faults(State(shared): State<Shared>) -> StatusCode {
    shared.lock().faults.clear();
    StatusCode::NO_CONTENT
}

/// `POST /__sandbox/chaos` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChaosRequest {
    rate: f64,
    duration_ms: u64,
    #[serde(default)]
    delay_ms: u64,
    modes: Option<Vec<FaultMode>>,
}

/// `POST /__sandbox/chaos`: for `duration_ms`, each call of any action gets a
/// random fault with probability `rate` (modes drawn evenly from `modes`,
/// all seven by default; `apply` drawn at random).
pub async fn start_chaos(State(shared): State<Shared>, body: axum::body::Bytes) -> Response {
    let req: ChaosRequest = match serde_json::from_slice(&body) {
        Ok(req) => req,
        Err(e) => {
            return bad(
                "invalid_chaos",
                format!("expected {{rate, duration_ms, delay_ms?, modes?}}: {e}"),
            )
        }
    };
    if !(0.0..=1.0).contains(&req.rate) {
        return bad("invalid_chaos", "rate must be between 0 and 1");
    }
    if req.duration_ms > 3_600_000 {
        return bad("invalid_chaos", "duration_ms must be at most one hour");
    }
    let modes = req.modes.unwrap_or_else(|| {
        vec![
            FaultMode::Delay,
            FaultMode::Timeout,
            FaultMode::Http500,
            FaultMode::Malformed,
            FaultMode::Reset,
            FaultMode::Maintenance,
            FaultMode::InFlight,
        ]
    });
    shared.lock().chaos = Some(Chaos {
        rate: req.rate,
        modes,
        delay_ms: req.delay_ms,
        until: std::time::Instant::now() + std::time::Duration::from_millis(req.duration_ms),
    });
    StatusCode::NO_CONTENT.into_response()
}

/// `DELETE /__sandbox/chaos`.
pub async fn stop_chaos(State(shared): State<Shared>) -> StatusCode {
    shared.lock().chaos = None;
    StatusCode::NO_CONTENT
}

/// `GET /__sandbox/stats`: what the gateway did, for tests that compare it
/// with the shop's books: calls by function and result (`ok`, `3ds` for an
/// A08 that started 3-D Secure, `error`), authorizations (A08s and A09s
/// answered `ok`), transactions by status, faults injected by mode, and
/// the tokens it still keeps.
pub async fn stats(State(shared): State<Shared>) -> Json<serde_json::Value> {
    let memory = shared.lock();
    let mut calls: std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>> =
        Default::default();
    for call in memory.history.values().flatten() {
        let result = match call.result.as_str() {
            "ok" => "ok",
            "3ds" => "3ds",
            _ => "error",
        };
        *calls
            .entry(call.function_div.clone())
            .or_default()
            .entry(result.to_owned())
            .or_default() += 1;
    }
    let mut by_status: std::collections::BTreeMap<String, u64> = Default::default();
    for txn in memory.txns.values() {
        *by_status.entry(txn.status.to_string()).or_default() += 1;
    }
    // A08 answered ok without 3-D Secure, or A09 answered ok after it.
    let authorizations: u64 = ["A08", "A09"]
        .iter()
        .filter_map(|fd| calls.get(*fd).and_then(|r| r.get("ok")))
        .sum();
    Json(json!({
        "authorizations": authorizations,
        "calls": calls,
        "transactions_by_status": by_status,
        "faults_injected": memory.injected,
        "tokens_kept": memory.tokens.len(),
    }))
}

/// Query of the transaction inspector.
#[derive(Debug, Deserialize)]
pub struct TraderQuery {
    trader_code: Option<String>,
}

#[derive(Serialize)]
struct TxnView<'a> {
    #[serde(flatten)]
    txn: Option<&'a Txn>,
    order_no: &'a str,
    status: Option<u8>,
    history: &'a [Call],
}

/// `GET /__sandbox/transactions/{order_no}[?trader_code=…]`.
pub async fn transaction(
    State(shared): State<Shared>,
    Path(order_no): Path<String>,
    Query(q): Query<TraderQuery>,
) -> Response {
    let trader = q
        .trader_code
        .unwrap_or_else(|| shared.config.default_trader().to_owned());
    let mut memory = shared.lock();
    let now = memory.clock.now();
    memory.expire_sessions(now);
    let key = (trader, order_no.clone());
    let txn = memory.txns.get(&key);
    let history = memory.history.get(&key).map_or(&[][..], Vec::as_slice);
    if txn.is_none() && history.is_empty() {
        return not_found(format!("no calls for order {order_no}"));
    }
    Json(TxnView {
        txn,
        order_no: &order_no,
        status: txn.map(|t| t.status),
        history,
    })
    .into_response()
}

/// `POST /__sandbox/scan/{slip_no}`: the pickup driver scans a Yamato slip;
/// its order's sale is confirmed (30 → 31).
pub async fn scan(State(shared): State<Shared>, Path(slip_no): Path<String>) -> Response {
    let mut memory = shared.lock();
    let found = memory
        .txns
        .values_mut()
        .find(|t| t.slips.iter().any(|s| s.slip_no == slip_no));
    match found {
        Some(txn) if txn.status == 30 => {
            txn.status = 31;
            Json(json!({"order_no": txn.order_no, "status": 31})).into_response()
        }
        Some(txn) => bad(
            "not_awaiting_scan",
            format!("order {} is in status {}, not 30", txn.order_no, txn.status),
        ),
        None => not_found(format!("slip {slip_no} is not registered")),
    }
}

/// `POST /__sandbox/reset`: forget everything (tokens, transactions, faults, clock).
pub async fn reset(State(shared): State<Shared>) -> StatusCode {
    *shared.lock() = Memory::default();
    StatusCode::NO_CONTENT
}

/// `POST /__sandbox/tokens` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MintRequest {
    card_no: String,
    #[serde(default = "one")]
    count: u32,
    trader_code: Option<String>,
    /// 認証区分, `2` by default; `1` or `3` mint 3-D Secure tokens.
    auth_div: Option<String>,
}

/// `POST /__sandbox/tokens`: mint tokens without the browser (load tests);
/// the card number must be a valid or dummy test card.
pub async fn mint_tokens(State(shared): State<Shared>, body: axum::body::Bytes) -> Response {
    let req: MintRequest = match serde_json::from_slice(&body) {
        Ok(req) => req,
        Err(e) => {
            return bad(
                "invalid_mint",
                format!("expected {{card_no, count?, trader_code?, auth_div?}}: {e}"),
            )
        }
    };
    if !(crate::cards::luhn_ok(&req.card_no) || crate::cards::is_dummy(&req.card_no)) {
        return bad("invalid_card", "card_no fails the Luhn check");
    }
    if !(1..=10_000).contains(&req.count) {
        return bad("invalid_mint", "count must be 1 to 10000");
    }
    let auth_div = req.auth_div.unwrap_or_else(|| "2".to_owned());
    if !matches!(auth_div.as_str(), "0" | "1" | "2" | "3") {
        return bad("invalid_mint", "auth_div must be 0, 1, 2 or 3");
    }
    let trader = req
        .trader_code
        .unwrap_or_else(|| shared.config.default_trader().to_owned());
    if shared.config.trader(&trader).is_none() {
        return bad("unknown_trader", format!("no trader {trader}"));
    }
    let mut memory = shared.lock();
    let now = memory.clock.now();
    let mut rng = rand::rng();
    let tokens: Vec<String> = (0..req.count)
        .map(|_| {
            let token = Alphanumeric.sample_string(&mut rng, 16);
            memory.tokens.insert(
                token.clone(),
                TokenRecord {
                    trader: trader.clone(),
                    card_no: req.card_no.clone(),
                    card_exp: "1240".to_owned(),
                    auth_div: auth_div.clone(),
                    issued_at: now,
                    used: false,
                },
            );
            token
        })
        .collect();
    Json(json!({"tokens": tokens})).into_response()
}
