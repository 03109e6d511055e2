//! `zerostep-sandbox`: runs the local Web Collect gateway on its own.
//!
//! ```text
//! zerostep-sandbox [--listen 127.0.0.1:8081] [--trader-code 888888709] [--access-key 1111111]
//!                  [--config sandbox.toml]
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use zerostep_sandbox::{Config, Sandbox, Trader, DEFAULT_ACCESS_KEY, DEFAULT_TRADER_CODE};

const USAGE: &str =
    "usage: zerostep-sandbox [--listen ADDR:PORT] [--trader-code CODE] [--access-key KEY] [--config FILE]";

struct Args {
    listen: SocketAddr,
    config: Config,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut listen = SocketAddr::from(([127, 0, 0, 1], 8081));
    let mut code = DEFAULT_TRADER_CODE.to_owned();
    let mut key = DEFAULT_ACCESS_KEY.to_owned();
    let mut file: Option<PathBuf> = None;
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--listen" => {
                let v = value()?;
                listen = v.parse().map_err(|_| {
                    format!("--listen: {v:?} is not an address like 127.0.0.1:8081")
                })?;
            }
            "--trader-code" => code = value()?,
            "--access-key" => key = value()?,
            "--config" => file = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let mut config = match &file {
        Some(path) => Config::from_file(path).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    // The flags' trader comes first (the control API's default), unless the file already has it.
    if config.trader(&code).is_none() {
        config.traders.insert(0, Trader::new(code, key));
    } else if file.is_none() {
        config.traders = vec![Trader::new(code, key)];
    }
    Ok(Args { listen, config })
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::bind(args.listen, args.config).await {
        Ok(sandbox) => sandbox,
        Err(err) => {
            eprintln!("zerostep-sandbox: cannot listen on {}: {err}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    match sandbox.local_addr() {
        Ok(addr) => println!("zerostep-sandbox listening on http://{addr}"),
        Err(err) => eprintln!("zerostep-sandbox: {err}"),
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(err) = sandbox.serve(shutdown).await {
        eprintln!("zerostep-sandbox: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
