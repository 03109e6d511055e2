//! Orders whose A08 outcome was unknown (a lost answer, a crash between A08
//! and its record): the reconciler asks the gateway with E04 and settles them.

use crate::checkout::send_mails;
use zerostep_domain::order::OrderStatus;

use crate::checkout::{resolve_unknown, Resolved};
use crate::error::ApiError;
use crate::services::Services;
use crate::store::order_path::claim_for_reconciliation;

/// One pass of the reconciler: every order pending review, or stuck in
/// `authorizing` for over `reconcile_stale_secs`, is brought to the gateway's
/// truth, and complete orders left without their mails get them.
/// "Not found" is final only for orders older than the grace period (an A08
/// still in flight at the gateway must not be declared failed). Returns how
/// many were resolved.
pub async fn reconcile_once(state: &Services) -> Result<usize, ApiError> {
    let stale = crate::store::seconds_ago(state.config.reconcile_stale_secs);
    let settled_before = crate::store::seconds_ago(state.config.reconcile_grace_secs);
    let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT id, receipt_no, CASE WHEN created_at < $1 THEN 1 ELSE 0 END, updated_at FROM orders
         WHERE status = $3 OR (status = $4 AND updated_at < $2) ORDER BY id LIMIT 100",
    )
    .bind(&settled_before)
    .bind(&stale)
    .bind(OrderStatus::PendingReview.as_str())
    .bind(OrderStatus::Authorizing.as_str())
    .fetch_all(&state.pool)
    .await?;
    let mut resolved = 0;
    for (id, receipt_no, old_enough, updated_at) in rows {
        // Another instance's reconciler may have picked it in the same pass.
        if !claim_for_reconciliation(&state.pool, id, &updated_at).await? {
            continue;
        }
        let outcome = resolve_unknown(state, id, &receipt_no, old_enough != 0).await;
        if outcome == Resolved::Authorized {
            send_mails(state, id).await;
        }
        if outcome != Resolved::Unknown {
            resolved += 1;
        }
    }
    // Complete orders whose mails were never queued: the process stopped
    // between recording the order and queueing them, or the queueing failed.
    let unmailed: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE status IN ($2, $3) AND mails_queued = 0 AND updated_at < $1 ORDER BY id LIMIT 100",
    )
    .bind(&stale)
    .bind(OrderStatus::Authorized.as_str())
    .bind(OrderStatus::Accepted.as_str())
    .fetch_all(&state.pool)
    .await?;
    for id in unmailed {
        send_mails(state, id).await;
    }
    Ok(resolved)
}
