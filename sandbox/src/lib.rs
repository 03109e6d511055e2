//! A local クロネコwebコレクト gateway.
//!
//! The sandbox lets anyone run Zerostep with no Yamato contract and is what
//! every test runs against. It listens on its own origin (another port), as
//! Yamato does. This module holds its configuration and its router; the
//! server mounts the same router on a second listener, and the
//! `zerostep-sandbox` binary runs it alone.

use std::net::SocketAddr;

use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tokio::net::TcpListener;

/// The trader code of the sandbox's default merchant (as on Yamato's test gateway).
pub const DEFAULT_TRADER_CODE: &str = "888888709";
/// The access key of the sandbox's default merchant.
pub const DEFAULT_ACCESS_KEY: &str = "1111111";

/// A merchant the sandbox knows.
#[derive(Clone, PartialEq, Eq)]
pub struct Trader {
    /// 加盟店コード.
    pub code: String,
    /// アクセスキー (used in token checksums); never printed.
    pub access_key: String,
}

impl std::fmt::Debug for Trader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trader")
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

/// The sandbox's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The merchants it accepts.
    pub traders: Vec<Trader>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            traders: vec![Trader {
                code: DEFAULT_TRADER_CODE.to_owned(),
                access_key: DEFAULT_ACCESS_KEY.to_owned(),
            }],
        }
    }
}

#[derive(Serialize)]
struct Status {
    service: &'static str,
    version: &'static str,
    traders: Vec<String>,
}

/// The sandbox's HTTP routes.
pub fn router(config: Config) -> Router {
    let traders: Vec<String> = config.traders.iter().map(|t| t.code.clone()).collect();
    Router::new()
        .route(
            "/",
            get(move || {
                let traders = traders.clone();
                async move {
                    Json(Status {
                        service: "zerostep-sandbox",
                        version: env!("CARGO_PKG_VERSION"),
                        traders,
                    })
                }
            }),
        )
        .route("/__sandbox/health", get(|| async { "ok" }))
}

/// A sandbox bound to a port, ready to serve.
pub struct Sandbox {
    listener: TcpListener,
    config: Config,
}

impl Sandbox {
    /// Binds the sandbox to `addr` (port 0 picks a free port).
    pub async fn bind(addr: SocketAddr, config: Config) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        Ok(Sandbox { listener, config })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes.
    pub async fn serve(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        axum::serve(self.listener, router(self.config))
            .with_graceful_shutdown(shutdown)
            .await
    }
}
