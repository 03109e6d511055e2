//! `cargo xtask run`: build both SPAs, start the server with its sandbox on
//! SQLite under `data/`, print the URLs, and stop cleanly on Ctrl-C.

use std::process::{Command, ExitCode};
use std::time::Duration;

use crate::setup::{self, Options};
use crate::util::{cmd, project_root, run_ok, say, target_dir, wait_for_ok};

/// Builds the checkout SPA (`dist/`), the admin SPA (`admin/dist/`) and the
/// embeddable widget (`embed/dist/`) in release.
pub fn build_spas() -> Result<(), String> {
    let root = project_root();
    for (what, dir) in [
        ("the checkout SPA", "."),
        ("the admin SPA", "admin"),
        ("the embeddable widget", "embed"),
    ] {
        say(format!("building {what} (trunk build --release in {dir})"));
        run_ok(
            cmd("trunk")
                .args(["build", "--release"])
                .current_dir(root.join(dir)),
            &format!("trunk build ({what})"),
        )?;
        precompress(&root.join(dir).join("dist"))?;
    }
    Ok(())
}

/// Writes `file.br` (brotli -q 11) and `file.gz` (gzip -9) beside every
/// wasm, JS, CSS and HTML file in `dir`, for the server to send as they are.
pub fn precompress(dir: &std::path::Path) -> Result<(), String> {
    let have_brotli = crate::util::on_path("brotli");
    if !have_brotli {
        say("brotli is not installed: serving gzip only (`cargo xtask setup` installs it)");
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if !matches!(ext, "wasm" | "js" | "css" | "html") {
            continue;
        }
        if have_brotli {
            run_ok(
                cmd("brotli").args(["-q", "11", "-k", "-f"]).arg(&path),
                "brotli",
            )?;
        }
        run_ok(cmd("gzip").args(["-9", "-k", "-f"]).arg(&path), "gzip")?;
    }
    Ok(())
}

/// Builds the example host site and returns a command that serves it on
/// `port`, embedding the checkout from the server on `api_port`.
pub fn host_example_command(
    port: u16,
    api_port: u16,
    sandbox_port: u16,
) -> Result<Command, String> {
    run_ok(
        cmd("cargo").args(["build", "--package", "zerostep-host-example"]),
        "cargo build (host example)",
    )?;
    let mut host = Command::new(target_dir().join("debug/zerostep-host-example"));
    host.args([
        "--listen",
        &format!("127.0.0.1:{port}"),
        "--api",
        &format!("http://127.0.0.1:{api_port}"),
        "--token-origin",
        &format!("http://127.0.0.1:{sandbox_port}"),
    ]);
    Ok(host)
}

/// Builds the server binary (in release when `release`) and returns a
/// command that runs it with the SPAs built above, on `port`, hosting the
/// sandbox on `sandbox_port`, and letting the example host site on
/// `host_port` (unless 0) embed the checkout.
pub fn server_command(
    release: bool,
    port: u16,
    admin_port: u16,
    sandbox_port: u16,
    host_port: u16,
    database_url: &str,
) -> Result<Command, String> {
    let mut build = cmd("cargo");
    build.args(["build", "--package", "zerostep-server"]);
    if release {
        build.arg("--release");
    }
    say("building the server (cargo build -p zerostep-server)");
    run_ok(&mut build, "cargo build (server)")?;
    let root = project_root();
    let profile = if release { "release" } else { "debug" };
    let mut server = Command::new(target_dir().join(profile).join("zerostep-server"));
    server
        .current_dir(&root)
        .env("ZEROSTEP_HOST", "127.0.0.1")
        .env("ZEROSTEP_PORT", port.to_string())
        .env("ZEROSTEP_ADMIN_PORT", admin_port.to_string())
        .env(
            "ZEROSTEP_SANDBOX_LISTEN",
            format!("127.0.0.1:{sandbox_port}"),
        )
        .env("ZEROSTEP_DATABASE_URL", database_url)
        .env("ZEROSTEP_CHECKOUT_DIST", root.join("dist"))
        .env("ZEROSTEP_ADMIN_DIST", root.join("admin/dist"))
        .env("ZEROSTEP_EMBED_DIST", root.join("embed/dist"))
        .env(
            "ZEROSTEP_EMBED_ORIGINS",
            if host_port == 0 {
                String::new()
            } else {
                format!("http://127.0.0.1:{host_port}")
            },
        )
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
    let host_port = flag(args, "--host-port", 8082)?;
    let admin_port = flag(args, "--admin-port", 8083)?;
    setup::setup(Options { browser: false })?;
    build_spas()?;
    let mut host = host_example_command(host_port, port, sandbox_port)?
        .spawn()
        .map_err(|e| format!("cannot start the example host site: {e}"))?;
    let mut child = match server_command(
        false,
        port,
        admin_port,
        sandbox_port,
        host_port,
        "sqlite://data/zerostep.db",
    )
    .and_then(|mut c| {
        c.spawn()
            .map_err(|e| format!("cannot start the server: {e}"))
    }) {
        Ok(child) => child,
        Err(err) => {
            crate::util::stop_child(&mut host);
            return Err(err);
        }
    };
    // Ctrl-C reaches the server directly (same process group); xtask only
    // waits for it to finish shutting down.
    let _ = ctrlc::set_handler(|| {});
    if let Err(err) = wait_for_ok(port, "/api/health", Duration::from_secs(60)) {
        crate::util::stop_child(&mut child);
        crate::util::stop_child(&mut host);
        return Err(err);
    }
    println!();
    println!("  Zerostep is running (Ctrl-C stops it).");
    println!("  Shop:     http://127.0.0.1:{port}/");
    println!("  Admin:    http://localhost:{admin_port}/admin/  (an origin of its own)");
    println!("  Embedded: http://127.0.0.1:{host_port}/  (a merchant's page on another origin, with <zerostep-checkout>)");
    println!(
        "  Sandbox:  http://127.0.0.1:{sandbox_port}/  (trader code 888888709, access key 1111111)"
    );
    println!(
        "  Admin login: admin, with the password in data/first-admin-password.txt (made at the"
    );
    println!("               first start; you choose your own at the first login), or the one in");
    println!("               ZEROSTEP_ADMIN_PASSWORD when the database was created.");
    println!("  Database: data/zerostep.db (SQLite)");
    println!();
    let status = child
        .wait()
        .map_err(|e| format!("waiting for the server: {e}"))?;
    crate::util::stop_child(&mut host);
    say(format!("server stopped ({status})"));
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
