//! 外部決済一括処理: bulk re-authorization. 「上記条件で検索」 lists the card
//! orders that can be re-authorized (no slip yet; listed for 60 days from the
//! order, even if re-authorized since); a run is a server-side job with
//! bounded concurrency whose progress and per-order results survive a reload
//! and appear in 操作ログ.

use axum::extract::State;

use crate::http::error::ApiPath;
use axum::Json;
use chrono::Utc;
use serde::{Deserialize, Serialize};

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{GatewayStatus, OrderStatus};

use crate::auth::AdminUser;
use crate::bulk;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;

/// Days an order stays in the list.
const LISTING_DAYS: i64 = 60;

/// A candidate order.
#[derive(Serialize, sqlx::FromRow)]
pub struct Candidate {
    order_number: String,
    receipt_no: String,
    created_at: String,
    total: i64,
    last_reauth_at: Option<String>,
}

/// `GET /api/admin/bulk/candidates`: card orders re-authorization can renew.
pub async fn candidates(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<Candidate>>, ApiError> {
    let since = (Utc::now() - chrono::Duration::days(LISTING_DAYS)).to_rfc3339();
    let rows = sqlx::query_as::<_, Candidate>(
        "SELECT order_number, receipt_no, created_at, total, last_reauth_at FROM orders
         WHERE payment_method = $2 AND status = $3 AND gateway_status = $4 AND slip_no IS NULL AND created_at >= $1
         ORDER BY id",
    )
    .bind(&since)
    .bind(PaymentMethodCode::Card.as_str())
    .bind(OrderStatus::Authorized.as_str())
    .bind(GatewayStatus::Authorized.column())
    .fetch_all(&state.pool)
    .await?;
    Ok(Json(rows))
}

/// `POST /api/admin/bulk/reauth` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    order_numbers: Vec<String>,
}

/// The new job.
#[derive(Serialize)]
pub struct Started {
    job_id: i64,
}

/// Starts a run over the chosen orders; answers at once with the job id.
pub async fn start(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<RunRequest>,
) -> Result<Json<Started>, ApiError> {
    let mut numbers = req.order_numbers.clone();
    numbers.sort();
    numbers.dedup();
    if numbers.is_empty() || numbers.len() > 10_000 {
        return Err(ApiError::BadRequest {
            code: "invalid_selection",
            message: "処理対象を1件以上選んでください。/ Choose at least one order.".to_owned(),
        });
    }
    let job_id = bulk::start(&state, &user.login, &numbers).await?;
    Ok(Json(Started { job_id }))
}

/// A job's progress and results.
#[derive(Serialize, sqlx::FromRow)]
pub struct Job {
    id: i64,
    status: String,
    total: i64,
    succeeded: i64,
    failed: i64,
    created_by: String,
    created_at: String,
    finished_at: Option<String>,
}

/// One order's result in a job.
#[derive(Serialize, sqlx::FromRow)]
pub struct ItemResult {
    order_number: String,
    status: String,
    message: Option<String>,
}

/// A job with its failed items (at most 1,000; the counts are the job's):
/// the admin polls it while a run of up to 10,000 orders progresses.
#[derive(Serialize)]
pub struct JobDetail {
    #[serde(flatten)]
    job: Job,
    items: Vec<ItemResult>,
}

/// `GET /api/admin/bulk/jobs/{id}`.
pub async fn job(
    State(state): State<Services>,
    _user: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<JobDetail>, ApiError> {
    let job = sqlx::query_as::<_, Job>("SELECT id, status, total, succeeded, failed, created_by, created_at, finished_at FROM bulk_jobs WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.pool)
        .await?
        .ok_or(ApiError::NotFound("処理が見つかりません。/ No such run."))?;
    let items = sqlx::query_as::<_, ItemResult>(
        "SELECT o.order_number, i.status, i.message FROM bulk_job_items i JOIN orders o ON o.id = i.order_id WHERE i.job_id = $1 AND i.status = $2 ORDER BY o.id LIMIT 1000",
    )
    .bind(id)
    .bind(bulk::ItemOutcome::Failed.as_str())
    .fetch_all(&state.pool)
    .await?;
    Ok(Json(JobDetail { job, items }))
}

/// `GET /api/admin/bulk/jobs`: 操作ログ, newest first.
pub async fn jobs(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<Job>>, ApiError> {
    Ok(Json(
        sqlx::query_as::<_, Job>("SELECT id, status, total, succeeded, failed, created_by, created_at, finished_at FROM bulk_jobs ORDER BY id DESC LIMIT 100")
            .fetch_all(&state.pool)
            .await?,
    ))
}
