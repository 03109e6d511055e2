//! `zerostep-sandbox`: runs the local Web Collect gateway on its own.
//!
//! ```text
//! zerostep-sandbox [--listen 127.0.0.1:8081] [--trader-code 888888709] [--access-key 1111111]
//! ```

use std::net::SocketAddr;
use std::process::ExitCode;

use zerostep_sandbox::{Config, Sandbox, Trader, DEFAULT_ACCESS_KEY, DEFAULT_TRADER_CODE};

const USAGE: &str =
    "usage: zerostep-sandbox [--listen ADDR:PORT] [--trader-code CODE] [--access-key KEY]";

struct Args {
    listen: SocketAddr,
    trader: Trader,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut listen = SocketAddr::from(([127, 0, 0, 1], 8081));
    let mut trader = Trader {
        code: DEFAULT_TRADER_CODE.to_owned(),
        access_key: DEFAULT_ACCESS_KEY.to_owned(),
    };
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
            "--trader-code" => trader.code = value()?,
            "--access-key" => trader.access_key = value()?,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(Args { listen, trader })
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
    let sandbox = match Sandbox::bind(
        args.listen,
        Config {
            traders: vec![args.trader],
        },
    )
    .await
    {
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
