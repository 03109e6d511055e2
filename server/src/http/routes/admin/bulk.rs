//! 外部決済一括処理: bulk re-authorization. 「上記条件で検索」 lists the card
//! orders that can be re-authorized (no slip yet; listed for 60 days from the
//! order, even if re-authorized since); a run is a server-side job with
//! bounded concurrency whose progress and per-order results survive a reload
//! and appear in 操作ログ.

use axum::extract::State;

use crate::http::error::ApiPath;
use axum::Json;
use chrono::Utc;

use crate::auth::AdminUser;
use crate::bulk;
use zerostep_domain::api::ErrorCode;

use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;
use crate::store::bulk_jobs;
use zerostep_domain::api::admin::{Candidate, Job, JobDetail, RunRequest, Started};

/// Days an order stays in the list.
const LISTING_DAYS: i64 = 60;

/// `GET /api/admin/bulk/candidates`: card orders re-authorization can renew.
pub async fn candidates(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<Candidate>>, ApiError> {
    let since = (Utc::now() - chrono::Duration::days(LISTING_DAYS)).to_rfc3339();
    Ok(Json(bulk_jobs::candidates(&state.pool, &since).await?))
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
        return Err(ApiError::refused(
            ErrorCode::InvalidSelection,
            crate::messages::empty_selection(),
        ));
    }
    let job_id = bulk::start(&state, &user.login, &numbers).await?;
    Ok(Json(Started { job_id }))
}

/// `GET /api/admin/bulk/jobs/{id}`.
pub async fn job(
    State(state): State<Services>,
    _user: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<JobDetail>, ApiError> {
    let job = bulk_jobs::job(&state.pool, id)
        .await?
        .ok_or(ApiError::refused(
            ErrorCode::NotFound,
            crate::messages::no_such_run(),
        ))?;
    let items = bulk_jobs::items(&state.pool, id).await?;
    Ok(Json(JobDetail { job, items }))
}

/// `GET /api/admin/bulk/jobs`: 操作ログ, newest first.
pub async fn jobs(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<Job>>, ApiError> {
    Ok(Json(bulk_jobs::recent(&state.pool).await?))
}
