//! `zerostep-server`: reads the settings, builds the application, serves
//! until Ctrl-C or SIGTERM.
//!
//! `zerostep-server reset-admin-password [login]` instead gives the admin
//! (`ZEROSTEP_ADMIN_LOGIN` by default) a new password, written to
//! `ZEROSTEP_FIRST_PASSWORD_FILE` and to be changed at the next login; it
//! ends their sessions and turns their TOTP off (a lost phone).

use std::process::ExitCode;

use zerostep_server::{Application, Config};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new("info,tower_http=info,sqlx=warn")
            }),
        )
        .init();
    let settings = match Config::load() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("zerostep-server: {err}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("reset-admin-password") {
        let login = args.get(1).unwrap_or(&settings.admin_login).clone();
        return reset_admin_password(&settings, &login).await;
    }
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
    if let Err(err) = application.run_until_stopped(shutdown_signal()).await {
        eprintln!("zerostep-server: {err}");
        return ExitCode::FAILURE;
    }
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
