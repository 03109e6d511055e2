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

/// A port: `--name N` when given, else the documented setting `env` when
/// set (a `ZEROSTEP_*` variable), else `default`.
fn port_setting(
    args: &[String],
    name: &str,
    env: Option<&str>,
    default: u16,
) -> Result<u16, String> {
    match args.iter().position(|a| a == name) {
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("{name} needs a port number from 1 to 65535")),
        None => match env.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => v
                .parse()
                .map_err(|_| format!("{name}: the setting {v:?} is not a port number")),
            None => Ok(default),
        },
    }
}

/// The settings `cargo xtask run` starts the server with, after its own
/// defaults: every `ZEROSTEP_*` variable in `env` that the server reads as
/// given (the database, the front ends' folders, the postal data, the
/// allowed embedding origins and the rest), so a documented setting is
/// never replaced. The ports are chosen by [`port_setting`].
fn own_settings(env: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    const CHOSEN_HERE: [&str; 3] = [
        "ZEROSTEP_PORT",
        "ZEROSTEP_ADMIN_PORT",
        "ZEROSTEP_SANDBOX_LISTEN",
    ];
    env.filter(|(k, _)| k.starts_with("ZEROSTEP_") && !CHOSEN_HERE.contains(&k.as_str()))
        .collect()
}

/// A database URL without its password, as it is printed.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The `run` command.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let env = |name: &str| std::env::var(name).ok();
    let port = port_setting(args, "--port", env("ZEROSTEP_PORT").as_deref(), 8080)?;
    // `host:port`, or `off` with an external sandbox at ZEROSTEP_SANDBOX_URL.
    let sandbox_listen = env("ZEROSTEP_SANDBOX_LISTEN");
    let sandbox_off = sandbox_listen.as_deref().map(str::trim) == Some("off");
    let sandbox_from_env = sandbox_listen
        .as_deref()
        .filter(|_| !sandbox_off)
        .and_then(|l| l.rsplit(':').next());
    let sandbox_port = port_setting(args, "--sandbox-port", sandbox_from_env, 8081)?;
    let host_port = port_setting(args, "--host-port", None, 8082)?;
    let admin_port = port_setting(
        args,
        "--admin-port",
        env("ZEROSTEP_ADMIN_PORT").as_deref(),
        8083,
    )?;
    let database = env("ZEROSTEP_DATABASE_URL")
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "sqlite://data/zerostep.db".to_owned());
    setup::setup(Options { browser: false })?;
    build_spas()?;
    let mut host = host_example_command(host_port, port, sandbox_port)?
        .spawn()
        .map_err(|e| format!("cannot start the example host site: {e}"))?;
    let mut child =
        match server_command(false, port, admin_port, sandbox_port, host_port, &database).and_then(
            |mut c| {
                c.envs(own_settings(std::env::vars()));
                if sandbox_off {
                    c.env("ZEROSTEP_SANDBOX_LISTEN", "off");
                }
                c.spawn()
                    .map_err(|e| format!("cannot start the server: {e}"))
            },
        ) {
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
    if sandbox_off {
        println!("  Sandbox:  not hosted here (ZEROSTEP_SANDBOX_LISTEN=off; ZEROSTEP_SANDBOX_URL)");
    } else {
        println!(
            "  Sandbox:  http://127.0.0.1:{sandbox_port}/  (trader code 888888709, access key 1111111)"
        );
    }
    println!(
        "  Admin login: admin, with the password in data/first-admin-password.txt (made at the"
    );
    println!("               first start; you choose your own at the first login), or the one in");
    println!("               ZEROSTEP_ADMIN_PASSWORD when the database was created.");
    println!("  Database: {}", redacted(&database));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_port_comes_from_its_flag_then_its_setting_then_the_default() {
        let args = ["--port".to_owned(), "9000".to_owned()];
        assert_eq!(port_setting(&args, "--port", Some("7000"), 8080), Ok(9000));
        assert_eq!(port_setting(&[], "--port", Some("7000"), 8080), Ok(7000));
        assert_eq!(port_setting(&[], "--port", Some(" "), 8080), Ok(8080));
        assert_eq!(port_setting(&[], "--port", None, 8080), Ok(8080));
        let err = port_setting(&[], "--port", Some("eighty"), 8080).expect_err("refused");
        assert!(err.contains("\"eighty\" is not a port number"), "{err}");
    }

    #[test]
    fn the_documented_settings_given_are_passed_on_as_given() {
        let env = [
            ("ZEROSTEP_DATABASE_URL", "postgres://shop:pw@db/zerostep"),
            ("ZEROSTEP_POSTAL_DATA", "/srv/ken_all.tsv"),
            ("ZEROSTEP_PORT", "9000"),
            ("ZEROSTEP_SANDBOX_LISTEN", "127.0.0.1:9001"),
            ("HOME", "/root"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let passed = own_settings(env.into_iter());
        assert_eq!(
            passed,
            [
                ("ZEROSTEP_DATABASE_URL", "postgres://shop:pw@db/zerostep"),
                ("ZEROSTEP_POSTAL_DATA", "/srv/ken_all.tsv"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn a_database_url_is_printed_without_its_password() {
        assert_eq!(
            redacted("postgres://shop:s3cret@db.internal:5432/zerostep"),
            "postgres://shop:***@db.internal:5432/zerostep"
        );
        assert_eq!(
            redacted("sqlite://data/zerostep.db"),
            "sqlite://data/zerostep.db"
        );
        assert_eq!(
            redacted("postgres://shop@db/zerostep"),
            "postgres://shop@db/zerostep"
        );
    }
}
