//! The real server binary's memory as the system sees it (its resident set):
//! what a request holds must be given back. A login hashes the password with
//! argon2id, whose working block is 19 MiB; with glibc's allocator each
//! login kept its block resident, so the server grew by 19 MiB a login
//! (wrong passwords too) until its arenas ran out.
#![cfg(target_os = "linux")]

use std::time::Duration;

// Shared with the API suite, which uses all of it.
#[allow(dead_code)]
mod common;
#[allow(dead_code)]
#[path = "support/instances.rs"]
mod instances;

use instances::{Gateway, Server, ADMIN_PASSWORD};

/// The process's resident set, in KiB, as `/proc` tells it.
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_give_their_hashing_memory_back() {
    let dir = tempfile::tempdir().expect("a folder");
    let gateway = Gateway::start().await;
    let mut server = Server::start(dir.path(), &gateway, None, 0);
    let pid = server.child.id();
    let client = reqwest::Client::new();

    // The first logins set up what stays: the pool, the session store, and
    // the one block the allocator keeps for the thread that hashes (it is
    // sometimes still counted when the first login ends, sometimes not).
    for _ in 0..2 {
        assert!(
            common::admin_login(&client, &server.admin_url, ADMIN_PASSWORD)
                .await
                .status()
                .is_success()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let before = resident_kib(pid);
    for i in 0..8 {
        let password = if i % 2 == 0 {
            ADMIN_PASSWORD
        } else {
            "not-the-password-at-all"
        };
        let status = common::admin_login(&client, &server.admin_url, password)
            .await
            .status();
        assert!(
            status.is_success() || status == reqwest::StatusCode::UNAUTHORIZED,
            "login {i}: {status}"
        );
        // Spaced out, as logins come.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let after = resident_kib(pid);
    let grown_mib = after.saturating_sub(before) / 1024;
    let _ = server.child.kill();
    let _ = server.child.wait();
    // Eight argon2 blocks kept would be 152 MiB; the bound leaves room for
    // one block more than the warm-up left (19 MiB), not for two.
    assert!(
        grown_mib < 32,
        "the server grew by {grown_mib} MiB over eight logins ({before} KiB to {after} KiB)"
    );
}
