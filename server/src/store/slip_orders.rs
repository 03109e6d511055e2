//! Orders as 売上確定一括処理 finds them: by 注文番号 or 受付番号, many at
//! once (a day's file has thousands of rows).

use zerostep_domain::api::admin::JobKind;

use crate::store::Pool;

/// An order as the slip file's preview checks it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SlipOrder {
    /// 注文番号.
    pub order_number: String,
    /// 受付番号.
    pub receipt_no: String,
    /// Our status, as stored.
    pub status: String,
    /// statusInfo as last seen.
    pub gateway_status: Option<i64>,
    /// 問い合わせ番号, once registered.
    pub slip_no: Option<String>,
    /// `card` or `bank_transfer`.
    pub payment_method: String,
}

/// How many references one query asks for (well under either engine's
/// limit on bound values, each bound once).
const CHUNK: usize = 500;

/// The orders whose 注文番号 or 受付番号 is one of `refs`.
pub async fn by_reference(pool: &Pool, refs: &[&str]) -> Result<Vec<SlipOrder>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in refs.chunks(CHUNK) {
        let marks = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT order_number, receipt_no, status, gateway_status, slip_no, payment_method FROM orders
             WHERE order_number IN ({marks}) OR receipt_no IN ({marks})"
        );
        let mut query = sqlx::query_as::<_, SlipOrder>(&sql);
        for reference in chunk {
            query = query.bind(*reference);
        }
        found.extend(query.fetch_all(pool).await?);
    }
    Ok(found)
}

/// A row of a run as it is recorded when the run starts.
pub struct RunRow<'a> {
    /// Its line in the file.
    pub line: i64,
    /// The order as written.
    pub order_ref: &'a str,
    /// Our 注文番号, when found.
    pub order_number: Option<&'a str>,
    /// 問い合わせ番号.
    pub slip_no: Option<&'a str>,
    /// 配送サービス (`yamato`, `other`).
    pub carrier: Option<&'a str>,
    /// Why it is skipped (its code and its words as JSON); none: an item
    /// whose E01 is to be sent.
    pub skip: Option<(&'a str, String)>,
}

/// Records a run of kind `slips` for the merchant `login` on server run
/// `run_id`: an item for each row to send, a skip for each other row, the
/// skipped ones counted as failed; returns the job's id.
pub async fn create_run(
    pool: &Pool,
    login: &str,
    run_id: &str,
    rows: &[RunRow<'_>],
) -> Result<i64, sqlx::Error> {
    let skipped = rows.iter().filter(|r| r.skip.is_some()).count();
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let mut tx = pool.begin().await?;
    let job_id: i64 = sqlx::query_scalar(
        "INSERT INTO bulk_jobs (kind, status, total, failed, created_by, created_at, runner)
         VALUES ($1, 'running', $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(JobKind::Slips.as_str())
    .bind(count(rows.len()))
    .bind(count(skipped))
    .bind(login)
    .bind(crate::store::time::now())
    .bind(run_id)
    .fetch_one(&mut *tx)
    .await?;
    for row in rows {
        match &row.skip {
            Some((skip, message)) => {
                sqlx::query(
                    "INSERT INTO bulk_job_skips (job_id, line, order_ref, order_number, slip_no, carrier, skip, message)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(job_id)
                .bind(row.line)
                .bind(row.order_ref)
                .bind(row.order_number)
                .bind(row.slip_no)
                .bind(row.carrier)
                .bind(*skip)
                .bind(message)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO bulk_job_items (job_id, order_id, status, line, order_ref, slip_no, carrier)
                     SELECT $1, id, 'pending', $2, $3, $4, $5 FROM orders WHERE order_number = $6",
                )
                .bind(job_id)
                .bind(row.line)
                .bind(row.order_ref)
                .bind(row.slip_no)
                .bind(row.carrier)
                .bind(row.order_number)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(job_id)
}

/// A row of a run as stored: line, the order as written, our 注文番号,
/// slip, carrier, status (`pending`, `ok`, `failed`, `skipped`), skip code,
/// message (JSON).
pub type StoredRunRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

/// Every row of a run, items and skips together, in file order.
pub async fn run_rows(pool: &Pool, job_id: i64) -> Result<Vec<StoredRunRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.line, i.order_ref, o.order_number, i.slip_no, i.carrier, i.status, NULL, i.message
           FROM bulk_job_items i JOIN orders o ON o.id = i.order_id WHERE i.job_id = $1
         UNION ALL
         SELECT line, order_ref, order_number, slip_no, carrier, 'skipped', skip, message
           FROM bulk_job_skips WHERE job_id = $1
         ORDER BY 1",
    )
    .bind(job_id)
    .fetch_all(pool)
    .await
}
