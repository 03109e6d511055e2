//! `cargo xtask run`: build both SPAs, start the server with its sandbox on
//! SQLite under `data/`, print the URLs, and stop cleanly on Ctrl-C.

use std::process::{Command, ExitCode};
use std::time::Duration;

use crate::setup::{self, Options};
use crate::util::{cmd, project_root, run_ok, say, target_dir, wait_for_ok};

/// Builds the checkout SPA (`dist/`) and the admin SPA (`admin/dist/`) in release.
pub fn build_spas() -> Result<(), String> {
    let root = project_root();
    say("building the checkout SPA (trunk build --release)");
    run_ok(
        cmd("trunk").args(["build", "--release"]).current_dir(&root),
        "trunk build (checkout)",
    )?;
    say("building the admin SPA (trunk build --release)");
    run_ok(
        cmd("trunk")
            .args(["build", "--release"])
            .current_dir(root.join("admin")),
        "trunk build (admin)",
    )
}

/// Builds the server binary and returns a command that runs it with the
/// SPAs built above, on `port`, hosting the sandbox on `sandbox_port`.
pub fn server_command(port: u16, sandbox_port: u16, database_url: &str) -> Result<Command, String> {
    say("building the server (cargo build -p zerostep-server)");
    run_ok(
        cmd("cargo").args(["build", "--package", "zerostep-server"]),
        "cargo build (server)",
    )?;
    let root = project_root();
    let mut server = Command::new(target_dir().join("debug/zerostep-server"));
    server
        .current_dir(&root)
        .env("ZEROSTEP_HOST", "127.0.0.1")
        .env("ZEROSTEP_PORT", port.to_string())
        .env(
            "ZEROSTEP_SANDBOX_LISTEN",
            format!("127.0.0.1:{sandbox_port}"),
        )
        .env("ZEROSTEP_DATABASE_URL", database_url)
        .env("ZEROSTEP_CHECKOUT_DIST", root.join("dist"))
        .env("ZEROSTEP_ADMIN_DIST", root.join("admin/dist"))
        .env("ZEROSTEP_POSTAL_DATA", root.join("data/postal/ken_all.tsv"));
    Ok(server)
}

fn flag(args: &[String], name: &str, default: u16) -> Result<u16, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(default),
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{name} needs a port number from 1 to 65535")),
    }
}

/// The `run` command.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let port = flag(args, "--port", 8080)?;
    let sandbox_port = flag(args, "--sandbox-port", 8081)?;
    setup::setup(Options { browser: false })?;
    build_spas()?;
    let mut child = server_command(port, sandbox_port, "sqlite://data/zerostep.db")?
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    // Ctrl-C reaches the server directly (same process group); xtask only
    // waits for it to finish shutting down.
    let _ = ctrlc::set_handler(|| {});
    if let Err(err) = wait_for_ok(port, "/api/health", Duration::from_secs(60)) {
        crate::util::stop_child(&mut child);
        return Err(err);
    }
    println!();
    println!("  Zerostep is running (Ctrl-C stops it).");
    println!("  Shop:     http://127.0.0.1:{port}/");
    println!("  Admin:    http://127.0.0.1:{port}/admin/");
    println!(
        "  Sandbox:  http://127.0.0.1:{sandbox_port}/  (trader code 888888709, access key 1111111)"
    );
    println!("  Admin login: admin, with the password the server printed at its first start above");
    println!(
        "               (or the one in ZEROSTEP_ADMIN_PASSWORD when the database was created)."
    );
    println!("  Database: data/zerostep.db (SQLite)");
    println!();
    let status = child
        .wait()
        .map_err(|e| format!("waiting for the server: {e}"))?;
    say(format!("server stopped ({status})"));
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
