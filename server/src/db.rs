//! The database: connecting, and applying the migrations in `migrations/`.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{SqliteConnection, SqlitePool};

/// Opens the database at `url` (creating a SQLite file and its folder if
/// missing) and brings its schema up to date.
///
/// WAL with `synchronous = NORMAL`: every commit survives a crash of the
/// process, and the disk is synced at checkpoints rather than at each
/// commit. The one write that must also survive a power loss, the order row
/// written before A08 is sent, is committed through [`durable`], and the
/// merchant's gateway operations through [`execute_durable`].
pub async fn connect_and_migrate(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .synchronous(SqliteSynchronous::Normal)
        // Prepared statements are kept per connection (sqlx's default is 100).
        .statement_cache_capacity(256);
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// Now, as `YYYY-MM-DD HH:MM:SS` UTC: the form of the outbox's and the keys'
/// times (what SQLite's `datetime('now')` wrote), bound from Rust so that
/// every engine stores the same text.
pub fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Makes the next commits on `conn` reach the disk before they return
/// (`synchronous = FULL`, which also syncs every earlier commit in the WAL),
/// or back to `NORMAL`. Not allowed inside a transaction.
pub async fn durable(conn: &mut SqliteConnection, on: bool) -> Result<(), sqlx::Error> {
    let pragma = if on {
        "PRAGMA synchronous = FULL"
    } else {
        "PRAGMA synchronous = NORMAL"
    };
    sqlx::query(pragma).execute(conn).await.map(|_| ())
}

/// Executes `query` with a disk sync before it returns: for the writes that
/// record what the gateway was asked to do or did (a claimed slip, a
/// cancellation, a new authorization), which must outlive a power loss.
pub async fn execute_durable<'q>(
    pool: &SqlitePool,
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
) -> Result<sqlx::sqlite::SqliteQueryResult, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    durable(&mut conn, true).await?;
    let result = query.execute(&mut *conn).await;
    end_durable(&mut conn).await;
    result
}

/// Puts `conn` back to `synchronous = NORMAL`; if that fails, it is closed
/// instead of going back to the pool in FULL.
pub async fn end_durable(conn: &mut sqlx::pool::PoolConnection<sqlx::Sqlite>) {
    if let Err(err) = durable(conn, false).await {
        tracing::warn!(%err, "connection closed: synchronous could not be reset");
        conn.close_on_drop();
    }
}
