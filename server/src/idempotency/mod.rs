//! Idempotency keys of `POST /api/orders`: claiming a key, storing the
//! answer given under it, waiting for the request that claimed it, and
//! withdrawing a key whose answer was lost.

use std::time::Duration;

mod legacy;

use zerostep_domain::order::OrderStatus;

use zerostep_domain::api::ErrorCode;

use crate::checkout::{answer, answer_for, error_reply, Reply};
use crate::error::ApiError;
use crate::guard::shopper_session::SHARED_BUCKET;
use crate::services::Services;
use crate::store::{idempotency_keys, orders};

/// How long a second request with the same key waits for the first (below the 30 s request timeout).
const WAIT_FOR_FIRST: Duration = Duration::from_secs(25);

/// Releases `key` while it has neither an answer nor an order (its request
/// was refused before the gateway), so that a retry places the order again
/// and `abandon` can withdraw it.
pub async fn release_key(state: &Services, key: &str) {
    let _ = idempotency_keys::release(&state.pool, key).await;
}

/// The `request_hash` of a key withdrawn by [`abandon`] (a SHA-256 in hex never is).
pub const WITHDRAWN: &str = "withdrawn";

/// The answer a withdrawn key gives, for ever.
pub fn withdrawn() -> Reply {
    error_reply(
        ErrorCode::OrderWithdrawn,
        crate::messages::order_withdrawn(),
    )
}

/// Withdraws `key` if no request has claimed it; false if one has.
pub async fn withdraw(state: &Services, key: &str) -> Result<bool, ApiError> {
    Ok(idempotency_keys::insert_withdrawn(&state.pool, key, WITHDRAWN, &withdrawn()).await?)
}

/// A request that claims a key: the SHA-256 of its body, in hex, and the
/// bucket of its shopper session (see `guard::shopper_session`).
#[derive(Debug, Clone, Copy)]
pub struct Claimant<'a> {
    /// The body's hash.
    pub hash: &'a str,
    /// The session's bucket.
    pub session: &'a str,
}

/// Claims `key` through the writer for `by`; false when another request has it.
pub async fn claim_key(state: &Services, key: &str, by: Claimant<'_>) -> Result<bool, ApiError> {
    Ok(state
        .writer
        .claim_key(key, by.hash, &state.run_id, by.session)
        .await?)
}

/// The answer `abandon` gives the session `session` for `key`: all of it
/// to the session that claimed the key, and without the buyer's e-mail to
/// any other (security review L2), so a key read from a shared browser's
/// storage, or guessed, tells no one whose order it was.
pub async fn for_session(
    state: &Services,
    key: &str,
    session: &str,
    reply: Reply,
) -> Result<Reply, ApiError> {
    // An answer with no e-mail (a refusal, a withdrawn key) is anyone's:
    // whose key it is need not be read.
    let Some(stripped) = without_email(&reply) else {
        return Ok(reply);
    };
    let owner = idempotency_keys::claimed_session(&state.pool, key).await?;
    let own = owner.is_some_and(|owner| owner == session && owner != SHARED_BUCKET);
    Ok(if own { reply } else { stripped })
}

/// `reply` with no `email` in its body; `None` when it has none.
fn without_email(reply: &Reply) -> Option<Reply> {
    let Ok(serde_json::Value::Object(mut body)) = serde_json::from_str(&reply.body) else {
        return None;
    };
    body.remove("email")?;
    Some(Reply {
        status: reply.status,
        body: serde_json::Value::Object(body).to_string(),
    })
}

/// Stores the answer given under `key` through the writer.
pub async fn store_reply(state: &Services, key: String, reply: Reply) -> Result<(), ApiError> {
    Ok(state.writer.store_reply(key, reply).await?)
}

/// What a request with a key already claimed does next.
#[derive(Debug)]
pub enum NextAction {
    /// The first request died, or was refused, before writing its order:
    /// this one places it.
    Start,
    /// Answer as the first request was answered (or its order answers).
    Replay(Reply),
    /// The first request is still at work at the deadline.
    InProgress,
}

/// Waits for the request that claimed `key` to answer. One claimed by a
/// server run that stopped beating (killed, on this host or another) never will:
/// the order it left behind answers for it (as the reconciler settles it), and
/// a key it left with no order is taken over.
pub async fn wait_for_first(
    state: &Services,
    key: &str,
    claimant: Option<Claimant<'_>>,
) -> Result<NextAction, ApiError> {
    let hash = claimant.map(|c| c.hash);
    let deadline = tokio::time::Instant::now() + WAIT_FOR_FIRST;
    loop {
        let row = idempotency_keys::find(&state.pool, key).await?;
        // The first request released the key (it was refused before the
        // gateway): this one claims it afresh, and is answered as it was.
        let Some((stored_hash, code, stored, order_id, claimed_by)) = row else {
            match claimant {
                Some(by) if claim_key(state, key, by).await? => {
                    return Ok(NextAction::Start);
                }
                None if withdraw(state, key).await? => {
                    return Ok(NextAction::Replay(withdrawn()));
                }
                _ => {
                    if tokio::time::Instant::now() > deadline {
                        return Ok(NextAction::InProgress);
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            }
        };
        // A withdrawn key answers `order_withdrawn` below, whatever the body.
        if hash.is_some_and(|h| h != stored_hash) && stored_hash != WITHDRAWN {
            return Err(ApiError::refused(
                ErrorCode::IdempotencyKeyReused,
                crate::messages::idempotency_key_reused(),
            ));
        }
        if let (Some(code), Some(body)) = (code, stored) {
            let status = u16::try_from(code).unwrap_or(500);
            let body = legacy::upgraded(body);
            return Ok(NextAction::Replay(Reply { status, body }));
        }
        // Claimed by another run (an earlier start of this server, or another
        // instance): it died if it stopped beating.
        let first_died = match claimed_by.as_deref() {
            Some(run) if run == &*state.run_id => false,
            Some(run) => !crate::store::run_alive(&state.pool, run).await?,
            None => true,
        };
        match order_id {
            // The first request is alive but its order is past `authorizing`
            // (settled, or 確認中 after its answer): that answer may have
            // failed to be stored, so the order answers for it.
            Some(id) if !first_died => {
                let status = orders::status(&state.pool, id).await?;
                if status != OrderStatus::Authorizing.as_str() {
                    return Ok(NextAction::Replay(answer(&answer_for(state, id).await?)));
                }
            }
            Some(id) => {
                let reply = answer(&answer_for(state, id).await?);
                if reply.status != 202 {
                    idempotency_keys::store_reply(&state.pool, key, &reply).await?;
                }
                return Ok(NextAction::Replay(reply));
            }
            None if first_died => {
                let taken = idempotency_keys::take_over(
                    &state.pool,
                    key,
                    &state.run_id,
                    claimed_by.as_deref(),
                )
                .await?;
                if taken {
                    return Ok(NextAction::Start);
                }
            }
            _ => {}
        }
        if tokio::time::Instant::now() > deadline {
            return Ok(NextAction::InProgress);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Withdraws `key`, whose request died before writing an order, unless that
/// request linked an order meanwhile; false then (the order answers).
pub async fn withdraw_abandoned(state: &Services, key: &str) -> Result<bool, ApiError> {
    Ok(idempotency_keys::withdraw_unlinked(&state.pool, key, WITHDRAWN, &withdrawn()).await?)
}
