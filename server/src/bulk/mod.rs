//! Bulk jobs: 外部決済一括処理 (bulk re-authorization, kind `reauth`) and
//! 売上確定一括処理 (the slip-number CSV, kind `slips`, in [`slips`]) run as
//! server-side jobs with bounded concurrency. Each item is claimed before its
//! A11 or E01, so no two instances ever send it; a run whose instance
//! stopped is swept by another, its in-flight items reported as
//! interrupted, never sent again.

pub mod slips;

use crate::error::ApiError;
use crate::payments;
use crate::services::Services;
use crate::store::bulk_jobs::{self, ClaimedItem, ItemOutcome};
use zerostep_domain::api::admin::JobKind;

/// How many re-authorizations run at once.
const CONCURRENCY: usize = 4;

/// Records a run over the orders numbered `numbers` (sorted, without
/// duplicates) for the merchant `login`, and starts it in the background;
/// returns the job's id at once.
pub async fn start(state: &Services, login: &str, numbers: &[String]) -> Result<i64, ApiError> {
    let job_id = match bulk_jobs::create(&state.pool, login, &state.run_id, numbers).await? {
        Ok(job_id) => job_id,
        Err(number) => {
            return Err(ApiError::refused(
                zerostep_domain::api::ErrorCode::UnknownOrder,
                crate::messages::no_order(&number),
            ))
        }
    };
    let (task_state, actor) = (state.clone(), login.to_owned());
    tokio::spawn(async move { run(task_state, job_id, actor).await });
    Ok(job_id)
}

/// Works through a job's pending items, `CONCURRENCY` at a time; a failure
/// is recorded and skipped. Each item is claimed (with this run's id) before
/// its A11 is sent, so that no two instances ever send it, and one claimed by
/// a run that died is reported as interrupted, not sent again.
pub async fn run(state: Services, job_id: i64, actor: String) {
    let kind = match bulk_jobs::job(&state.pool, job_id).await {
        Ok(job) => job.map_or(JobKind::Reauth, |j| j.kind),
        Err(err) => {
            tracing::error!(%err, job_id, "bulk job not read");
            return;
        }
    };
    let workers = (0..CONCURRENCY).map(|_| {
        let (state, actor) = (state.clone(), actor.clone());
        async move {
            loop {
                match claim_next(&state, job_id).await {
                    Ok(Some(item)) => process(&state, job_id, &item, &actor, kind).await,
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
    if let Err(err) = bulk_jobs::finish_if_done(&state.pool, job_id).await {
        tracing::error!(%err, job_id, "bulk job end not recorded");
    }
}

/// Claims the job's next pending item for this run; `None` when none is left.
async fn claim_next(state: &Services, job_id: i64) -> Result<Option<ClaimedItem>, sqlx::Error> {
    bulk_jobs::claim_next(&state.pool, job_id, &state.run_id).await
}

/// Re-authorizes one claimed item (or, in a `slips` run, registers its
/// slip) and records its result.
async fn process(state: &Services, job_id: i64, item: &ClaimedItem, actor: &str, kind: JobKind) {
    let order_id = item.order_id;
    // Only orders still 与信完了 without a slip, checked under the order's
    // lease: one cancelled or shipped since the list was made is skipped.
    let result = match payments::find(&state.pool, &item.order_number).await {
        Ok(order) if kind == JobKind::Slips => slips::confirm(state, &order, item, actor).await,
        Ok(order) => payments::reauthorize_in_bulk(state, &order, actor).await,
        Err(e) => Err(e),
    };
    crate::failpoint::hit("bulk_item");
    let (status, message) = match result {
        Ok(()) => (ItemOutcome::Ok, None),
        Err(e) => {
            // The admin reads the catalogue's words; an internal cause goes to the log.
            if let payments::OperationError::Internal(cause) = &e {
                tracing::error!(%cause, job_id, order_id, "bulk item failed");
            }
            (ItemOutcome::Failed, Some(e.message()))
        }
    };
    if let Err(err) =
        bulk_jobs::record_item(&state.pool, job_id, order_id, status, message.as_ref()).await
    {
        tracing::error!(%err, job_id, order_id, "bulk item result not recorded");
    }
}

/// One pass of the bulk-run sweeper, on every instance: items claimed by a
/// run that stopped beating are reported as interrupted (their A11 may have
/// been sent; the operation reconciler asks the gateway), and jobs whose
/// runner stopped beating are taken over and finished here. Returns how many
/// jobs were taken over.
pub async fn sweep(state: &Services) -> Result<usize, sqlx::Error> {
    let claimed = bulk_jobs::items_claimed_elsewhere(&state.pool, &state.run_id).await?;
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
            bulk_jobs::record_item(
                &state.pool,
                job_id,
                order_id,
                ItemOutcome::Failed,
                Some(&crate::messages::interrupted()),
            )
            .await?;
        }
    }
    let running = bulk_jobs::running_elsewhere(&state.pool, &state.run_id).await?;
    let mut taken = 0;
    for (job_id, runner, actor) in running {
        let alive = match &runner {
            Some(run) => crate::store::run_alive(&state.pool, run).await?,
            None => false,
        };
        if alive {
            continue;
        }
        let took =
            bulk_jobs::take_over(&state.pool, job_id, &state.run_id, runner.as_deref()).await?;
        if took {
            tracing::info!(job_id, "took over a bulk run whose server stopped");
            taken += 1;
            let state = state.clone();
            tokio::spawn(async move { run(state, job_id, actor).await });
        }
    }
    Ok(taken)
}
