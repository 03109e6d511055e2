//! `zerostep-server`: reads the settings, builds the application, serves
//! until Ctrl-C or SIGTERM.

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
    let application = match Application::build(settings).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("zerostep-server: {err}");
            return ExitCode::FAILURE;
        }
    };
    // Lines read by `cargo xtask run` and by people.
    println!("zerostep-server listening on port {}", application.port());
    if let Some(port) = application.sandbox_port() {
        println!("zerostep-sandbox listening on port {port}");
    }
    if let Err(err) = application.run_until_stopped(shutdown_signal()).await {
        eprintln!("zerostep-server: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
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
