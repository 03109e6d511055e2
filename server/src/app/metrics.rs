//! The metrics listener (off unless `ZEROSTEP_METRICS_LISTEN`): `GET
//! /metrics` in Prometheus's text format, on an address of its own so it
//! can stay on a private network while the shop faces the internet. A
//! scrape first samples what waits in the database and the pool.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;
use tokio::net::TcpListener;

use super::{bind, AppState, StartupError};
use crate::telemetry;

/// The bound metrics listener, its port and its router.
pub struct Metrics {
    pub(super) listener: TcpListener,
    pub(super) port: u16,
    pub(super) router: Router,
}

/// Binds the metrics listener when the configuration asks for one.
pub async fn bind_if_asked(state: &AppState) -> Result<Option<Metrics>, StartupError> {
    let Some(addr) = state.services.config.metrics_listen else {
        return Ok(None);
    };
    let Some(handle) = telemetry::install() else {
        return Ok(None);
    };
    let (listener, port) = bind(addr, "metrics").await?;
    let router = Router::new()
        .route("/metrics", get(scrape))
        .with_state((state.clone(), handle));
    Ok(Some(Metrics {
        listener,
        port,
        router,
    }))
}

async fn scrape(State((state, handle)): State<(AppState, PrometheusHandle)>) -> impl IntoResponse {
    let pool = &state.services.pool;
    let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
    match crate::store::gauges::backlog(pool).await {
        Ok(backlog) => telemetry::set_gauges(&backlog, pool.size().saturating_sub(idle), idle),
        Err(err) => tracing::warn!(%err, "metrics: the database's backlog not sampled"),
    }
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        handle.render(),
    )
}
