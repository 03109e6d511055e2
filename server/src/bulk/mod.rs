//! Bulk jobs: 外部決済一括処理 (bulk re-authorization) runs as a server-side
//! job with bounded concurrency. Each item is claimed before its A11, so no
//! two instances ever send it; a run whose instance stopped is swept by
//! another, its in-flight items reported as interrupted, never sent again.

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{GatewayStatus, OrderStatus};

use crate::error::ApiError;
use crate::payments;
use crate::services::Services;

/// How a bulk item ended (`bulk_job_items.status`, which is `pending` before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemOutcome {
    /// Re-authorized.
    Ok,
    /// Skipped with its reason, or interrupted.
    Failed,
}

impl ItemOutcome {
    /// The stored spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            ItemOutcome::Ok => "ok",
            ItemOutcome::Failed => "failed",
        }
    }
}

/// How many re-authorizations run at once.
const CONCURRENCY: usize = 4;

/// Records a run over the orders numbered `numbers` (sorted, without
/// duplicates) for the merchant `login`, and starts it in the background;
/// returns the job's id at once.
pub async fn start(state: &Services, login: &str, numbers: &[String]) -> Result<i64, ApiError> {
    let mut tx = state.pool.begin().await?;
    let job_id: i64 = sqlx::query_scalar(
        "INSERT INTO bulk_jobs (status, total, created_by, created_at, runner) VALUES ('running', $1, $2, $3, $4) RETURNING id",
    )
    .bind(i64::try_from(numbers.len()).unwrap_or(i64::MAX))
    .bind(login)
    .bind(crate::store::time::now())
    .bind(&*state.run_id)
    .fetch_one(&mut *tx)
    .await?;
    for number in numbers {
        let inserted = sqlx::query(
            "INSERT INTO bulk_job_items (job_id, order_id, status)
             SELECT $1, id, 'pending' FROM orders
             WHERE order_number = $2 AND payment_method = $3 AND status = $4 AND gateway_status = $5 AND slip_no IS NULL
             ON CONFLICT DO NOTHING",
        )
        .bind(job_id)
        .bind(number)
        .bind(PaymentMethodCode::Card.as_str())
        .bind(OrderStatus::Authorized.as_str())
        .bind(GatewayStatus::Authorized.column())
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
    let (task_state, actor) = (state.clone(), login.to_owned());
    tokio::spawn(async move { run(task_state, job_id, actor).await });
    Ok(job_id)
}

/// Works through a job's pending items, `CONCURRENCY` at a time; a failure
/// is recorded and skipped. Each item is claimed (with this run's id) before
/// its A11 is sent, so that no two instances ever send it, and one claimed by
/// a run that died is reported as interrupted, not sent again.
pub async fn run(state: Services, job_id: i64, actor: String) {
    let workers = (0..CONCURRENCY).map(|_| {
        let (state, actor) = (state.clone(), actor.clone());
        async move {
            loop {
                match claim_next(&state, job_id).await {
                    Ok(Some((order_id, number))) => {
                        process(&state, job_id, order_id, &number, &actor).await;
                    }
                    Ok(None) => break,
                    Err(err) => {
                        tracing::error!(%err, job_id, "bulk item not claimed");
                        break;
                    }
                }
            }
        }
    });
    futures_util::future::join_all(workers).await;
    if let Err(err) = finish_if_done(&state.pool, job_id).await {
        tracing::error!(%err, job_id, "bulk job end not recorded");
    }
}

/// Claims the job's next pending item for this run; `None` when none is left.
async fn claim_next(state: &Services, job_id: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    loop {
        let next: Option<(i64, String)> = sqlx::query_as(
            "SELECT i.order_id, o.order_number FROM bulk_job_items i JOIN orders o ON o.id = i.order_id
             WHERE i.job_id = $1 AND i.status = 'pending' AND i.claimed_by IS NULL ORDER BY i.order_id LIMIT 1",
        )
        .bind(job_id)
        .fetch_optional(&state.pool)
        .await?;
        let Some((order_id, number)) = next else {
            return Ok(None);
        };
        // Another worker (here or on another instance) may take it first: then try the next.
        let claimed = sqlx::query(
            "UPDATE bulk_job_items SET claimed_by = $1 WHERE job_id = $2 AND order_id = $3 AND claimed_by IS NULL AND status = 'pending'",
        )
        .bind(&*state.run_id)
        .bind(job_id)
        .bind(order_id)
        .execute(&state.pool)
        .await?
        .rows_affected();
        if claimed == 1 {
            return Ok(Some((order_id, number)));
        }
    }
}

/// Re-authorizes one claimed item and records its result.
async fn process(state: &Services, job_id: i64, order_id: i64, number: &str, actor: &str) {
    // Only orders still 与信完了 without a slip, checked under the order's
    // lease: one cancelled or shipped since the list was made is skipped.
    let result = match payments::find(&state.pool, number).await {
        Ok(order) => payments::reauthorize_in_bulk(state, &order, actor).await,
        Err(e) => Err(e),
    };
    crate::failpoint::hit("bulk_item");
    let (status, message) = match result {
        Ok(()) => (ItemOutcome::Ok, None),
        Err(e) => (ItemOutcome::Failed, Some(e.to_string())),
    };
    if let Err(err) = record_item(&state.pool, job_id, order_id, status, message.as_deref()).await {
        tracing::error!(%err, job_id, order_id, "bulk item result not recorded");
    }
}

/// An item's result and the job's count, in one transaction: a crash cannot
/// separate them. Only a pending item is recorded (once).
async fn record_item(
    pool: &crate::store::Pool,
    job_id: i64,
    order_id: i64,
    status: ItemOutcome,
    message: Option<&str>,
) -> Result<(), sqlx::Error> {
    let column = match status {
        ItemOutcome::Ok => "succeeded",
        ItemOutcome::Failed => "failed",
    };
    let mut tx = pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE bulk_job_items SET status = $1, message = $2 WHERE job_id = $3 AND order_id = $4 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(message)
    .bind(job_id)
    .bind(order_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 1 {
        sqlx::query(&format!(
            "UPDATE bulk_jobs SET {column} = {column} + 1 WHERE id = $1"
        ))
        .bind(job_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Marks the job done once no item is pending.
async fn finish_if_done(pool: &crate::store::Pool, job_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE bulk_jobs SET status = 'done', finished_at = $1 WHERE id = $2 AND status = 'running'
           AND NOT EXISTS (SELECT 1 FROM bulk_job_items WHERE job_id = $2 AND status = 'pending')",
    )
    .bind(crate::store::time::now())
    .bind(job_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// One pass of the bulk-run sweeper, on every instance: items claimed by a
/// run that stopped beating are reported as interrupted (their A11 may have
/// been sent; the operation reconciler asks the gateway), and jobs whose
/// runner stopped beating are taken over and finished here. Returns how many
/// jobs were taken over.
pub async fn sweep(state: &Services) -> Result<usize, sqlx::Error> {
    let claimed: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT job_id, order_id, claimed_by FROM bulk_job_items WHERE status = 'pending' AND claimed_by IS NOT NULL AND claimed_by <> $1",
    )
    .bind(&*state.run_id)
    .fetch_all(&state.pool)
    .await?;
    let mut dead = std::collections::HashMap::<String, bool>::new();
    for (job_id, order_id, run) in claimed {
        let is_dead = match dead.get(&run) {
            Some(d) => *d,
            None => {
                let d = !crate::store::run_alive(&state.pool, &run).await?;
                dead.insert(run.clone(), d);
                d
            }
        };
        if is_dead {
            record_item(&state.pool, job_id, order_id, ItemOutcome::Failed, Some("中断されました（サーバー停止）。結果は決済システムに照会します。/ Interrupted (a server stopped); the outcome is checked with the gateway.")).await?;
        }
    }
    let running: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT id, runner, created_by FROM bulk_jobs WHERE status = 'running' AND (runner IS NULL OR runner <> $1)",
    )
    .bind(&*state.run_id)
    .fetch_all(&state.pool)
    .await?;
    let mut taken = 0;
    for (job_id, runner, actor) in running {
        let alive = match &runner {
            Some(run) => crate::store::run_alive(&state.pool, run).await?,
            None => false,
        };
        if alive {
            continue;
        }
        let took = sqlx::query("UPDATE bulk_jobs SET runner = $1 WHERE id = $2 AND runner IS NOT DISTINCT FROM $3 AND status = 'running'")
            .bind(&*state.run_id)
            .bind(job_id)
            .bind(&runner)
            .execute(&state.pool)
            .await?
            .rows_affected();
        if took == 1 {
            tracing::info!(job_id, "took over a bulk run whose server stopped");
            taken += 1;
            let state = state.clone();
            tokio::spawn(async move { run(state, job_id, actor).await });
        }
    }
    Ok(taken)
}
