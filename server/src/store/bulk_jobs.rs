//! Bulk jobs (`bulk_jobs`, `bulk_job_items`): a run over chosen orders,
//! each item claimed by one server run before its A11 and recorded once,
//! with the job's counts in the same transaction.

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{GatewayStatus, OrderStatus};

use zerostep_domain::api::admin::{Candidate, ItemResult, Job, JobKind};
use zerostep_domain::api::Text;

use crate::store::Pool;

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

/// Records a run for the merchant `login` on server run `run_id` over the
/// orders numbered `numbers`, each a card order still 与信完了 without a
/// slip; `Err(number)` (and nothing recorded) when one is not.
pub async fn create(
    pool: &Pool,
    login: &str,
    run_id: &str,
    numbers: &[String],
) -> Result<Result<i64, String>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let job_id: i64 = sqlx::query_scalar(
        "INSERT INTO bulk_jobs (status, total, created_by, created_at, runner) VALUES ('running', $1, $2, $3, $4) RETURNING id",
    )
    .bind(i64::try_from(numbers.len()).unwrap_or(i64::MAX))
    .bind(login)
    .bind(crate::store::time::now())
    .bind(run_id)
    .fetch_one(&mut *tx)
    .await?;
    // Every card order chosen becomes an item, whatever it became since the
    // list was made: one no longer eligible (shipped, cancelled) is skipped
    // with its reason when its turn comes, and the rest run.
    for number in numbers {
        let inserted = sqlx::query(
            "INSERT INTO bulk_job_items (job_id, order_id, status)
             SELECT $1, id, 'pending' FROM orders
             WHERE order_number = $2 AND payment_method = $3
             ON CONFLICT DO NOTHING",
        )
        .bind(job_id)
        .bind(number)
        .bind(PaymentMethodCode::Card.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            return Ok(Err(number.clone()));
        }
    }
    tx.commit().await?;
    Ok(Ok(job_id))
}

/// A bulk item claimed for a run.
#[derive(Debug, sqlx::FromRow)]
pub struct ClaimedItem {
    /// Its order's row id.
    pub order_id: i64,
    /// Its order's 注文番号.
    pub order_number: String,
    /// 問い合わせ番号 (a `slips` run's items only).
    pub slip_no: Option<String>,
    /// 配送サービス, `yamato` or `other` (a `slips` run's items only).
    pub carrier: Option<String>,
}

/// Claims the job's next pending item for `run_id`; `None` when none is left.
pub async fn claim_next(
    pool: &Pool,
    job_id: i64,
    run_id: &str,
) -> Result<Option<ClaimedItem>, sqlx::Error> {
    loop {
        let next: Option<ClaimedItem> = sqlx::query_as(
            "SELECT i.order_id, o.order_number, i.slip_no, i.carrier FROM bulk_job_items i JOIN orders o ON o.id = i.order_id
             WHERE i.job_id = $1 AND i.status = 'pending' AND i.claimed_by IS NULL ORDER BY i.order_id LIMIT 1",
        )
        .bind(job_id)
        .fetch_optional(pool)
        .await?;
        let Some(item) = next else {
            return Ok(None);
        };
        let order_id = item.order_id;
        // Another worker (here or on another instance) may take it first: then try the next.
        let claimed = sqlx::query(
            "UPDATE bulk_job_items SET claimed_by = $1 WHERE job_id = $2 AND order_id = $3 AND claimed_by IS NULL AND status = 'pending'",
        )
        .bind(run_id)
        .bind(job_id)
        .bind(order_id)
        .execute(pool)
        .await?
        .rows_affected();
        if claimed == 1 {
            return Ok(Some(item));
        }
    }
}

/// An item's result and the job's count, in one transaction: a crash cannot
/// separate them. Only a pending item is recorded (once).
pub async fn record_item(
    pool: &Pool,
    job_id: i64,
    order_id: i64,
    status: ItemOutcome,
    message: Option<&Text>,
) -> Result<(), sqlx::Error> {
    // Stored as the text's JSON (`{"ja", "en"}`).
    let message = message.map(|m| serde_json::to_string(m).unwrap_or_default());
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
pub async fn finish_if_done(pool: &Pool, job_id: i64) -> Result<(), sqlx::Error> {
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

/// Pending items claimed by another run than `run_id`: job, order, run.
pub async fn items_claimed_elsewhere(
    pool: &Pool,
    run_id: &str,
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT job_id, order_id, claimed_by FROM bulk_job_items WHERE status = 'pending' AND claimed_by IS NOT NULL AND claimed_by <> $1",
    )
    .bind(run_id)
    .fetch_all(pool)
    .await
}

/// Running jobs of another run than `run_id`: job, runner, who started it.
pub async fn running_elsewhere(
    pool: &Pool,
    run_id: &str,
) -> Result<Vec<(i64, Option<String>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, runner, created_by FROM bulk_jobs WHERE status = 'running' AND (runner IS NULL OR runner <> $1)",
    )
    .bind(run_id)
    .fetch_all(pool)
    .await
}

/// Takes a running job over for `run_id` from the dead runner `from`; false
/// if another run took it first.
pub async fn take_over(
    pool: &Pool,
    job_id: i64,
    run_id: &str,
    from: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let took = sqlx::query("UPDATE bulk_jobs SET runner = $1 WHERE id = $2 AND runner IS NOT DISTINCT FROM $3 AND status = 'running'")
        .bind(run_id)
        .bind(job_id)
        .bind(from)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(took == 1)
}

/// Card orders a re-authorization can renew (still 与信完了, no slip),
/// ordered since `since`, oldest first.
pub async fn candidates(pool: &Pool, since: &str) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT order_number, receipt_no, created_at, total, last_reauth_at FROM orders
         WHERE payment_method = $2 AND status = $3 AND gateway_status = $4 AND slip_no IS NULL AND created_at >= $1
         ORDER BY id",
    )
    .bind(since)
    .bind(PaymentMethodCode::Card.as_str())
    .bind(OrderStatus::Authorized.as_str())
    .bind(GatewayStatus::Authorized.column())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(order_number, receipt_no, created_at, total, last_reauth_at)| Candidate {
                order_number,
                receipt_no,
                created_at,
                total,
                last_reauth_at,
            },
        )
        .collect())
}

/// A job's row: id, kind, status, total, succeeded, failed, created by,
/// created at, finished at.
type JobRow = (
    i64,
    String,
    String,
    i64,
    i64,
    i64,
    String,
    String,
    Option<String>,
);

/// The columns of a [`JobRow`].
const JOB_COLUMNS: &str =
    "SELECT id, kind, status, total, succeeded, failed, created_by, created_at, finished_at FROM bulk_jobs";

fn job_of(
    (id, kind, status, total, succeeded, failed, created_by, created_at, finished_at): JobRow,
) -> Job {
    Job {
        id,
        kind: JobKind::from_wire(&kind).unwrap_or_default(),
        status,
        total,
        succeeded,
        failed,
        created_by,
        created_at,
        finished_at,
    }
}

/// A job, if there is one with this id.
pub async fn job(pool: &Pool, id: i64) -> Result<Option<Job>, sqlx::Error> {
    let row: Option<JobRow> = sqlx::query_as(&format!("{JOB_COLUMNS} WHERE id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(job_of))
}

/// A job's items (at most 1,000) with their results, in order.
pub async fn items(pool: &Pool, job_id: i64) -> Result<Vec<ItemResult>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT o.order_number, i.status, i.message FROM bulk_job_items i JOIN orders o ON o.id = i.order_id WHERE i.job_id = $1 ORDER BY o.id LIMIT 1000",
    )
    .bind(job_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(order_number, status, message)| ItemResult {
            order_number,
            status,
            message: message.map(|m| stored_text(&m)),
        })
        .collect())
}

/// A stored item message: the text's JSON, or (written before it was) one
/// string in both languages, shown as it is in either.
pub fn stored_text(stored: &str) -> Text {
    serde_json::from_str(stored).unwrap_or_else(|_| Text::new(stored.to_owned(), stored.to_owned()))
}

/// The 100 newest jobs, newest first.
pub async fn recent(pool: &Pool) -> Result<Vec<Job>, sqlx::Error> {
    let rows: Vec<JobRow> = sqlx::query_as(&format!("{JOB_COLUMNS} ORDER BY id DESC LIMIT 100"))
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(job_of).collect())
}
