//! Orders whose A08 outcome was unknown (a lost answer, a crash between A08
//! and its record): the reconciler asks the gateway with E04 and settles them.

use crate::checkout::{close_abandoned, send_mails, send_not_completed_mails, settle_three_d};

use crate::checkout::{resolve_unknown, Resolved};
use crate::error::ApiError;
use crate::services::Services;
use crate::store::order_path::claim_for_reconciliation;
use crate::store::orders;

/// One pass of the reconciler: every order pending review, or stuck in
/// `authorizing` for over `reconcile_stale_secs`, is brought to the gateway's
/// truth, and complete orders left without their mails get them. A shopper
/// told 確認中 hears the outcome either way: the サンクスメール, or the word
/// that the order was not completed and nothing was charged (the shop too).
/// "Not found" is final only for orders older than the grace period (an A08
/// still in flight at the gateway must not be declared failed). Returns how
/// many were resolved.
pub async fn reconcile_once(state: &Services) -> Result<usize, ApiError> {
    let stale = crate::store::seconds_ago(state.config.reconcile_stale_secs);
    let settled_before = crate::store::seconds_ago(state.config.reconcile_grace_secs);
    let rows = orders::unsettled(&state.pool, &settled_before, &stale).await?;
    let mut resolved = 0;
    for (id, receipt_no, old_enough, updated_at, told_pending) in rows {
        // Another instance's reconciler may have picked it in the same pass.
        if !claim_for_reconciliation(&state.pool, id, &updated_at).await? {
            continue;
        }
        let outcome = resolve_unknown(state, id, &receipt_no, old_enough != 0).await;
        match outcome {
            Resolved::Authorized => send_mails(state, id).await,
            Resolved::NotFound if told_pending != 0 => send_not_completed_mails(state, id).await,
            Resolved::NotFound | Resolved::Unknown => {}
        }
        if outcome != Resolved::Unknown {
            settle_three_d(state, id).await;
            resolved += 1;
        }
    }
    // 3-D Secure authentications the shopper never finished.
    resolved += close_abandoned(state).await?;
    // Complete orders whose mails were never queued: the process stopped
    // between recording the order and queueing them, or the queueing failed.
    let unmailed = orders::complete_without_mails(&state.pool, &stale).await?;
    for id in unmailed {
        send_mails(state, id).await;
    }
    Ok(resolved)
}
