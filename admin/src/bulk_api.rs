//! The client of 外部決済一括処理 (`/api/admin/bulk/...`), beside `api`.

use gloo_net::http::Request;
use zerostep_domain::api::admin::{Candidate, Job, JobDetail, RunRequest, Started};

use crate::api::{decode, get, network, ApiError};

/// `GET /api/admin/bulk/candidates`.
pub async fn bulk_candidates() -> Result<Vec<Candidate>, ApiError> {
    get("/bulk/candidates").await
}

/// `POST /api/admin/bulk/reauth`: starts a run; the job's id.
pub async fn start_bulk(csrf: &str, order_numbers: Vec<String>) -> Result<Started, ApiError> {
    let response = Request::post("/api/admin/bulk/reauth")
        .header("X-CSRF-Token", csrf)
        .json(&RunRequest { order_numbers })
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    decode(response).await
}

/// `GET /api/admin/bulk/jobs/{id}`.
pub async fn bulk_job(id: i64) -> Result<JobDetail, ApiError> {
    get(&format!("/bulk/jobs/{id}")).await
}

/// `GET /api/admin/bulk/jobs`: 操作ログ.
pub async fn bulk_jobs() -> Result<Vec<Job>, ApiError> {
    get("/bulk/jobs").await
}
