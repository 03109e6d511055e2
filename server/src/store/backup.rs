//! `zerostep-server backup` and `restore`: a consistent copy of the SQLite
//! database taken while the shop runs, through SQLite's online backup API
//! (never a file copy, which could catch a write half done or miss what the
//! WAL still holds), and putting such a copy back.
//!
//! The copy is taken in one step of the backup API: one read transaction,
//! so it holds exactly what was committed when it began, while the server
//! goes on writing beside it (WAL lets writers and a reader run together).
//! It is written under a temporary name, checked, synced and only then
//! given its name, so a copy that exists is whole. A restore checks the copy
//! first (SQLite's integrity check, our schema, not newer than this binary)
//! and backs up the database it replaces beside it: nothing is lost.
//!
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`); these commands
//! refuse a `postgres://` database and say so.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{sqlite_path, Engine};

/// Why a backup or a restore did not happen. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The database is not a SQLite file.
    #[error(
        "backup and restore copy a SQLite database; for PostgreSQL use pg_dump and pg_restore"
    )]
    NotSqlite,
    /// The database to copy is not there.
    #[error("{0}: no such database")]
    NoDatabase(PathBuf),
    /// A server is using the database.
    #[error("{0}: a server is running on it (or stopped less than 10 seconds ago): stop it first")]
    Running(PathBuf),
    /// The copy would overwrite a file.
    #[error("{0} exists already: a backup never overwrites a file; choose another name")]
    Exists(PathBuf),
    /// The file to restore is not a sound copy of a Zerostep database.
    #[error("{path} cannot be restored: {why}")]
    NotABackup {
        /// The file given.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// SQLite refused.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file system refused.
    #[error("{path}: {err}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        err: std::io::Error,
    },
}

/// What a copy holds, as said to the operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Where the copy is.
    pub path: PathBuf,
    /// Its orders.
    pub orders: i64,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The file system's refusal of `path`, as an error that names it.
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError {
    let path = path.to_owned();
    move |err| BackupError::Io { path, err }
}

/// How long a step of the backup waits for a lock the server holds (a
/// checkpoint) before trying again.
const BUSY_PAUSE: Duration = Duration::from_millis(50);

/// Copies the SQLite database at `database_url` to `to`, which must not
/// exist, while the server may be writing to it.
pub fn backup(database_url: &str, to: &Path) -> Result<Copied, BackupError> {
    let source = existing_database(database_url)?;
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let from = Connection::open_with_flags(
        &source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    from.busy_timeout(Duration::from_secs(5))?;
    copy_to_new_file(&from, to)
}

/// Puts the copy `from` back as the database at `database_url`, after
/// checking it and keeping the files it replaces beside them as they are
/// (`…-before-restore-<unix seconds>`, returned; a damaged database is kept
/// too). The server must be stopped (it keeps the shop's settings in
/// memory): a database a server beat in within 10 seconds is refused.
pub fn restore(database_url: &str, from: &Path) -> Result<(Copied, Option<PathBuf>), BackupError> {
    if Engine::of(database_url) != Some(Engine::Sqlite) {
        return Err(BackupError::NotSqlite);
    }
    let not_a_backup = |why: String| BackupError::NotABackup {
        path: from.to_owned(),
        why,
    };
    if !from.is_file() {
        return Err(not_a_backup("no such file".to_owned()));
    }
    let copy = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_a_backup(e.to_string()))?;
    let orders = check_copy(&copy, newest_migration()).map_err(not_a_backup)?;
    let live = PathBuf::from(sqlite_path(database_url));
    let kept = if live.exists() {
        refuse_a_running_server(&live)?;
        Some(keep_as_is(&live)?)
    } else {
        if let Some(dir) = live.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::private_files::create_dir(dir).map_err(io(dir))?;
        }
        crate::private_files::ensure(&live).map_err(io(&live))?;
        None
    };
    let mut into = Connection::open(&live)?;
    into.busy_timeout(Duration::from_secs(5))?;
    copy_all(&copy, &mut into)?;
    drop(into);
    crate::private_files::restrict_database(&live).map_err(io(&live))?;
    Ok((
        Copied {
            bytes: file_len(&live)?,
            path: live,
            orders,
        },
        kept,
    ))
}

/// Refuses when a server beat in the database at `live` lately (it is
/// running, or was stopped less than 10 seconds ago). A database that
/// cannot be read that far is not refused here: restoring is its remedy.
fn refuse_a_running_server(live: &Path) -> Result<(), BackupError> {
    let since = super::seconds_ago(super::RUN_DEAD_AFTER.as_secs());
    let beating = Connection::open_with_flags(live, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM server_runs WHERE heartbeat_at >= ?1",
                [&since],
                |r| r.get::<_, i64>(0),
            )
        })
        .unwrap_or(0);
    if beating > 0 {
        return Err(BackupError::Running(live.to_owned()));
    }
    Ok(())
}

/// Copies the database at `live` and its WAL and shared memory, as they
/// are, to `…-before-restore-<unix seconds>` beside them (the server is
/// stopped: the files are still).
fn keep_as_is(live: &Path) -> Result<PathBuf, BackupError> {
    let mut kept = live.as_os_str().to_owned();
    kept.push(format!("-before-restore-{}", unix_secs()));
    let kept = PathBuf::from(kept);
    let files = crate::private_files::database_files(live);
    for (from, to) in files
        .iter()
        .zip(crate::private_files::database_files(&kept))
    {
        if !from.exists() {
            continue;
        }
        crate::private_files::ensure(&to).map_err(io(&to))?;
        std::fs::copy(from, &to).map_err(io(&to))?;
    }
    Ok(kept)
}

/// The newest schema this binary knows (its last SQLite migration).
fn newest_migration() -> i64 {
    sqlx::migrate!("./migrations/sqlite")
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// The path of the SQLite database of `database_url`, which must exist.
fn existing_database(database_url: &str) -> Result<PathBuf, BackupError> {
    if Engine::of(database_url) != Some(Engine::Sqlite) {
        return Err(BackupError::NotSqlite);
    }
    let path = PathBuf::from(sqlite_path(database_url));
    if path.is_file() {
        Ok(path)
    } else {
        Err(BackupError::NoDatabase(path))
    }
}

/// Copies `from` in one step of the backup API into a temporary file beside
/// `to`, checks it, syncs it and names it `to`.
fn copy_to_new_file(from: &Connection, to: &Path) -> Result<Copied, BackupError> {
    let mut temporary = to.as_os_str().to_owned();
    temporary.push(format!(".partial-{}", std::process::id()));
    let temporary = PathBuf::from(temporary);
    crate::private_files::ensure(&temporary).map_err(io(&temporary))?;
    let copied = (|| {
        let mut into = Connection::open(&temporary)?;
        // One step copies every page under one read transaction: the
        // copy is what was committed when it began.
        copy_all(from, &mut into)?;
        // A copy stands on its own: no WAL beside it.
        into.pragma_update(None, "journal_mode", "DELETE")?;
        let orders = check_copy(&into, i64::MAX).map_err(|why| BackupError::NotABackup {
            path: temporary.clone(),
            why,
        })?;
        drop(into);
        std::fs::File::open(&temporary)
            .and_then(|f| f.sync_all())
            .map_err(io(&temporary))?;
        std::fs::rename(&temporary, to).map_err(io(to))?;
        Ok(Copied {
            path: to.to_owned(),
            orders,
            bytes: file_len(to)?,
        })
    })();
    if copied.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    copied
}

/// Copies every page of `from` into `into` in one step of the backup API
/// (one read transaction), trying again while a lock is held (a
/// checkpoint, a writer on the destination).
fn copy_all(from: &Connection, into: &mut Connection) -> Result<(), BackupError> {
    let backup = Backup::new(from, into)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // More (not with -1), Busy, Locked, or what a later SQLite adds.
            _ => std::thread::sleep(BUSY_PAUSE),
        }
    }
}

/// Checks that `copy` is a sound Zerostep database no newer than
/// `newest_migration`; its orders.
fn check_copy(copy: &Connection, newest_migration: i64) -> Result<i64, String> {
    let integrity: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| format!("not a SQLite database ({e})"))?;
    if integrity != "ok" {
        return Err(format!("SQLite's integrity check failed: {integrity}"));
    }
    let version: Option<i64> = copy
        .query_row(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE success",
            [],
            |r| r.get(0),
        )
        .map_err(|_| "not a Zerostep database (no migrations recorded)".to_owned())?;
    let version = version.ok_or("not a Zerostep database (no migrations applied)")?;
    if version > newest_migration {
        return Err(format!(
            "made by a newer Zerostep (schema {version}; this one knows up to {newest_migration}): restore it with that version"
        ));
    }
    copy.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))
        .map_err(|e| format!("not a Zerostep database ({e})"))
}

fn file_len(path: &Path) -> Result<u64, BackupError> {
    std::fs::metadata(path).map(|m| m.len()).map_err(io(path))
}

fn unix_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
