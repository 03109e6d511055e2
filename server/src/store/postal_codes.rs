//! Japan Post's postal codes as imported (`postal_codes`, `postal_import`).

use crate::store::Pool;

/// Rows inserted per statement.
const BATCH: usize = 200;

/// The source (path, size and time) of the data imported last, if any.
pub async fn imported_source(pool: &Pool) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT source FROM postal_import WHERE id = 1")
        .fetch_optional(pool)
        .await
}

/// Replaces every postal code with `rows` (code, prefecture code, city,
/// town), in their order, and records `source`, in one transaction.
pub async fn replace_all(
    pool: &Pool,
    rows: &[(&str, u8, &str, &str)],
    source: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM postal_codes")
        .execute(&mut *tx)
        .await?;
    for (batch_no, batch) in rows.chunks(BATCH).enumerate() {
        let placeholders = (0..batch.len())
            .map(|i| {
                let n = i * 5;
                format!(
                    "(${}, ${}, ${}, ${}, ${})",
                    n + 1,
                    n + 2,
                    n + 3,
                    n + 4,
                    n + 5
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO postal_codes (code, prefecture, city, town, seq) VALUES {placeholders}"
        );
        let mut query = sqlx::query(&sql);
        for (i, (code, pref, city, town)) in batch.iter().enumerate() {
            let seq = i64::try_from(batch_no * BATCH + i).unwrap_or(i64::MAX);
            query = query
                .bind(*code)
                .bind(i64::from(*pref))
                .bind(*city)
                .bind(*town)
                .bind(seq);
        }
        query.execute(&mut *tx).await?;
    }
    sqlx::query(
        "INSERT INTO postal_import (id, source, row_count, imported_at) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET source = excluded.source, row_count = excluded.row_count, imported_at = excluded.imported_at",
    )
    .bind(source)
    .bind(i64::try_from(rows.len()).unwrap_or(i64::MAX))
    .bind(crate::store::now_text())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The places (prefecture code, city, town) of the postal code `digits`, in Japan Post's order.
pub async fn places(pool: &Pool, digits: &str) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT prefecture, city, town FROM postal_codes WHERE code = $1 ORDER BY seq")
        .bind(digits)
        .fetch_all(pool)
        .await
}
