//! EMV 3-D Secure, the return leg (reference/webcollect-3ds.md §5–§9): the
//! issuer's page posts the result to `/api/3ds/return/<id>`, cross-site and
//! without cookies; the session found by that id is claimed once (a reload or
//! a second tab never sends a second A09 that could fail a paid order), its
//! fields go to A09 unchanged, and the answer completes or ends the order
//! through the same records as A08's. A lost A09 answer is settled with E04;
//! an authentication the shopper never finished is closed by the reconciler.

use zerostep_domain::api::three_d::AuthenticationState as Stage;
use zerostep_domain::order::OrderStatus;
use zerostep_webcollect::three_d::ThreeDReturn;
use zerostep_webcollect::{CreditToken3D, Error as GatewayCallError, ErrorKind};

use super::answer::{answer, declined, PlaceOrderError, Placement};
use super::mails::send_mails;
use super::outcome::{answer_for, record, resolve_unknown, Resolved};
use crate::error::ApiError;
use crate::services::Services;
use crate::store::idempotency_keys::replace_reply;
use crate::store::order_path::{self, log_operation, transition};
use crate::store::three_d_sessions::{self, SessionRow};

/// What became of a return POST.
#[derive(Debug, PartialEq, Eq)]
pub enum ReturnOutcome {
    /// The authentication has ended (now, or before: a reload): its answer
    /// is the order's, stored under the order's idempotency key.
    Settled,
    /// No such session.
    NotFound,
    /// The POST cannot be forwarded unchanged; the session still waits for
    /// the issuer's own.
    Unreadable(String),
}

/// The states an order awaiting its authentication's result can be in.
const OPEN: [OrderStatus; 2] = [OrderStatus::Authorizing, OrderStatus::PendingReview];

/// Handles the issuer's return POST for session `id`.
pub async fn finish_authentication(
    state: &Services,
    id: &str,
    body: &[u8],
) -> Result<ReturnOutcome, ApiError> {
    let pool = &state.pool;
    let Some(session) = three_d_sessions::find(pool, id).await? else {
        return Ok(ReturnOutcome::NotFound);
    };
    if session.stage() != Some(Stage::Pending) {
        return settled_after_a09(state, id).await;
    }
    let result = match ThreeDReturn::parse(body) {
        Ok(result) => result,
        Err(err) => return Ok(ReturnOutcome::Unreadable(err.to_string())),
    };
    // One A09 per session: whoever moves it out of `pending` sends it.
    let code = Some(result.result_code());
    if !three_d_sessions::advance(pool, id, Stage::Pending, Stage::Sent, code).await? {
        return settled_after_a09(state, id).await;
    }
    crate::failpoint::hit_after("a09_sent", std::time::Duration::from_millis(100));
    let a09 = CreditToken3D {
        order_no: session.receipt_no.clone(),
        three_d_token: session.three_d_token.clone(),
        result,
        reserve_1: None,
    };
    let outcome = state.gateway_client().await.credit_token_3d(&a09).await;
    crate::failpoint::hit("a09_answered");
    let order_id = session.order_id;
    let placement = match outcome {
        Ok(auth) => {
            log_operation(pool, order_id, "A09", "ok", None, None, None).await;
            record(
                transition(
                    pool,
                    order_id,
                    &OPEN,
                    OrderStatus::Authorized,
                    Some(&auth.crd_c_res_cd),
                    None,
                    None,
                )
                .await,
            );
            completed(state, &session).await
        }
        // The gateway failed in a way that does not say whether it acted, or
        // already holds this order (a replay): E04 tells.
        Err(GatewayCallError::Gateway(g))
            if g.kind == ErrorKind::OutcomeUnknown || g.code == "A092000001" =>
        {
            let detail = format!("gateway answered {}", g.code);
            unknown(state, &session, &detail).await
        }
        Err(GatewayCallError::Transport(t)) => unknown(state, &session, &t.detail).await,
        Err(GatewayCallError::Gateway(g)) => {
            let credit = g.credit_error_code.as_deref();
            log_operation(pool, order_id, "A09", "error", Some(&g.code), credit, None).await;
            let decline = g.kind == ErrorKind::Decline;
            let to = if decline {
                OrderStatus::Declined
            } else {
                OrderStatus::Failed
            };
            record(transition(pool, order_id, &OPEN, to, None, Some(&g.code), credit).await);
            record(three_d_sessions::advance(pool, id, Stage::Sent, Stage::Failed, None).await);
            match g.kind {
                ErrorKind::Decline => declined(&g.code, credit, Some(&g.ja)),
                ErrorKind::Authentication => {
                    PlaceOrderError::AuthenticationFailed { code: g.code }.into()
                }
                _ => PlaceOrderError::Gateway { code: g.code }.into(),
            }
        }
        // A field the gateway would refuse (the issuer's POST lacked one):
        // nothing was sent, and the real return may still come.
        Err(GatewayCallError::Invalid(f)) => {
            record(three_d_sessions::advance(pool, id, Stage::Sent, Stage::Pending, None).await);
            return Ok(ReturnOutcome::Unreadable(format!(
                "{}: {}",
                f.field, f.code
            )));
        }
    };
    store_answer(state, &session, &placement).await;
    Ok(ReturnOutcome::Settled)
}

/// Authorized: the card attempt no longer counts, the mails go, the session ends.
async fn completed(state: &Services, session: &SessionRow) -> Placement {
    let pool = &state.pool;
    if let Some(attempt) = session.attempt_id {
        if let Err(err) = order_path::forget_attempt(pool, attempt).await {
            tracing::error!(%err, "card attempt not cleared");
        }
    }
    send_mails(state, session.order_id).await;
    record(
        three_d_sessions::advance(pool, &session.id, Stage::Sent, Stage::Authorized, None).await,
    );
    stored_placement(state, session.order_id).await
}

/// A09's outcome is unknown: E04 settles it now if it can, else the order
/// waits 確認中 for the reconciler (the session stays `a09_sent`).
async fn unknown(state: &Services, session: &SessionRow, detail: &str) -> Placement {
    let order_id = session.order_id;
    let pool = &state.pool;
    log_operation(pool, order_id, "A09", "unknown", None, None, Some(detail)).await;
    match resolve_unknown(state, order_id, &session.receipt_no, false).await {
        Resolved::Authorized => completed(state, session).await,
        Resolved::NotFound | Resolved::Unknown => stored_placement(state, order_id).await,
    }
}

/// The order's answer as it stands in the database.
async fn stored_placement(state: &Services, order_id: i64) -> Placement {
    match answer_for(state, order_id).await {
        Ok(placement) => placement,
        Err(err) => {
            tracing::error!(?err, order_id, "answer of a 3-D Secure order not read");
            PlaceOrderError::NotCharged.into()
        }
    }
}

/// Stores the final answer under the order's idempotency key: a retry of the
/// order, `/api/orders/abandon` and `GET /api/3ds/<id>` all read it.
async fn store_answer(state: &Services, session: &SessionRow, placement: &Placement) {
    let reply = answer(placement);
    // The authenticated order's final answer (its `authenticate` was counted
    // when it was placed).
    crate::telemetry::order_answered(reply.status, &reply.body);
    if let Err(err) = replace_reply(&state.pool, &session.idempotency_key, &reply).await {
        tracing::error!(%err, order_id = session.order_id, "3-D Secure answer not stored");
    }
}

/// After the reconciler settled order `order_id` with E04: if its A09's
/// answer was lost (a timeout, a crash between the return and the record),
/// the session takes the order's outcome and the order's key its final
/// answer, so that the checkout and a retry read it.
pub async fn settle_three_d(state: &Services, order_id: i64) {
    let pool = &state.pool;
    let session = match three_d_sessions::find_by_order(pool, order_id).await {
        Ok(Some(session)) if session.stage() == Some(Stage::Sent) => session,
        Ok(_) => return,
        Err(err) => {
            tracing::error!(%err, order_id, "3-D Secure session not read");
            return;
        }
    };
    let status = match crate::store::orders::status(pool, order_id).await {
        Ok(status) => status,
        Err(err) => {
            tracing::error!(%err, order_id, "order status not read");
            return;
        }
    };
    let to = match status.parse::<OrderStatus>() {
        Ok(OrderStatus::Authorized | OrderStatus::Accepted) => Stage::Authorized,
        Ok(OrderStatus::Failed | OrderStatus::Declined) => Stage::Failed,
        _ => return,
    };
    record(three_d_sessions::advance(pool, &session.id, Stage::Sent, to, None).await);
    let placement = stored_placement(state, order_id).await;
    store_answer(state, &session, &placement).await;
}

/// A return that finds A09 on its way (a second POST of the same session, a
/// reload) waits for its answer, so that the checkout it tells finds the
/// order's answer final (the gateway's timeout bounds the wait).
async fn settled_after_a09(state: &Services, id: &str) -> Result<ReturnOutcome, ApiError> {
    let deadline = std::time::Instant::now()
        + std::time::Duration::from_secs(state.config.gateway.timeout_secs + 2);
    while std::time::Instant::now() < deadline {
        match three_d_sessions::find(&state.pool, id).await? {
            Some(session) if session.stage() == Some(Stage::Sent) => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            _ => break,
        }
    }
    Ok(ReturnOutcome::Settled)
}

/// Closes the authentications the shopper left (pending past the gateway's
/// 30 minutes and the grace period): E04 says what the gateway holds (20
/// 決済中断: nothing was charged), and the order's answer says so. Returns
/// how many were closed.
pub async fn close_abandoned(state: &Services) -> Result<usize, ApiError> {
    let before = crate::store::seconds_ago(
        state.config.authentication_secs + state.config.reconcile_grace_secs,
    );
    let mut closed = 0;
    for session in three_d_sessions::pending_before(&state.pool, &before).await? {
        // Another instance, or the shopper's late return, may take it first.
        if !three_d_sessions::advance(
            &state.pool,
            &session.id,
            Stage::Pending,
            Stage::Abandoned,
            None,
        )
        .await?
        {
            continue;
        }
        let resolved = resolve_unknown(state, session.order_id, &session.receipt_no, true).await;
        if resolved == Resolved::Authorized {
            send_mails(state, session.order_id).await;
        }
        let placement = stored_placement(state, session.order_id).await;
        store_answer(state, &session, &placement).await;
        closed += 1;
    }
    Ok(closed)
}
