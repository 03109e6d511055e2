//! An order's lease: one payment change at a time per order, on every
//! instance (see the `order_operation_lease` migration).

use super::error::OperationError;
use super::order_ref::{reload, OrderRef};
use crate::services::Services;
use crate::store::payment_changes;

/// Numbers the leases this process takes.
pub(super) static NEXT_LEASE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Runs one change to the order's payment (E01, A11, A06, A07) while holding
/// the order's lease (see the `order_operation_lease` migration): a second
/// change meanwhile is refused with 409 `order_busy`, and `change` gets the
/// order as it is once the lease is held. A lease left by a crashed server
/// is free once its heartbeat is `RUN_DEAD_AFTER` old (and in any case a
/// minute after the gateway timeout).
pub(super) async fn with_lease<T, F, Fut>(
    state: &Services,
    order_id: i64,
    change: F,
) -> Result<T, OperationError>
where
    F: FnOnce(OrderRef) -> Fut,
    Fut: std::future::Future<Output = Result<T, OperationError>>,
{
    let holder = format!(
        "{}#{}",
        state.run_id,
        NEXT_LEASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let lapsed = crate::store::seconds_ago(state.config.gateway.timeout_secs.saturating_add(60));
    let dead_before = crate::store::seconds_ago(crate::store::RUN_DEAD_AFTER.as_secs());
    if !payment_changes::take_lease(&state.pool, order_id, &holder, &lapsed, &dead_before).await? {
        return Err(OperationError::Busy);
    }
    // Released below; if this future is dropped first (the request timed
    // out, the client left) or panics, the guard releases it in a task.
    let mut guard = LeaseGuard {
        pool: state.pool.clone(),
        order_id,
        holder: Some(holder.clone()),
    };
    let result = match reload(&state.pool, order_id).await {
        Ok(order) => change(order).await,
        Err(e) => Err(e),
    };
    guard.holder = None;
    release_lease(&state.pool, order_id, &holder).await;
    result
}

/// Releases the lease `holder` took on the order (it lapses on its own if this fails).
pub(super) async fn release_lease(pool: &crate::store::Pool, order_id: i64, holder: &str) {
    let released = payment_changes::release_lease(pool, order_id, holder).await;
    if let Err(err) = released {
        tracing::error!(%err, order_id, "an order's operation lease was not released");
    }
}

/// Releases a lease whose change never finished.
pub(super) struct LeaseGuard {
    pool: crate::store::Pool,
    order_id: i64,
    holder: Option<String>,
}

impl Drop for LeaseGuard {
    fn drop(&mut self) {
        let Some(holder) = self.holder.take() else {
            return;
        };
        let (pool, order_id) = (self.pool.clone(), self.order_id);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { release_lease(&pool, order_id, &holder).await });
        }
    }
}
