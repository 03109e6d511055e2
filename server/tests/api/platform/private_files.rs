//! Personal data at rest (security review L7): the SQLite database (with its
//! WAL) and the outbox's mails are for their owner only, whatever the
//! umask; so are the folders the server makes for them.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::helpers::{card_order, spawn_app};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn the_database_and_the_mails_are_for_their_owner_only() {
    let app = spawn_app().await;
    card_order(&app, "4111111111111111").await;
    let outbox = app.dir.path().join("outbox");
    let mails: Vec<_> = std::fs::read_dir(&outbox)
        .expect("the outbox folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert!(!mails.is_empty(), "the order's mails were written");
    assert_eq!(mode(&outbox), 0o700, "{}", outbox.display());
    for mail in &mails {
        assert_eq!(mode(mail), 0o600, "{}", mail.display());
    }
    let url = app.database_url();
    let Some(file) = url.strip_prefix("sqlite://") else {
        return; // PostgreSQL: the server's own files are its administrator's.
    };
    let database = Path::new(file);
    assert_eq!(mode(database.parent().expect("folder")), 0o700);
    assert_eq!(mode(database), 0o600);
    let wal = Path::new(&format!("{file}-wal")).to_owned();
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600, "the WAL takes the database's mode");
    }
}
