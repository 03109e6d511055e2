//! 外部決済一括処理: bulk re-authorization. 「上記条件で検索」 lists the card
//! orders that can be re-authorized (no slip yet; listed for 60 days from the
//! order, even if re-authorized since); a run is a server-side job with
//! bounded concurrency whose progress and per-order results survive a reload
//! and appear in 操作ログ.

use axum::extract::State;

use crate::error::ApiPath;
use axum::Json;
use chrono::Utc;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use crate::admin_auth::AdminUser;
use crate::error::ApiJson;
use crate::{payment_ops, ApiError, AppState};

/// How many re-authorizations run at once.
const CONCURRENCY: usize = 4;
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
    State(state): State<AppState>,
    _user: AdminUser,
) -> Result<Json<Vec<Candidate>>, ApiError> {
    let since = (Utc::now() - chrono::Duration::days(LISTING_DAYS)).to_rfc3339();
    let rows = sqlx::query_as::<_, Candidate>(
        "SELECT order_number, receipt_no, created_at, total, last_reauth_at FROM orders
         WHERE payment_method = 'card' AND status = 'authorized' AND gateway_status = 4 AND slip_no IS NULL AND created_at >= $1
         ORDER BY id",
    )
    .bind(&since)
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
    State(state): State<AppState>,
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
    let mut tx = state.pool.begin().await?;
    let job_id: i64 = sqlx::query_scalar(
        "INSERT INTO bulk_jobs (status, total, created_by, created_at) VALUES ('running', $1, $2, $3) RETURNING id",
    )
    .bind(i64::try_from(numbers.len()).unwrap_or(i64::MAX))
    .bind(&user.login)
    .bind(Utc::now().to_rfc3339())
    .fetch_one(&mut *tx)
    .await?;
    for number in &numbers {
        let inserted = sqlx::query(
            "INSERT INTO bulk_job_items (job_id, order_id, status)
             SELECT $1, id, 'pending' FROM orders
             WHERE order_number = $2 AND payment_method = 'card' AND status = 'authorized' AND gateway_status = 4 AND slip_no IS NULL
             ON CONFLICT DO NOTHING",
        )
        .bind(job_id)
        .bind(number)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            return Err(ApiError::BadRequest {
                code: "unknown_order",
                message: format!("注文 {number} はありません。/ No order {number}."),
            });
        }
    }
    tx.commit().await?;
    let (task_state, actor) = (state.clone(), user.login.clone());
    tokio::spawn(async move { run(task_state, job_id, actor).await });
    Ok(Json(Started { job_id }))
}

/// Works through a job's pending items, `CONCURRENCY` at a time; a failure is recorded and skipped.
pub async fn run(state: AppState, job_id: i64, actor: String) {
    let items: Vec<(i64, String)> = match sqlx::query_as(
        "SELECT o.id, o.order_number FROM bulk_job_items i JOIN orders o ON o.id = i.order_id WHERE i.job_id = $1 AND i.status = 'pending' ORDER BY o.id",
    )
    .bind(job_id)
    .fetch_all(&state.pool)
    .await
    {
        Ok(items) => items,
        Err(err) => {
            tracing::error!(%err, job_id, "bulk job could not start");
            return;
        }
    };
    futures_util::stream::iter(items)
        .for_each_concurrent(CONCURRENCY, |(order_id, number)| {
            let (state, actor) = (state.clone(), actor.clone());
            async move {
                // Only orders still 与信完了 without a slip: one cancelled since the list was made is skipped.
                let result = match payment_ops::find(&state.pool, &number).await {
                    Ok(order) if order.gateway_status == Some(4) && order.slip_no.is_none() => payment_ops::reauthorize(&state, &order, &actor).await,
                    Ok(_) => Err(ApiError::Status { status: 409, code: "not_eligible", message: "対象外（状態が変わりました）/ No longer eligible".to_owned() }),
                    Err(e) => Err(e),
                };
                crate::failpoint::hit("bulk_item");
                let (status, message, column) = match result {
                    Ok(()) => ("ok", None, "succeeded"),
                    Err(e) => ("failed", Some(e.to_string()), "failed"),
                };
                // The item and the job's count in one transaction: a crash cannot separate them.
                let updated = async {
                    let mut tx = state.pool.begin().await?;
                    sqlx::query("UPDATE bulk_job_items SET status = $1, message = $2 WHERE job_id = $3 AND order_id = $4")
                        .bind(status)
                        .bind(&message)
                        .bind(job_id)
                        .bind(order_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(&format!("UPDATE bulk_jobs SET {column} = {column} + 1 WHERE id = $1"))
                        .bind(job_id)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await
                }
                .await;
                if let Err(err) = updated {
                    tracing::error!(%err, job_id, order_id, "bulk item result not recorded");
                }
            }
        })
        .await;
    if let Err(err) =
        sqlx::query("UPDATE bulk_jobs SET status = 'done', finished_at = $1 WHERE id = $2")
            .bind(Utc::now().to_rfc3339())
            .bind(job_id)
            .execute(&state.pool)
            .await
    {
        tracing::error!(%err, job_id, "bulk job end not recorded");
    }
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
    State(state): State<AppState>,
    _user: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<JobDetail>, ApiError> {
    let job = sqlx::query_as::<_, Job>("SELECT id, status, total, succeeded, failed, created_by, created_at, finished_at FROM bulk_jobs WHERE id = $1")
        .bind(id)
        .fetch_optional(&state.pool)
        .await?
        .ok_or(ApiError::NotFound("処理が見つかりません。/ No such run."))?;
    let items = sqlx::query_as::<_, ItemResult>(
        "SELECT o.order_number, i.status, i.message FROM bulk_job_items i JOIN orders o ON o.id = i.order_id WHERE i.job_id = $1 AND i.status = 'failed' ORDER BY o.id LIMIT 1000",
    )
    .bind(id)
    .fetch_all(&state.pool)
    .await?;
    Ok(Json(JobDetail { job, items }))
}

/// `GET /api/admin/bulk/jobs`: 操作ログ, newest first.
pub async fn jobs(
    State(state): State<AppState>,
    _user: AdminUser,
) -> Result<Json<Vec<Job>>, ApiError> {
    Ok(Json(
        sqlx::query_as::<_, Job>("SELECT id, status, total, succeeded, failed, created_by, created_at, finished_at FROM bulk_jobs ORDER BY id DESC LIMIT 100")
            .fetch_all(&state.pool)
            .await?,
    ))
}

/// At start-up: runs cut short by a restart are closed, their unprocessed
/// orders reported as interrupted (not retried, so a run never re-authorizes twice).
pub async fn close_interrupted(pool: &crate::db::Pool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE bulk_job_items SET status = 'failed', message = '中断されました / interrupted by a restart' WHERE status = 'pending'")
        .execute(pool)
        .await?;
    sqlx::query(
        "UPDATE bulk_jobs SET status = 'done', finished_at = $1,
             succeeded = (SELECT COUNT(*) FROM bulk_job_items i WHERE i.job_id = bulk_jobs.id AND i.status = 'ok'),
             failed = (SELECT COUNT(*) FROM bulk_job_items i WHERE i.job_id = bulk_jobs.id AND i.status = 'failed')
         WHERE status = 'running'",
    )
    .bind(Utc::now().to_rfc3339())
    .execute(pool)
    .await?;
    Ok(())
}
