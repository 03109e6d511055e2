//! What waits in the database, counted for the metrics at each scrape.

use zerostep_domain::order::OrderStatus;

use super::Pool;
use crate::telemetry::Backlog;

/// Orders whose outcome is not known, operations not settled, mails not
/// sent, and the items of running bulk jobs by kind and status.
pub async fn backlog(pool: &Pool) -> Result<Backlog, sqlx::Error> {
    let count =
        |sql: &'static str| async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await };
    Ok(Backlog {
        outcome_unknown: sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE status IN ($1, $2)")
            .bind(OrderStatus::Authorizing.as_str())
            .bind(OrderStatus::PendingReview.as_str())
            .fetch_one(pool)
            .await?,
        unsettled_operations: count("SELECT COUNT(*) FROM gateway_operations WHERE settled = 0")
            .await?,
        unsent_mails: count("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL").await?,
        bulk_items: sqlx::query_as(
            "SELECT j.kind, i.status, COUNT(*) FROM bulk_job_items i JOIN bulk_jobs j ON j.id = i.job_id
             WHERE j.status = 'running' GROUP BY j.kind, i.status",
        )
        .fetch_all(pool)
        .await?,
    })
}
