//! `GET /api/health`: for people and load balancers.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use zerostep_domain::Health;

/// 200 with `status: ok` when the database answers, 503 otherwise.
pub async fn health(State(pool): State<crate::store::Pool>) -> (StatusCode, Json<Health>) {
    let database_ok = crate::store::ping(&pool).await.is_ok();
    let (status, word) = if database_ok {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
    };
    if !database_ok {
        tracing::warn!("health check: database unavailable");
    }
    (
        status,
        Json(Health {
            status: word.to_owned(),
            database: word.to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }),
    )
}
