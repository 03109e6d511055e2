//! `zerostep-server`: the shop's API, the merchant's admin and, in sandbox
//! mode, the gateway's sandbox. `serve` (the default) reads the settings,
//! builds the application and serves until Ctrl-C or SIGTERM;
//! `check-config` reads and checks the settings and says what it would
//! serve; `reset-admin-password [login]` gives the admin
//! (`ZEROSTEP_ADMIN_LOGIN` by default) a new password, written to
//! `ZEROSTEP_FIRST_PASSWORD_FILE` and to be changed at the next login; it
//! ends their sessions and turns their TOTP off (a lost phone); `backup
//! FILE` copies the SQLite database while the shop runs and `restore FILE`
//! puts such a copy back (the server stopped), keeping what it replaces. An
//! unknown argument is refused with the usage, before anything is read or
//! served.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zerostep_server::config::LogFormat;
use zerostep_server::{Application, Config};

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "zerostep-server",
    version,
    about = "Zerostep: the shop's API, the merchant's admin and (in sandbox mode) the gateway's sandbox.",
    after_help = "Settings come from zerostep.toml and ZEROSTEP_* environment variables (see the README's Configuration)."
)]
struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the shop, the admin and (in sandbox mode) the sandbox until Ctrl-C or SIGTERM (the default).
    Serve,
    /// Read and check the settings, say what would be served, and exit.
    CheckConfig,
    /// Give an admin a new password, written to ZEROSTEP_FIRST_PASSWORD_FILE, to be changed at the next login.
    ResetAdminPassword {
        /// The admin's login (default: ZEROSTEP_ADMIN_LOGIN).
        login: Option<String>,
    },
    /// Copy the SQLite database to FILE while the shop runs (SQLite's online backup: what was committed when it began).
    Backup {
        /// The copy to write; an existing file is never overwritten.
        file: PathBuf,
    },
    /// Put a copy made by `backup` back as the database; stop the server first. The database it replaces is kept beside it.
    Restore {
        /// The copy to put back.
        file: PathBuf,
    },
    /// Copy a shop from its SQLite file into a fresh PostgreSQL database, verify every table (rows and checksums), and commit only then.
    MigrateData {
        /// The SQLite database (sqlite://path); stop the server first.
        #[arg(long)]
        from: String,
        /// The fresh PostgreSQL database (postgres://user:password@host/db); a database holding a shop is refused.
        #[arg(long)]
        to: String,
    },
}

/// glibc's allocator raises its threshold for giving big blocks back to the
/// system to the largest block freed, so each login's argon2 block (19 MiB,
/// hashed on a blocking thread with an arena of its own) stayed resident:
/// about 19 MiB more per login, attempt or not. mimalloc keeps at most the
/// block last freed by a hashing thread, and the next login reuses it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    // Before anything is read: `--help`, `--version` and a wrong argument
    // answer at once (exit 2 with the usage for the last).
    let cli = Cli::parse();
    let settings = match Config::load() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("zerostep-server: {err}");
            return ExitCode::from(2);
        }
    };
    init_logging(settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(settings).await,
        Command::CheckConfig => check_config(&settings),
        Command::ResetAdminPassword { login } => {
            let login = login.unwrap_or_else(|| settings.admin_login.clone());
            reset_admin_password(&settings, &login).await
        }
        Command::Backup { file } => {
            let copied = zerostep_server::store::backup::backup(&settings.database_url, &file);
            said(copied.map(|c| vec![format!("backed up {}", held(&c))]))
        }
        Command::Restore { file } => {
            let restored = zerostep_server::store::backup::restore(&settings.database_url, &file);
            said(restored.map(|(live, kept)| {
                let mut lines = vec![format!("restored {} from {}", held(&live), file.display())];
                if let Some(kept) = kept {
                    lines.push(format!(
                        "the database it replaced is kept as {}",
                        kept.display()
                    ));
                }
                lines.push("start the server to go on from there".to_owned());
                lines
            }))
        }
        Command::MigrateData { from, to } => migrate_data(&from, &to).await,
    }
}

/// `migrate-data`: each table with its rows and checksum, the same on both
/// sides, or why nothing was committed.
async fn migrate_data(from: &str, to: &str) -> ExitCode {
    match zerostep_server::store::move_data::migrate_data(from, to).await {
        Ok(tables) => {
            for t in &tables {
                println!(
                    "{:<28} {:>9} rows  sha256 {}",
                    t.table,
                    t.rows,
                    &t.checksum[..16]
                );
            }
            let rows: i64 = tables.iter().map(|t| t.rows).sum();
            println!(
                "zerostep-server: copied {} tables, {rows} rows, into {}; each verified (rows and checksum). Point ZEROSTEP_DATABASE_URL at it and start the server.",
                tables.len(),
                zerostep_server::config::redact_password(to)
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("zerostep-server: {err}");
            ExitCode::FAILURE
        }
    }
}

/// A copy as the operator reads it: where, how many orders, how large.
fn held(copy: &zerostep_server::store::backup::Copied) -> String {
    format!(
        "{} ({} orders, {} bytes)",
        copy.path.display(),
        copy.orders,
        copy.bytes
    )
}

/// Prints what was done, or the reason nothing was (exit 1).
fn said(done: Result<Vec<String>, zerostep_server::store::backup::BackupError>) -> ExitCode {
    match done {
        Ok(lines) => {
            for line in lines {
                println!("zerostep-server: {line}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("zerostep-server: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The log: `RUST_LOG`'s filter (by default info, and warnings of sqlx),
/// as lines for people or as one JSON object a line, with the fields of
/// the request being answered (its `request_id`) on each.
fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let log = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => log.init(),
        LogFormat::Json => log
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

/// `serve`: builds the application and serves until stopped.
async fn serve(settings: Config) -> ExitCode {
    let application = match Application::build(settings).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("zerostep-server: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Lines read by `cargo xtask run` and by people.
    println!("zerostep-server listening on port {}", application.port());
    println!(
        "zerostep-admin listening on port {}",
        application.admin_port()
    );
    if let Some(port) = application.sandbox_port() {
        println!("zerostep-sandbox listening on port {port}");
    }
    if let Some(port) = application.metrics_port() {
        println!("zerostep-metrics listening on port {port}");
    }
    if let Err(err) = application.run_until_stopped(shutdown_signal()).await {
        eprintln!("zerostep-server: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// `check-config`: the settings read and checked (a broken one has already
/// stopped `main` with its reason), and what `serve` would do with them;
/// never a secret.
fn check_config(settings: &Config) -> ExitCode {
    println!("zerostep-server: the settings are valid");
    println!(
        "shop: http://{}:{} (pages from {})",
        settings.host,
        settings.port,
        settings.checkout_dist.display()
    );
    println!(
        "admin: http://{}:{} (pages from {})",
        settings.host,
        settings.admin_port,
        settings.admin_dist.display()
    );
    println!(
        "database: {}",
        zerostep_server::config::redact_password(&settings.database_url)
    );
    println!(
        "gateway: {} mode",
        format!("{:?}", settings.gateway.mode).to_lowercase()
    );
    match settings.metrics_listen {
        Some(addr) => println!("metrics: http://{addr}/metrics"),
        None => println!("metrics: off"),
    }
    println!(
        "log: {}",
        format!("{:?}", settings.log_format).to_lowercase()
    );
    ExitCode::SUCCESS
}

/// `reset-admin-password`: the new password goes to the file, never to the
/// terminal or the log.
async fn reset_admin_password(settings: &Config, login: &str) -> ExitCode {
    let done = async {
        let pool = zerostep_server::store::connect_and_migrate(&settings.database_url)
            .await
            .map_err(|e| e.to_string())?;
        zerostep_server::auth::reset_password(&pool, login, &settings.first_password_file).await
    };
    match done.await {
        Ok(()) => {
            println!(
                "zerostep-server: a new password for {login} is in {} (readable by its owner only); it must be changed at the next login",
                settings.first_password_file.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("zerostep-server: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
