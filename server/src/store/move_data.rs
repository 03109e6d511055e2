//! `zerostep-server migrate-data`: a shop carried from its SQLite file into
//! a fresh PostgreSQL database, whole or not at all.
//!
//! The SQLite file is brought to this binary's schema (the migrations the
//! server would apply at start) and read in one read transaction, so the
//! copy is one moment of the shop. PostgreSQL gets the same schema from its
//! own migrations; then, in one transaction, every table is copied (parents
//! before the tables that refer to them, `settings_revision` last so the
//! settings triggers do not move it), the identity sequences are set past
//! the copied ids, and every table is verified: the same number of rows and
//! the same checksum (SHA-256 over each row's values, independent of row
//! order, as the engines sort text differently). Only then is it committed.
//! A database that already holds a shop is refused, and nothing is written.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use sqlx::postgres::PgConnection;
use sqlx::{Connection as _, Row};

use super::{sqlite_path, Engine};

/// Why the shop was not carried over. Nothing was committed.
#[derive(Debug, thiserror::Error)]
pub enum MoveError {
    /// `--from` is not a SQLite URL, or `--to` not a PostgreSQL one.
    #[error("{0}")]
    Urls(&'static str),
    /// The SQLite file is not there.
    #[error("{0}: no such database")]
    NoSource(PathBuf),
    /// The PostgreSQL database already holds a shop.
    #[error("the PostgreSQL database is not empty ({table} has {rows} rows): migrate-data copies into a fresh database only")]
    NotEmpty {
        /// A table with rows.
        table: String,
        /// How many.
        rows: i64,
    },
    /// A table does not come out the same.
    #[error("{table}: {what} (nothing was committed)")]
    Mismatch {
        /// The table.
        table: String,
        /// What differs.
        what: String,
    },
    /// SQLite refused.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL refused.
    #[error("PostgreSQL: {0}")]
    Postgres(#[from] sqlx::Error),
}

/// One table carried over: its rows and checksum, the same on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The table.
    pub table: String,
    /// Its rows.
    pub rows: i64,
    /// The checksum both sides have (hex).
    pub checksum: String,
}

/// A value as both engines hold it (the schema has no other kinds).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Null,
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

/// Tables that only bookkeep: the migrations (each engine its own) and the
/// one-row revision the migrations seed.
const MIGRATIONS: &str = "_sqlx_migrations";
const REVISION: &str = "settings_revision";

/// Carries the shop at `from` (`sqlite://…`) into `to` (`postgres://…`).
pub async fn migrate_data(from: &str, to: &str) -> Result<Vec<Moved>, MoveError> {
    if Engine::of(from) != Some(Engine::Sqlite) {
        return Err(MoveError::Urls("--from must be a sqlite:// database"));
    }
    if Engine::of(to) != Some(Engine::Postgres) {
        return Err(MoveError::Urls("--to must be a postgres:// database"));
    }
    let path = PathBuf::from(sqlite_path(from));
    if !path.is_file() {
        return Err(MoveError::NoSource(path));
    }
    refuse_a_shop(to).await?;
    // Both at this binary's schema.
    super::connect_and_migrate(from).await?.close().await;
    super::connect_and_migrate(to).await?.close().await;

    let source = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(std::time::Duration::from_secs(5))?;
    source.execute_batch("BEGIN")?;
    let tables = tables_in_order(&source)?;
    let mut target = PgConnection::connect(to).await?;
    let mut tx = target.begin().await?;
    for table in tables.iter().rev() {
        sqlx::query(&format!("DELETE FROM \"{table}\""))
            .execute(&mut *tx)
            .await?;
    }
    let mut moved = Vec::new();
    for table in &tables {
        let columns = target_columns(&mut tx, table).await?;
        let rows = read_source(&source, table, &columns)?;
        let expected = checksum(&rows);
        copy(&mut tx, table, &columns, &rows).await?;
        moved.push((table.clone(), columns, rows.len(), expected));
    }
    let mut report = Vec::new();
    for (table, columns, count, expected) in moved {
        // The identity columns go on after the copied ids.
        let identities: Vec<String> = sqlx::query_scalar(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND is_identity = 'YES'",
        )
        .bind(&table)
        .fetch_all(&mut *tx)
        .await?;
        for column in identities {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{table}\""
            ))
            .fetch_all(&mut *tx)
            .await?;
        }
        let copied = read_target(&mut tx, &table, &columns).await?;
        let mismatch = |what: String| MoveError::Mismatch {
            table: table.clone(),
            what,
        };
        if copied.len() != count {
            return Err(mismatch(format!(
                "{count} rows read, {} written",
                copied.len()
            )));
        }
        let got = checksum(&copied);
        if got != expected {
            return Err(mismatch(format!("checksum {expected} read, {got} written")));
        }
        report.push(Moved {
            table,
            rows: i64::try_from(count).unwrap_or(i64::MAX),
            checksum: expected,
        });
    }
    tx.commit().await?;
    source.execute_batch("COMMIT")?;
    Ok(report)
}

/// Refuses a PostgreSQL database that holds anything but an empty schema.
async fn refuse_a_shop(to: &str) -> Result<(), MoveError> {
    let mut conn = PgConnection::connect(to).await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    )
    .fetch_all(&mut conn)
    .await?;
    for table in tables {
        if table == MIGRATIONS || table == REVISION {
            continue;
        }
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\""))
            .fetch_one(&mut conn)
            .await?;
        if rows > 0 {
            return Err(MoveError::NotEmpty { table, rows });
        }
    }
    Ok(())
}

/// The SQLite file's tables, each after the tables it refers to, the
/// revision last.
fn tables_in_order(source: &Connection) -> Result<Vec<String>, rusqlite::Error> {
    let names: Vec<String> = source
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut parents: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in names.iter().filter(|n| *n != MIGRATIONS) {
        let refers: Vec<String> = source
            .prepare(&format!(
                "SELECT \"table\" FROM pragma_foreign_key_list('{name}')"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        parents.insert(name.clone(), refers);
    }
    let mut ordered: Vec<String> = Vec::new();
    while ordered.len() < parents.len() {
        let before = ordered.len();
        for (name, refers) in &parents {
            let ready = refers
                .iter()
                .all(|p| p == name || ordered.contains(p) || !parents.contains_key(p));
            if !ordered.contains(name)
                && ready
                && (name != REVISION || ordered.len() + 1 == parents.len())
            {
                ordered.push(name.clone());
            }
        }
        if ordered.len() == before {
            // A cycle (none in the schema): the rest in name order.
            let rest: Vec<String> = parents
                .keys()
                .filter(|n| !ordered.contains(n))
                .cloned()
                .collect();
            ordered.extend(rest);
        }
    }
    Ok(ordered)
}

/// The target table's columns and their types, in order.
async fn target_columns(
    conn: &mut PgConnection,
    table: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let columns: Vec<(String, String)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(conn)
    .await?;
    if columns.is_empty() {
        return Err(sqlx::Error::Protocol(format!(
            "table {table} is missing in PostgreSQL"
        )));
    }
    Ok(columns)
}

/// Every row of `table` in the SQLite file, `columns` in order.
fn read_source(
    source: &Connection,
    table: &str,
    columns: &[(String, String)],
) -> Result<Vec<Vec<Value>>, rusqlite::Error> {
    let list = column_list(columns);
    let mut statement = source.prepare(&format!("SELECT {list} FROM \"{table}\""))?;
    let rows = statement.query_map([], |row| {
        (0..columns.len())
            .map(|i| {
                Ok(match row.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Int(n),
                    ValueRef::Real(f) => Value::Text(f.to_string()),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::Bytes(b.to_vec()),
                })
            })
            .collect()
    })?;
    rows.collect()
}

/// Every row of `table` in PostgreSQL, `columns` in order.
async fn read_target(
    conn: &mut PgConnection,
    table: &str,
    columns: &[(String, String)],
) -> Result<Vec<Vec<Value>>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT {} FROM \"{table}\"", column_list(columns)))
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            columns
                .iter()
                .enumerate()
                .map(|(i, (_, kind))| {
                    Ok(match kind.as_str() {
                        "bigint" => row
                            .try_get::<Option<i64>, _>(i)?
                            .map_or(Value::Null, Value::Int),
                        "integer" => row
                            .try_get::<Option<i32>, _>(i)?
                            .map_or(Value::Null, |n| Value::Int(i64::from(n))),
                        "bytea" => row
                            .try_get::<Option<Vec<u8>>, _>(i)?
                            .map_or(Value::Null, Value::Bytes),
                        _ => row
                            .try_get::<Option<String>, _>(i)?
                            .map_or(Value::Null, Value::Text),
                    })
                })
                .collect()
        })
        .collect()
}

/// Inserts `rows` into `table`, many a statement.
async fn copy(
    conn: &mut PgConnection,
    table: &str,
    columns: &[(String, String)],
    rows: &[Vec<Value>],
) -> Result<(), sqlx::Error> {
    // PostgreSQL takes at most 65,535 parameters a statement.
    let per_statement = (60_000 / columns.len().max(1)).clamp(1, 1000);
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!(
            "INSERT INTO \"{table}\" ({}) OVERRIDING SYSTEM VALUE VALUES ",
            column_list(columns)
        );
        let mut n = 0;
        for (r, _) in chunk.iter().enumerate() {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..columns.len() {
                n += 1;
                sql.push_str(&format!("{}${n}", if c == 0 { "" } else { ", " }));
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for (value, (_, kind)) in row.iter().zip(columns) {
                query = match (value, kind.as_str()) {
                    (Value::Null, "bigint" | "integer" | "smallint") => query.bind(None::<i64>),
                    (Value::Null, "bytea") => query.bind(None::<Vec<u8>>),
                    (Value::Null, _) => query.bind(None::<String>),
                    (Value::Int(n), "bigint" | "integer" | "smallint") => query.bind(*n),
                    (Value::Int(n), _) => query.bind(n.to_string()),
                    (Value::Text(t), _) => query.bind(t.clone()),
                    (Value::Bytes(b), _) => query.bind(b.clone()),
                };
            }
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

fn column_list(columns: &[(String, String)]) -> String {
    columns
        .iter()
        .map(|(c, _)| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// SHA-256 over the sorted hashes of the rows: the same for the same rows
/// in any order.
fn checksum(rows: &[Vec<Value>]) -> String {
    let mut hashes: Vec<[u8; 32]> = rows
        .iter()
        .map(|row| {
            let mut h = Sha256::new();
            for value in row {
                match value {
                    Value::Null => h.update(b"n;"),
                    Value::Int(n) => h.update(format!("i{n};")),
                    Value::Text(t) => h.update(format!("t{}:{t};", t.len())),
                    Value::Bytes(b) => {
                        h.update(format!("b{}:", b.len()));
                        h.update(b);
                    }
                }
            }
            h.finalize().into()
        })
        .collect();
    hashes.sort_unstable();
    let mut all = Sha256::new();
    for hash in &hashes {
        all.update(hash);
    }
    all.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
