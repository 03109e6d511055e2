//! `zerostep-server migrate-data`, run as an operator moves a shop that
//! outgrew one machine: a shop sells on SQLite through the real binary, is
//! stopped, is carried into a fresh PostgreSQL database, and sells on from
//! there with its orders, its admin and its settings. Needs PostgreSQL:
//! `cargo xtask test` runs it in its `postgres` layer (with
//! `--include-ignored`, against the throwaway server it starts).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

// Shared with the API suite, which uses all of it.
#[allow(dead_code)]
mod common;
#[allow(dead_code)]
#[path = "support/instances.rs"]
mod instances;

use instances::{place, Gateway, Server, ADMIN_PASSWORD};

fn migrate(dir: &Path, from: &str, to: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zerostep-server"))
        .args(["migrate-data", "--from", from, "--to", to])
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("ran")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The orders an admin sees in 受注明細 (their 注文番号).
async fn order_numbers(client: &reqwest::Client, server: &Server) -> Vec<String> {
    let (cookie, _) = common::admin_session(client, &server.admin_url, ADMIN_PASSWORD).await;
    let list: Value = client
        .get(format!("{}/api/admin/orders", server.admin_url))
        .header("cookie", cookie)
        .send()
        .await
        .expect("listed")
        .json()
        .await
        .expect("json");
    let mut numbers: Vec<String> = list
        .as_array()
        .expect("orders")
        .iter()
        .filter_map(|o| o["order_number"].as_str().map(str::to_owned))
        .collect();
    numbers.sort();
    numbers
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ZEROSTEP_TEST_POSTGRES): the postgres layer of cargo xtask test runs it"]
async fn a_shop_moves_from_sqlite_to_postgresql_whole_and_sells_on() {
    assert!(
        std::env::var_os(common::POSTGRES_ENV).is_some(),
        "set {} to a PostgreSQL server",
        common::POSTGRES_ENV
    );
    let dir = tempfile::tempdir().expect("a folder");
    let sqlite = format!("sqlite://{}", dir.path().join("data/zerostep.db").display());
    let postgres = common::database_url(dir.path());
    common::create_database(dir.path()).await;
    let gateway = Gateway::start().await;
    let client = reqwest::Client::new();

    let shop = Server::start_on(&sqlite, dir.path(), &gateway, None, 0);
    for n in 0..3 {
        let token = gateway.token().await;
        let answer = place(&client, &shop.url, &format!("move-{n}"), &token)
            .await
            .expect("placed");
        assert_eq!(answer.status(), 201);
    }
    let before = order_numbers(&client, &shop).await;
    assert_eq!(before.len(), 3);
    drop(shop);

    // Refused: the wrong kinds of database, named.
    let backwards = migrate(dir.path(), &postgres, &sqlite);
    assert_eq!(backwards.status.code(), Some(1));
    assert!(text(&backwards.stderr).contains("--from must be a sqlite://"));

    let moved = migrate(dir.path(), &sqlite, &postgres);
    let out = text(&moved.stdout);
    assert!(moved.status.success(), "{out}{}", text(&moved.stderr));
    let orders_line = out
        .lines()
        .find(|l| l.starts_with("orders "))
        .unwrap_or_else(|| panic!("the orders table is reported: {out}"));
    assert!(orders_line.contains(" 3 rows"), "{orders_line}");
    assert!(out.contains("each verified"), "{out}");
    for table in [
        "admin_users",
        "gateway_operations",
        "outbox",
        "idempotency_keys",
        "products",
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{table} "))),
            "{table} is copied: {out}"
        );
    }

    // Run again, it refuses: the database holds a shop now.
    let again = migrate(dir.path(), &sqlite, &postgres);
    assert_eq!(again.status.code(), Some(1));
    let err = text(&again.stderr);
    assert!(err.contains("is not empty"), "{err}");

    // The shop on PostgreSQL: the same orders, the same admin, and new
    // orders after the copied ones.
    let shop = Server::start_on(&postgres, dir.path(), &gateway, None, 1);
    assert_eq!(order_numbers(&client, &shop).await, before);
    let token = gateway.token().await;
    let answer = place(&client, &shop.url, "move-after", &token)
        .await
        .expect("placed");
    assert_eq!(
        answer.status(),
        201,
        "{}",
        answer.text().await.unwrap_or_default()
    );
    assert_eq!(order_numbers(&client, &shop).await.len(), 4);
}
