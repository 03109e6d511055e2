//! `zerostep-server backup` and `restore`, run as an operator runs them
//! beside a live shop: the real server binary places orders on a SQLite
//! file while the backup copies it, and the copy must open and hold every
//! order committed before it began; a restore puts a copy back and keeps
//! what it replaced. Always on SQLite (PostgreSQL has pg_dump).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

// Shared with the API suite, which uses all of it.
#[allow(dead_code)]
mod common;
#[allow(dead_code)]
#[path = "support/instances.rs"]
mod instances;

use instances::{place, Gateway, Server};

fn database(dir: &Path) -> PathBuf {
    dir.join("data/zerostep.db")
}

fn url(dir: &Path) -> String {
    format!("sqlite://{}", database(dir).display())
}

/// Runs `zerostep-server` with `args` on the database of `dir`, in an
/// empty folder, with no other setting.
fn cli(dir: &Path, args: &[&str]) -> Output {
    let empty = tempfile::tempdir().expect("a folder");
    Command::new(env!("CARGO_BIN_EXE_zerostep-server"))
        .args(args)
        .current_dir(empty.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("ZEROSTEP_DATABASE_URL", url(dir))
        .output()
        .expect("ran")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The order numbers in the SQLite file `file`, read as a reader beside
/// the server.
fn order_numbers(file: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the database opens");
    conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
    let mut statement = conn
        .prepare("SELECT order_number FROM orders ORDER BY id")
        .expect("orders");
    let numbers = statement
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<Vec<String>, _>>()
        .expect("rows");
    numbers
}

/// Places orders from `tasks` tasks at once until `stop`; how many each placed.
fn keep_placing(
    gateway: &Arc<Gateway>,
    server: &str,
    tasks: usize,
    stop: &Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<usize>> {
    (0..tasks)
        .map(|task| {
            let (gateway, stop) = (Arc::clone(gateway), Arc::clone(stop));
            let server = server.to_owned();
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut placed = 0;
                while !stop.load(Ordering::Relaxed) {
                    let token = gateway.token().await;
                    let key = format!("backup-{task}-{placed}");
                    let answer = place(&client, &server, &key, &token)
                        .await
                        .expect("the server answers");
                    assert!(answer.status().is_success(), "{}", answer.status());
                    placed += 1;
                }
                placed
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_orders_are_placed_holds_every_order_committed_before_it() {
    let dir = tempfile::tempdir().expect("a folder");
    let gateway = Arc::new(Gateway::start().await);
    let server = Server::start_on(&url(dir.path()), dir.path(), &gateway, None, 0);
    let stop = Arc::new(AtomicBool::new(false));
    let placers = keep_placing(&gateway, &server.url, 4, &stop);
    let deadline = Instant::now() + Duration::from_secs(60);
    while order_numbers(&database(dir.path())).len() < 20 {
        assert!(Instant::now() < deadline, "orders are being placed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let committed_before = order_numbers(&database(dir.path()));
    let copy = dir.path().join("backups/shop.db");
    std::fs::create_dir_all(copy.parent().expect("folder")).expect("folder");
    let backup = {
        let (dir, copy) = (dir.path().to_owned(), copy.clone());
        tokio::task::spawn_blocking(move || cli(&dir, &["backup", &copy.display().to_string()]))
            .await
            .expect("ran")
    };
    let after_backup = order_numbers(&database(dir.path())).len();
    stop.store(true, Ordering::Relaxed);
    let mut placed = 0;
    for placer in placers {
        placed += placer.await.expect("placed");
    }

    let out = text(&backup.stdout);
    assert!(backup.status.success(), "{out} {}", text(&backup.stderr));
    let copied = order_numbers(&copy);
    assert!(
        out.contains(&format!("{} orders", copied.len())),
        "says what it holds: {out}"
    );
    for number in &committed_before {
        assert!(copied.contains(number), "{number} is in the copy");
    }
    // The shop kept taking orders: the copy was taken online.
    let all = order_numbers(&database(dir.path()));
    assert_eq!(all.len(), placed, "every placed order is recorded");
    assert!(
        after_backup >= copied.len() && all.len() > committed_before.len(),
        "before {} copied {} after {after_backup} all {}",
        committed_before.len(),
        copied.len(),
        all.len()
    );
    // The copy stands on its own (no WAL beside it) and passes SQLite's check.
    let conn = Connection::open(&copy).expect("the copy opens");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("checked");
    assert_eq!(integrity, "ok");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete");
    drop(server);
}

/// Places the orders numbered `numbers`, each authorized.
async fn place_orders(
    gateway: &Gateway,
    client: &reqwest::Client,
    server: &Server,
    numbers: std::ops::Range<usize>,
) {
    for n in numbers {
        let token = gateway.token().await;
        let answer = place(client, &server.url, &format!("restore-{n}"), &token)
            .await
            .expect("placed");
        assert!(answer.status().is_success(), "{}", answer.status());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_puts_a_copy_back_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().expect("a folder");
    let gateway = Arc::new(Gateway::start().await);
    let client = reqwest::Client::new();
    let server = Server::start_on(&url(dir.path()), dir.path(), &gateway, None, 0);
    place_orders(&gateway, &client, &server, 0..3).await;
    let copy = dir.path().join("three.db");
    let backup = cli(dir.path(), &["backup", &copy.display().to_string()]);
    assert!(backup.status.success(), "{}", text(&backup.stderr));
    place_orders(&gateway, &client, &server, 3..5).await;
    let five = order_numbers(&database(dir.path()));
    assert_eq!(five.len(), 5);
    // Not under a running server: it keeps the shop's settings in memory.
    let refused = cli(dir.path(), &["restore", &copy.display().to_string()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("a server is running on it"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(order_numbers(&database(dir.path())), five);
    drop(server);
    // A stopped server's last beat is older than 10 seconds before a restore.
    tokio::time::sleep(Duration::from_secs(11)).await;

    let restored = cli(dir.path(), &["restore", &copy.display().to_string()]);
    let out = text(&restored.stdout);
    assert!(
        restored.status.success(),
        "{out} {}",
        text(&restored.stderr)
    );
    assert_eq!(order_numbers(&database(dir.path())), five[..3].to_vec());
    // What it replaced is kept beside it, named in the output.
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path().join("data"))
        .expect("folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.display().to_string();
            name.contains("-before-restore-") && !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(out.contains(&kept[0].display().to_string()), "{out}");
    assert_eq!(order_numbers(&kept[0]), five);

    // The shop starts on the restored database and goes on from there.
    let server = Server::start_on(&url(dir.path()), dir.path(), &gateway, None, 1);
    let token = gateway.token().await;
    let answer = place(&client, &server.url, "restore-after", &token)
        .await
        .expect("placed");
    assert!(answer.status().is_success(), "{}", answer.status());
    assert_eq!(order_numbers(&database(dir.path())).len(), 4);
}

#[tokio::test]
async fn what_cannot_be_backed_up_or_restored_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().expect("a folder");
    // No database yet.
    let missing = cli(dir.path(), &["backup", "copy.db"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).contains("no such database"),
        "{}",
        text(&missing.stderr)
    );

    // A database to refuse things about.
    zerostep_server::store::connect_and_migrate(&url(dir.path()))
        .await
        .expect("a database")
        .close()
        .await;
    let first = dir.path().join("first.db");
    let backup = cli(dir.path(), &["backup", &first.display().to_string()]);
    assert!(backup.status.success(), "{}", text(&backup.stderr));
    let before = std::fs::read(&first).expect("copy");

    // A backup never overwrites a file.
    let again = cli(dir.path(), &["backup", &first.display().to_string()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("exists already"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read(&first).expect("copy"), before);

    // A file that is not a copy of a Zerostep database is not restored.
    let live = std::fs::read(database(dir.path())).expect("live");
    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, "not a database").expect("written");
    let other = dir.path().join("other.db");
    Connection::open(&other)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .expect("another database");
    let newer = dir.path().join("newer.db");
    std::fs::copy(&first, &newer).expect("copied");
    Connection::open(&newer)
        .and_then(|c| {
            c.execute(
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (99999999999999, 'from the future', TRUE, x'00', 0)",
                [],
            )
        })
        .expect("a newer schema");
    for (file, why) in [
        (&not_sqlite, "not a SQLite database"),
        (&other, "not a Zerostep database"),
        (&newer, "made by a newer Zerostep"),
        (&dir.path().join("absent.db"), "no such file"),
    ] {
        let refused = cli(dir.path(), &["restore", &file.display().to_string()]);
        let err = text(&refused.stderr);
        assert_eq!(refused.status.code(), Some(1), "{file:?}: {err}");
        assert!(err.contains(why), "{file:?}: {err}");
    }
    assert_eq!(std::fs::read(database(dir.path())).expect("live"), live);

    // PostgreSQL has its own tools.
    let postgres = Command::new(env!("CARGO_BIN_EXE_zerostep-server"))
        .args(["backup", "copy.db"])
        .current_dir(dir.path())
        .env_clear()
        .env(
            "ZEROSTEP_DATABASE_URL",
            "postgres://shop@db.internal/zerostep",
        )
        .output()
        .expect("ran");
    assert_eq!(postgres.status.code(), Some(1));
    assert!(
        text(&postgres.stderr).contains("pg_dump"),
        "{}",
        text(&postgres.stderr)
    );
}
