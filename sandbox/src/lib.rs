//! A local クロネコwebコレクト gateway.
//!
//! The sandbox lets anyone run Zerostep with no Yamato contract, and every
//! test runs against it. It speaks the gateway's protocol field for field
//! (`reference/webcollect-protocol.md`, `reference/webcollect-3ds.md`): the
//! token JavaScript and its issue endpoint ([`token`]), the API functions
//! with their rules and transaction states ([`api`]), an issuer's 3-D Secure
//! pages ([`acs`]), and a control API for tests ([`control`]). It listens on
//! its own origin, as Yamato does; the server mounts the same router on a
//! second listener, and the `zerostep-sandbox` binary runs it alone.

pub mod acs;
pub mod api;
pub mod cards;
pub mod control;
pub mod state;
pub mod token;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::{header, Method};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tower_http::cors::{Any, CorsLayer};

/// The trader code of the sandbox's default merchant (as on Yamato's test gateway).
pub const DEFAULT_TRADER_CODE: &str = "888888709";
/// The access key of the sandbox's default merchant.
pub const DEFAULT_ACCESS_KEY: &str = "1111111";

/// A merchant the sandbox knows.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trader {
    /// 加盟店コード.
    pub code: String,
    /// アクセスキー (used in token checksums); never printed.
    pub access_key: String,
    /// Largest amount per payment in yen (A081010572 above it).
    #[serde(default = "default_max_amount")]
    pub max_amount: u64,
}

fn default_max_amount() -> u64 {
    300_000
}

impl Trader {
    /// A trader with the default 300,000-yen limit.
    pub fn new(code: impl Into<String>, access_key: impl Into<String>) -> Self {
        Trader {
            code: code.into(),
            access_key: access_key.into(),
            max_amount: default_max_amount(),
        }
    }
}

impl std::fmt::Debug for Trader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trader")
            .field("code", &self.code)
            .field("max_amount", &self.max_amount)
            .finish_non_exhaustive()
    }
}

/// The sandbox's configuration (also readable from a TOML file).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The merchants it accepts.
    pub traders: Vec<Trader>,
    /// Days an authorization holds before it lapses (re-authorization renews it).
    pub hold_days: u32,
    /// Whether A06 may cancel a confirmed sale (status 31); Yamato's
    /// behaviour is unknown, so by default it refuses with A062010004.
    pub cancel_settled: bool,
    /// Whether `/__sandbox/` is mounted (never in production mode).
    pub control_api: bool,
    /// When A07 and A11 are refused between 23:00 and 01:00 JST.
    pub nightly_window: NightlyWindow,
    /// The base URL browsers reach the 3-D Secure ACS pages at (e.g.
    /// `http://localhost:8081`); by default the `Host` the A08 was sent to.
    pub public_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            traders: vec![Trader::new(DEFAULT_TRADER_CODE, DEFAULT_ACCESS_KEY)],
            hold_days: 60,
            cancel_settled: false,
            control_api: true,
            nightly_window: NightlyWindow::Always,
            public_url: None,
        }
    }
}

/// When the sandbox keeps Yamato's nightly window (23:00–01:00 JST: A07 and
/// A11 refused with `A070000000` / `A110000000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NightlyWindow {
    /// Whenever its clock is in the window, as the gateway does.
    #[default]
    Always,
    /// Only while the clock is set through `POST /__sandbox/clock`: for test
    /// suites, which must pass at any hour and set the clock to test the window.
    WhenClockSet,
}

impl std::str::FromStr for NightlyWindow {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "always" => Ok(NightlyWindow::Always),
            "when_clock_set" => Ok(NightlyWindow::WhenClockSet),
            other => Err(format!(
                "{other:?} is neither \"always\" nor \"when_clock_set\""
            )),
        }
    }
}

/// The configuration file could not be used.
#[derive(Debug, thiserror::Error)]
#[error("sandbox configuration {path}: {message}")]
pub struct ConfigError {
    path: String,
    message: String,
}

impl Config {
    /// Reads a TOML file (`hold_days`, `cancel_settled`, `[[traders]]` with
    /// `code`, `access_key`, `max_amount`).
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
        let config: Config = toml::from_str(&text).map_err(|e| err(e.to_string()))?;
        if config.traders.is_empty() {
            return Err(err("at least one [[traders]] entry is needed".to_owned()));
        }
        Ok(config)
    }

    /// The trader with this code.
    pub fn trader(&self, code: &str) -> Option<&Trader> {
        self.traders.iter().find(|t| t.code == code)
    }

    /// The first trader's code (what the control API assumes when none is given).
    pub fn default_trader(&self) -> &str {
        self.traders
            .first()
            .map_or(DEFAULT_TRADER_CODE, |t| t.code.as_str())
    }
}

/// What [`Shared`] points to.
pub struct Inner {
    /// The configuration, fixed at start.
    pub config: Config,
    /// The key of the 3-D Secure return's `HASH_VALUE`, drawn at start.
    pub acs_key: [u8; 32],
    state: Mutex<state::State>,
}

/// The sandbox's shared state, cheap to clone into handlers.
#[derive(Clone)]
pub struct Shared(Arc<Inner>);

impl Shared {
    fn new(config: Config) -> Self {
        Shared(Arc::new(Inner {
            config,
            acs_key: rand::random(),
            state: Mutex::new(state::State::default()),
        }))
    }

    /// Locks the memory. A poisoned lock is recovered: every mutation leaves
    /// the state consistent, and a test fixture must not die with one test.
    pub fn lock(&self) -> MutexGuard<'_, state::State> {
        self.0
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl std::ops::Deref for Shared {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
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
    let control_api = config.control_api;
    let shared = Shared::new(config);
    let traders: Vec<String> = shared
        .config
        .traders
        .iter()
        .map(|t| t.code.clone())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE]);
    let token_routes = Router::new()
        .route("/api/token/issue", post(token::issue))
        .route("/test_gateway/token/issue", post(token::issue))
        .layer(cors);
    let mut router = Router::new()
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
        .route("/api/token/js/embeddedTokenLib.js", get(token::token_js))
        .route(
            "/test_gateway/token/js/embeddedTokenLib.js",
            get(token::token_js),
        )
        .route("/3ds/acs", post(acs::start))
        .route("/3ds/acs/challenge", post(acs::challenge))
        .route("/api/{action}", any(api::production_style))
        .route("/test_gateway/{file}", any(api::test_style))
        .merge(token_routes);
    if control_api {
        router = router
            .route("/__sandbox/health", get(|| async { "ok" }))
            .route(
                "/__sandbox/clock",
                get(control::get_clock).post(control::set_clock),
            )
            .route(
                "/__sandbox/faults",
                get(control::list_faults)
                    .post(control::add_fault)
                    .delete(control::clear_faults),
            )
            .route(
                "/__sandbox/transactions/{order_no}",
                get(control::transaction),
            )
            .route("/__sandbox/scan/{slip_no}", post(control::scan))
            .route(
                "/__sandbox/chaos",
                post(control::start_chaos).delete(control::stop_chaos),
            )
            .route("/__sandbox/stats", get(control::stats))
            .route(
                "/__sandbox/3ds",
                get(control::list_sessions)
                    .post(control::force_outcome)
                    .delete(control::clear_outcomes),
            )
            .route("/__sandbox/reset", post(control::reset))
            .route("/__sandbox/tokens", post(control::mint_tokens));
    }
    router.with_state(shared)
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
        axum::serve(
            self.listener,
            router(self.config).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
    }
}
