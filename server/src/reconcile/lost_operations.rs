//! Merchant operations whose answer was lost, and shipped orders waiting for
//! the gateway's settlement: both brought to the gateway's truth with E04.

use crate::error::ApiError;
use crate::payments;
use crate::services::Services;
use crate::store::orders;

/// One pass of the operation reconciler: every order with a change whose
/// answer was lost (a timeout, a cut connection, a crash mid-call) for longer
/// than `reconcile_stale_secs` takes the gateway's status (E04). Returns how
/// many orders were brought in step.
pub async fn reconcile_operations(state: &Services) -> Result<usize, ApiError> {
    let before = crate::store::seconds_ago(state.config.reconcile_stale_secs);
    // Orders never asked first, then the least recently asked: one the gateway
    // keeps failing to answer for cannot hold up the others.
    let numbers = orders::with_lost_operations(&state.pool, &before).await?;
    let mut settled = 0;
    for (id, n, updated_at) in numbers {
        // Another instance's reconciler may have picked it in the same pass.
        if !crate::store::order_path::claim_for_reconciliation(&state.pool, id, &updated_at).await?
        {
            continue;
        }
        let order = payments::find(&state.pool, &n).await?;
        if payments::sync(state, &order, "system").await.is_ok() {
            settled += 1;
        }
    }
    Ok(settled)
}

/// One pass of the periodic sync: card orders awaiting confirmation (30) take the gateway's status.
pub async fn sync_awaiting(state: &Services) -> Result<usize, ApiError> {
    let numbers = orders::awaiting_settlement(&state.pool).await?;
    let mut synced = 0;
    for n in numbers {
        let order = payments::find(&state.pool, &n).await?;
        if payments::sync(state, &order, "system").await.is_ok() {
            synced += 1;
        }
    }
    Ok(synced)
}
