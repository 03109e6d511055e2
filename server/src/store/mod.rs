//! The database: connecting, applying the migrations in `migrations/`, and
//! the statements the layers above run.
//!
//! # Layout
//!
//! Every SQL statement of the server is here (`tests/layers.rs` checks it),
//! one file per table family, one dialect (`$n` parameters) for both engines:
//!
//! - this file: the pool, the engine, the order path's [`Writer`], server
//!   runs and their heartbeats, durable writes;
//! - [`time`]: the stored forms of a time, and Japan's clock;
//! - [`order_path`]: idempotency claims, card attempts, the order row and
//!   its transitions, the completion after an approved A08; [`sqlite`] runs
//!   the same statements on the SQLite writer's connection and [`writer`]
//!   dispatches to one or the other;
//! - [`orders`]: reading orders (the admin's list and detail, mails, the
//!   reconcilers); [`payment_changes`]: what the merchant's operations read
//!   and record, the order's lease;
//! - [`idempotency_keys`], [`gateway_operations`] (the API operation history),
//!   [`outbox`], [`bulk_jobs`] and [`slip_orders`] (the slip file's orders),
//!   [`admin_users`], [`admin_sessions`] and [`login_failures`] (the merchant's
//!   accounts), [`shop_settings`], [`catalogue`], [`postal_codes`],
//!   [`three_d_sessions`] (3-D Secure authentications and the setting),
//!   [`server_keys`] (keys the instances share), [`card_guard`] (the velocity
//!   guard), [`csp_reports`] (what browsers reported of our pages' policies),
//!   [`retention`] (the hourly purge), [`sealed`] (secrets sealed at rest),
//!   [`backup`] (copying a SQLite database online, and putting one back),
//!   [`gauges`] (what waits, for the metrics), [`move_data`] (SQLite to PostgreSQL).

pub mod admin_sessions;
pub mod admin_users;
pub mod backup;
pub mod bulk_jobs;
pub mod card_guard;
pub mod card_method;
pub mod catalogue;
pub mod csp_reports;
pub mod delivery_methods;
pub mod gateway_operations;
pub mod gauges;
pub mod idempotency_keys;
pub mod login_failures;
pub mod move_data;
pub mod order_path;
pub mod orders;
pub mod outbox;
pub mod payment_changes;
pub mod postal_codes;
pub mod retention;
pub mod sealed;
pub mod server_keys;
pub mod shop_profile;
pub mod shop_settings;
pub mod slip_orders;
mod sqlite;
pub mod three_d_sessions;
pub mod time;
mod writer;

pub use time::{now_text, seconds_ago};

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, Executor};

/// A transaction on the pool.
pub type Transaction = sqlx::Transaction<'static, sqlx::Any>;

/// The database pool: SQLite (the embedded default) or PostgreSQL, by the
/// URL's scheme; one set of SQL, each engine its own `migrations/` folder.
pub type Pool = sqlx::AnyPool;

/// A database failure on either driver: sqlx (the pool) or rusqlite.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Through the pool.
    #[error("database: {0}")]
    Sqlx(#[from] sqlx::Error),
    /// On the SQLite writer's connection.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl From<StoreError> for crate::error::ApiError {
    fn from(err: StoreError) -> Self {
        crate::error::ApiError::internal(err)
    }
}

/// Which engine a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// `sqlite://…`
    Sqlite,
    /// `postgres://…` or `postgresql://…`
    Postgres,
}

impl Engine {
    /// The engine of `url`, if it is one of ours.
    pub fn of(url: &str) -> Option<Engine> {
        if url.starts_with("sqlite:") {
            Some(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Engine::Postgres)
        } else {
            None
        }
    }
}

impl Engine {
    /// The engine behind a pooled connection (sqlx's `Any` driver names it);
    /// the one place that reads the driver's name.
    pub fn of_connection(conn: &AnyConnection) -> Option<Engine> {
        match conn.backend_name() {
            "SQLite" => Some(Engine::Sqlite),
            "PostgreSQL" => Some(Engine::Postgres),
            _ => None,
        }
    }
}

fn is_sqlite(conn: &AnyConnection) -> bool {
    Engine::of_connection(conn) == Some(Engine::Sqlite)
}

/// Opens the database at `url` (creating a SQLite file and its folder if
/// missing) and brings its schema up to date.
///
/// SQLite runs WAL with `synchronous = NORMAL`: every commit survives a crash
/// of the process, and the disk is synced at checkpoints rather than at each
/// commit. The one write that must also survive a power loss, the order row
/// written before A08 is sent, is committed through [`durable`], and the
/// merchant's gateway operations through [`execute_durable`]. PostgreSQL
/// syncs every commit (`synchronous_commit = on`).
pub async fn connect_and_migrate(url: &str) -> Result<Pool, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let engine = Engine::of(url).ok_or_else(|| {
        sqlx::Error::Configuration(
            format!("database URL {url:?} is neither sqlite:// nor postgres://").into(),
        )
    })?;
    let url = match engine {
        Engine::Sqlite => sqlite_url(url)?,
        Engine::Postgres => url.to_owned(),
    };
    let pool = open(&url, 8, Duration::from_secs(5)).await?;
    match engine {
        Engine::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
        Engine::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
    }
    Ok(pool)
}

/// A pool of up to `connections` to `url`, each set up for our use; a
/// request for one waits at most `acquire_timeout`.
async fn open(url: &str, connections: u32, acquire_timeout: Duration) -> Result<Pool, sqlx::Error> {
    let options: AnyConnectOptions = url.parse()?;
    AnyPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(acquire_timeout)
        // A SQLite connection is a file handle in this process: it cannot
        // drop like a network connection, so a ping before each use (a round
        // trip to its worker thread) buys nothing. PostgreSQL keeps it.
        .test_before_acquire(Engine::of(url) != Some(Engine::Sqlite))
        .after_connect(|conn, _meta| Box::pin(prepare(conn)))
        .connect_with(options)
        .await
}

/// Sets a new connection up for our use (SQLite: WAL, `synchronous = NORMAL`,
/// foreign keys, and a wait of up to 5 s for another writer's lock).
async fn prepare(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    if is_sqlite(conn) {
        conn.execute(SQLITE_SETUP).await?;
    }
    Ok(())
}

/// How every SQLite connection is set up (see [`prepare`]).
const SQLITE_SETUP: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";

/// A job for the SQLite writer's thread.
type SqliteJob = Box<dyn FnOnce(&mut rusqlite::Connection) + Send>;

/// What the order path writes through.
///
/// On SQLite, one connection owned by a thread of its own, which runs each job (a whole
/// transaction) in one synchronous call. SQLite allows one writer at a time, and a connection that
/// finds the file locked sleeps and polls (1, 2, 5, 10… ms) until it is free: under load most of an
/// order's time went in those sleeps. With one pooled sqlx connection instead, each statement was a
/// round trip between the runtime and the connection's worker thread, and the connection stood idle
/// until the task holding it was next polled: 0.8 ms held and 12 ms waited per order transaction at
/// 400 orders/s, the machine half idle. Here a job holds the connection only for the time SQLite
/// works, and the next job starts at once. Other instances sharing the file, and this instance's
/// rare writers (heartbeats, reconcilers, the admin, mails of bank-transfer orders), still meet it
/// at SQLite's lock.
///
/// On PostgreSQL, which locks rows rather than the database, it is the pool.
#[derive(Clone)]
pub enum Writer {
    /// SQLite: the writer thread.
    Sqlite(SqliteWriter),
    /// PostgreSQL: the pool.
    Pool(Pool),
}

/// The SQLite writer thread: see [`Writer`].
#[derive(Clone)]
pub struct SqliteWriter(std::sync::mpsc::Sender<SqliteJob>);

impl Writer {
    /// The writer for the database at `url`, whose pool is `pool`.
    pub async fn open(url: &str, pool: &Pool) -> Result<Writer, sqlx::Error> {
        if Engine::of(url) != Some(Engine::Sqlite) {
            return Ok(Writer::Pool(pool.clone()));
        }
        let path = std::path::PathBuf::from(sqlite_path(url));
        let (jobs, queue) = std::sync::mpsc::channel::<SqliteJob>();
        let (ready, started) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("zerostep-writer".to_owned())
            .spawn(move || {
                let opened = rusqlite::Connection::open(&path).and_then(|conn| {
                    conn.execute_batch(SQLITE_SETUP)?;
                    Ok(conn)
                });
                let mut conn = match opened {
                    Ok(conn) => {
                        let _ = ready.send(Ok(()));
                        conn
                    }
                    Err(err) => {
                        let _ = ready.send(Err(sqlx::Error::Configuration(
                            format!("{}: {err}", path.display()).into(),
                        )));
                        return;
                    }
                };
                // Until every sender is gone (the server stopped).
                while let Ok(job) = queue.recv() {
                    // A job that panics fails its own caller only.
                    let _ = std::panic::catch_unwind(AssertUnwindSafe(|| job(&mut conn)));
                }
            })
            .map_err(sqlx::Error::Io)?;
        started.await.map_err(|_| sqlx::Error::PoolClosed)??;
        Ok(Writer::Sqlite(SqliteWriter(jobs)))
    }
}

impl SqliteWriter {
    /// Runs `job` on the writer's connection and returns what it returned.
    /// `Err` only when the writer is gone (or the job panicked).
    pub async fn run<R, F>(&self, job: F) -> Result<R, sqlx::Error>
    where
        R: Send + 'static,
        F: FnOnce(&mut rusqlite::Connection) -> R + Send + 'static,
    {
        let (answer, answered) = tokio::sync::oneshot::channel();
        self.0
            .send(Box::new(move |conn: &mut rusqlite::Connection| {
                let _ = answer.send(job(conn));
            }))
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answered.await.map_err(|_| sqlx::Error::PoolClosed)
    }
}

/// The file of a SQLite URL (`sqlite://path?options`, `sqlite:path`).
fn sqlite_path(url: &str) -> &str {
    url.trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default()
}

/// A SQLite URL that creates the file (and its folder) if missing: the
/// folder for its owner only, and the file, its WAL and shared memory
/// readable by their owner only (they hold the shoppers' addresses).
fn sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let path = sqlite_path(url);
    if !path.is_empty() && path != ":memory:" && !path.starts_with("file:") {
        let file = std::path::Path::new(path);
        if let Some(parent) = file.parent() {
            if !parent.as_os_str().is_empty() && !parent.exists() {
                crate::private_files::create_dir(parent).map_err(sqlx::Error::Io)?;
            }
        }
        crate::private_files::ensure(file).map_err(sqlx::Error::Io)?;
        crate::private_files::restrict_database(file).map_err(sqlx::Error::Io)?;
    }
    Ok(if url.contains('?') {
        url.to_owned()
    } else {
        format!("{url}?mode=rwc")
    })
}

/// Makes the next commits on `conn` reach the disk before they return
/// (SQLite: `synchronous = FULL`, which also syncs every earlier commit in the
/// WAL), or back to `NORMAL`. Not allowed inside a transaction. PostgreSQL
/// always syncs.
pub async fn durable(conn: &mut AnyConnection, on: bool) -> Result<(), sqlx::Error> {
    if !is_sqlite(conn) {
        return Ok(());
    }
    let pragma = if on {
        "PRAGMA synchronous = FULL"
    } else {
        "PRAGMA synchronous = NORMAL"
    };
    sqlx::query(pragma).execute(conn).await.map(|_| ())
}

/// Executes `query` with a disk sync before it returns: for the writes that
/// record what the gateway was asked to do or did (a cancellation, a new
/// authorization), which must outlive a power loss.
pub async fn execute_durable<'q>(
    pool: &Pool,
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> Result<sqlx::any::AnyQueryResult, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    durable(&mut conn, true).await?;
    let result = query.execute(&mut *conn).await;
    end_durable(&mut conn).await;
    result
}

/// Puts `conn` back to `synchronous = NORMAL`; if that fails, it is closed
/// instead of going back to the pool in FULL.
pub async fn end_durable(conn: &mut sqlx::pool::PoolConnection<sqlx::Any>) {
    if let Err(err) = durable(conn, false).await {
        tracing::warn!(%err, "connection closed: synchronous could not be reset");
        conn.close_on_drop();
    }
}

/// How often a server says it is alive.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(2);
/// A run silent for this long is taken as dead (killed, or its host gone).
pub const RUN_DEAD_AFTER: Duration = Duration::from_secs(10);

/// Records that `run_id` is alive now (inserting it on the first beat).
pub async fn heartbeat(pool: &Pool, run_id: &str) -> Result<(), sqlx::Error> {
    let now = crate::store::time::now();
    sqlx::query(
        "INSERT INTO server_runs (run_id, started_at, heartbeat_at) VALUES ($1, $2, $2)
         ON CONFLICT (run_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
    )
    .bind(run_id)
    .bind(&now)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Whether the server run `run_id` beat within [`RUN_DEAD_AFTER`].
pub async fn run_alive(pool: &Pool, run_id: &str) -> Result<bool, sqlx::Error> {
    let since = seconds_ago(RUN_DEAD_AFTER.as_secs());
    let alive: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM server_runs WHERE run_id = $1 AND heartbeat_at >= $2",
    )
    .bind(run_id)
    .bind(since)
    .fetch_one(pool)
    .await?;
    Ok(alive > 0)
}

/// Whether the database answers a query.
pub async fn ping(pool: &Pool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_ago_compares_with_stored_times_and_never_panics() {
        let now = crate::store::time::now();
        assert!(seconds_ago(60) < now);
        assert!(seconds_ago(3_600) < seconds_ago(60));
        // A span past the calendar is before every stored time.
        assert!(seconds_ago(u64::MAX).as_str() < "1970-01-01T00:00:00+00:00");
    }
}
