//! Background work on timers: the reconcile pass (status sync, unknown A08
//! outcomes, bulk runs of stopped servers, lost operations), the heartbeat,
//! mail delivery and the hourly purge, each stopped by the server's shutdown signal.

use std::time::Duration;

use crate::services::Services;
use crate::{bulk, reconcile};

/// Runs `task` every `period` until `stop` fires.
pub(crate) fn every<F, Fut>(
    mut stop: tokio::sync::broadcast::Receiver<()>,
    period: Duration,
    task: F,
) -> tokio::task::JoinHandle<()>
where
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = stop.recv() => break,
                () = tokio::time::sleep(period) => task().await,
            }
        }
    })
}

/// One pass of the background work that brings orders to the gateway's
/// truth: the status sync of shipped orders, unknown A08 outcomes, bulk runs
/// of stopped servers, and operations whose answer was lost.
pub(crate) async fn reconcile(state: &Services) {
    if let Err(err) = reconcile::sync_awaiting(state).await {
        tracing::error!(%err, "status sync failed");
    }
    match reconcile::reconcile_once(state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(resolved = n, "reconciled orders with unknown outcomes"),
        Err(err) => tracing::error!(%err, "reconciliation failed"),
    }
    if let Err(err) = bulk::sweep(state).await {
        tracing::error!(%err, "bulk runs not swept");
    }
    match reconcile::reconcile_operations(state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(settled = n, "reconciled operations whose answer was lost"),
        Err(err) => tracing::error!(%err, "operation reconciliation failed"),
    }
}

/// How often [`purge`] runs.
pub(crate) const PURGE_EVERY: Duration = Duration::from_secs(60 * 60);

/// Deletes what anonymous requests left behind once it no longer matters
/// (see `store::retention`).
pub(crate) async fn purge(state: &Services) {
    state.limits.forget_quiet();
    let windows = crate::store::retention::Windows {
        card_failures: state.config.card_failure_window_secs,
        admin_idle: crate::auth::IDLE_SECS,
        login_failures: crate::auth::throttle::WINDOW_SECS,
    };
    match crate::store::retention::purge(&state.pool, &windows).await {
        Ok(purged) if purged == crate::store::retention::Purged::default() => {}
        Ok(purged) => tracing::info!(?purged, "purged what has outlived its use"),
        Err(err) => tracing::error!(%err, "purge failed"),
    }
}
