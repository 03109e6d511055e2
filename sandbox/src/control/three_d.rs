//! The control API's 3-D Secure part: forced outcomes and the sessions.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::{bad, one};
use crate::cards::AcsOutcome;
use crate::Shared;

/// `POST /__sandbox/3ds` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRequest {
    outcome: AcsOutcome,
    #[serde(default = "one")]
    count: u32,
}

/// `POST /__sandbox/3ds`: the next `count` 3-D Secure sessions take
/// `outcome`, whatever their card.
pub async fn force_outcome(State(shared): State<Shared>, body: axum::body::Bytes) -> Response {
    let req: OutcomeRequest = match serde_json::from_slice(&body) {
        Ok(req) => req,
        Err(e) => {
            return bad(
                "invalid_outcome",
                format!(
                    "expected {{outcome: frictionless|challenge|attempt|not_enrolled|out_of_scope|rejected|acs_error, count?}}: {e}"
                ),
            )
        }
    };
    if !(1..=1000).contains(&req.count) {
        return bad("invalid_outcome", "count must be 1 to 1000");
    }
    let mut memory = shared.lock();
    for _ in 0..req.count {
        memory.forced_outcomes.push_back(req.outcome);
    }
    StatusCode::NO_CONTENT.into_response()
}

/// `DELETE /__sandbox/3ds`: forget forced outcomes.
pub async fn clear_outcomes(State(shared): State<Shared>) -> StatusCode {
    shared.lock().forced_outcomes.clear();
    StatusCode::NO_CONTENT
}

/// `GET /__sandbox/3ds`: every 3-D Secure session (oldest first) and the
/// outcomes still forced.
pub async fn list_sessions(State(shared): State<Shared>) -> Json<serde_json::Value> {
    let mut memory = shared.lock();
    let now = memory.clock.now();
    memory.expire_sessions(now);
    let mut sessions: Vec<_> = memory.sessions.values().collect();
    sessions.sort_by_key(|s| s.created_at);
    let sessions: Vec<_> = sessions
        .into_iter()
        .map(|s| {
            json!({
                "order_no": s.order_no,
                "trader_code": s.trader,
                "outcome": s.outcome,
                "stage": s.stage.name(),
                "trader_ec_url": s.trader_ec_url,
                "amount": s.amount,
                "risk": s.risk.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<serde_json::Map<_, _>>(),
                "created_at": s.created_at.to_rfc3339(),
            })
        })
        .collect();
    Json(json!({"sessions": sessions, "forced_outcomes": memory.forced_outcomes}))
}
