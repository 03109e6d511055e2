//! The API operation history of the merchant's operations: each call is
//! recorded before it is sent (`in_flight`), then with its outcome; a refusal
//! becomes an API error that shows Yamato's code and text.

use zerostep_domain::api::Text;
use zerostep_webcollect::Error as GatewayCallError;

use super::error::OperationError;
use super::order_ref::OrderRef;
use crate::services::Services;
use crate::store::gateway_operations;

/// Writes the operation to the history before it is sent: a change (E01,
/// A11, A06, A07) as `unknown` and unsettled, synced to disk, so that an
/// answer lost to a timeout or a crash is found by the reconciler. Returns its row.
pub(super) async fn begin(
    state: &Services,
    order: &OrderRef,
    fd: &str,
    actor: &str,
) -> Result<i64, OperationError> {
    Ok(gateway_operations::begin(&state.pool, order.id, fd, actor).await?)
}

/// Records an answer on the operation's row. A change whose answer was lost
/// (`unknown`) is unsettled, even if an E04 made meanwhile had settled it.
pub(super) async fn finish(
    pool: &crate::store::Pool,
    op_id: i64,
    outcome: &str,
    code: Option<&str>,
    credit: Option<&str>,
    detail: Option<&str>,
) {
    let result = gateway_operations::finish(pool, op_id, outcome, code, credit, detail).await;
    if let Err(err) = result {
        tracing::error!(%err, op_id, "could not record a gateway answer");
    }
}

/// Marks an operation done once the order shows its effect: a crash between
/// the two leaves it unsettled, for the reconciler.
pub(super) async fn succeeded(state: &Services, op_id: i64) {
    finish(&state.pool, op_id, "ok", None, None, None).await;
}

/// Records a refused or unanswered call on its row (from [`begin`]) and turns
/// a gateway refusal into an API error that shows Yamato's code and text as
/// received. A success is recorded by [`succeeded`], after the order's update.
pub(super) async fn settle<T>(
    state: &Services,
    op_id: i64,
    result: Result<T, GatewayCallError>,
) -> Result<T, OperationError> {
    let pool = &state.pool;
    match result {
        Ok(value) => Ok(value),
        Err(GatewayCallError::Gateway(g)) => {
            let credit = g.credit_error_code.as_deref();
            finish(pool, op_id, "error", Some(&g.code), credit, None).await;
            Err(OperationError::GatewayRefused {
                code: g.code.clone(),
                text: Text::new(g.ja.clone(), g.en.clone()),
            })
        }
        Err(GatewayCallError::Invalid(f)) => {
            let message = zerostep_webcollect::codes::describe(&f.code);
            finish(pool, op_id, "error", Some(&f.code), None, Some(f.field)).await;
            Err(OperationError::InvalidField {
                code: f.code.clone(),
                text: Text::new(message.ja, message.en),
            })
        }
        Err(GatewayCallError::Transport(t)) => {
            finish(pool, op_id, "unknown", None, None, Some(&t.detail)).await;
            Err(OperationError::Unanswered)
        }
    }
}
