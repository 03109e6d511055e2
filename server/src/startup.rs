//! Building and running the application: state, router, listeners, shutdown.
//!
//! `Application::build` does everything that can fail (database, migrations,
//! binding ports) before anything is served, so tests can bind port 0, read
//! the port back, and run the real server in-process.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::FromRef;
use axum::http::StatusCode;
use axum::Router;

use tokio::net::TcpListener;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use zerostep_sandbox::Sandbox;
use zerostep_webcollect::GatewayMode;

use crate::payment::Gateway;

use crate::security::{self, PagePolicy};
use crate::shop_settings::{Shop, ShopCache};
use crate::{catalogue, db, embed, postal, routes, shop_settings, spa, ApiError, Settings};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub pool: crate::db::Pool,
    /// The payment gateway (or sandbox).
    pub gateway: Gateway,
    /// The settings the server started with.
    pub settings: Arc<Settings>,
    /// This server run, written on the idempotency keys it claims.
    pub run_id: Arc<str>,
    /// The shop's settings, held in memory until they change.
    pub shop_cache: ShopCache,
    /// What the order path writes through (see [`db::Writer`]).
    pub writer: db::Writer,
}

impl AppState {
    /// The shop's settings as of now (see [`ShopCache`]).
    pub async fn shop(&self) -> Result<Arc<Shop>, ApiError> {
        self.shop_cache.get(&self.pool).await
    }

    /// The gateway client for the 加盟店コード in force. If the shop's settings
    /// cannot be read, the configured code is used (and the failure logged):
    /// a gateway operation, or the reconciler's E04, is never lost to it.
    pub async fn gateway_client(&self) -> zerostep_webcollect::Client {
        match self.shop().await {
            Ok(shop) => self.gateway.client_for(&shop),
            Err(err) => {
                tracing::warn!(%err, "shop settings not read; using the configured 加盟店コード");
                self.gateway.client.clone()
            }
        }
    }
}

impl FromRef<AppState> for crate::db::Pool {
    fn from_ref(state: &AppState) -> Self {
        state.pool.clone()
    }
}

/// The whole HTTP surface: API, admin SPA under `/admin/`, the embeddable
/// widget (`/embed.js`, `/embed/`), checkout SPA at `/`.
pub fn app(state: AppState, settings: &Settings) -> Router {
    let checkout_policy =
        PagePolicy::checkout(&state.gateway.token_js_url(), &settings.embed_origins);
    let router = Router::new()
        .nest("/api", routes::api(&settings.embed_origins))
        .merge(embed::router(&settings.embed_dist, &settings.embed_origins))
        .nest_service(
            "/admin",
            spa::router::<()>(&settings.admin_dist, PagePolicy::admin()),
        )
        .fallback_service(spa::router::<()>(&settings.checkout_dist, checkout_policy))
        .with_state(state)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(settings.request_timeout_secs.max(1)),
        ));
    let router = router.layer(axum::middleware::from_fn(security::limit_request_size));
    security::layer(router, settings.secure_cookies).layer(TraceLayer::new_for_http())
}

/// Start-up failed; the message says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened or migrated.
    #[error("database {url}: {source}")]
    Database {
        /// The configured URL.
        url: String,
        /// Why.
        source: sqlx::Error,
    },
    /// The gateway client could not be built.
    #[error("{0}")]
    Gateway(crate::payment::GatewayError),
    /// A port could not be bound.
    #[error("cannot listen on {addr} ({what}): {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Which listener.
        what: &'static str,
        /// Why.
        source: std::io::Error,
    },
}

/// A built application, bound and ready to run.
pub struct Application {
    listener: TcpListener,
    port: u16,
    router: Router,
    sandbox: Option<(Sandbox, u16)>,
    state: AppState,
}

impl Application {
    /// Opens the database, applies migrations, seeds the demo shop if asked,
    /// and binds the server (and, in sandbox mode, its own sandbox).
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let db_err = |source| StartupError::Database {
            url: settings.database_url.clone(),
            source,
        };
        let pool = db::connect_and_migrate(&settings.database_url)
            .await
            .map_err(db_err)?;
        let writer = db::Writer::open(&settings.database_url, &pool)
            .await
            .map_err(db_err)?;
        if shop_settings::seed_defaults(&pool).await.map_err(db_err)? {
            tracing::info!("seeded the default payment, delivery and shipping settings");
        }
        if settings.postal_data.exists() {
            match postal::import_if_changed(&pool, &settings.postal_data).await {
                Ok(0) => {}
                Ok(rows) => tracing::info!(rows, "imported Japan Post postal codes"),
                Err(err) => {
                    tracing::warn!(%err, "postal codes not imported; address autofill is unavailable")
                }
            }
        } else {
            tracing::warn!(
                path = %settings.postal_data.display(),
                "no postal code data (run `cargo xtask setup`); address autofill is unavailable"
            );
        }
        match crate::admin_auth::ensure_first_admin(&pool, &settings).await {
            Ok(Some(password)) => {
                // Printed once, at the first start; only its hash is stored.
                println!("admin login: {} / {password}  (shown once; set ZEROSTEP_ADMIN_PASSWORD to choose it)", settings.admin_login);
            }
            Ok(None) => {}
            Err(err) => tracing::error!(%err, "first admin not created"),
        }
        if settings.seed_demo {
            let added = catalogue::seed_demo(&pool).await.map_err(db_err)?;
            if added > 0 {
                tracing::info!(added, "seeded the demo catalogue");
            }
        }

        let mut sandbox = None;
        let mut sandbox_url = settings.gateway.sandbox_url.clone();
        if settings.gateway.mode == GatewayMode::Sandbox {
            if let Some(addr) = settings.gateway.sandbox_listen {
                let config = zerostep_sandbox::Config {
                    nightly_window: settings.gateway.sandbox_nightly_window,
                    ..zerostep_sandbox::Config::default()
                };
                let bound =
                    Sandbox::bind(addr, config)
                        .await
                        .map_err(|source| StartupError::Bind {
                            addr,
                            what: "sandbox",
                            source,
                        })?;
                let port = bound
                    .local_addr()
                    .map_err(|source| StartupError::Bind {
                        addr,
                        what: "sandbox",
                        source,
                    })?
                    .port();
                sandbox_url = format!("http://{}:{port}", addr.ip());
                sandbox = Some((bound, port));
            }
        }
        let gateway =
            Gateway::new(&settings.gateway, &sandbox_url).map_err(StartupError::Gateway)?;

        let addr = settings.address();
        let bind_err = |source| StartupError::Bind {
            addr,
            what: "server",
            source,
        };
        let listener = TcpListener::bind(addr).await.map_err(bind_err)?;
        let port = listener.local_addr().map_err(bind_err)?.port();
        let state = AppState {
            pool,
            gateway,
            settings: Arc::new(settings.clone()),
            run_id: crate::orders::new_receipt_no().into(),
            shop_cache: ShopCache::default(),
            writer,
        };
        crate::db::heartbeat(&state.pool, &state.run_id)
            .await
            .map_err(db_err)?;
        let router = app(state.clone(), &settings);
        Ok(Application {
            listener,
            port,
            router,
            sandbox,
            state,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The application's state (tests use it to run the reconciler).
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// The port of the sandbox this server hosts, if it hosts one.
    pub fn sandbox_port(&self) -> Option<u16> {
        self.sandbox.as_ref().map(|(_, port)| *port)
    }

    /// Serves until `shutdown` completes, then lets in-flight requests
    /// finish. The hosted sandbox stops with the server.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stop_tx, _) = tokio::sync::broadcast::channel::<()>(1);
        let sandbox_task = self.sandbox.map(|(sandbox, _)| {
            let mut stop = stop_tx.subscribe();
            tokio::spawn(sandbox.serve(async move {
                let _ = stop.recv().await;
            }))
        });
        let server_stop = stop_tx.clone();
        let mut server_rx = server_stop.subscribe();
        let signal = tokio::spawn(async move {
            shutdown.await;
            let _ = server_stop.send(());
        });
        let heartbeat = every(stop_tx.subscribe(), crate::db::HEARTBEAT_EVERY, {
            let state = self.state.clone();
            move || {
                let state = state.clone();
                async move {
                    if let Err(err) = crate::db::heartbeat(&state.pool, &state.run_id).await {
                        tracing::warn!(%err, "heartbeat not recorded");
                    }
                }
            }
        });
        let interval = Duration::from_secs(self.state.settings.reconcile_interval_secs.max(1));
        let reconciler = every(stop_tx.subscribe(), interval, {
            let state = self.state.clone();
            move || {
                let state = state.clone();
                async move { reconcile(&state).await }
            }
        });
        let mailer = self.state.settings.smtp.clone().map(|smtp| {
            let state = self.state.clone();
            every(stop_tx.subscribe(), Duration::from_secs(2), move || {
                let (state, smtp) = (state.clone(), smtp.clone());
                async move {
                    match crate::mail::deliver_pending(
                        &state.pool,
                        &state.settings.mail_from,
                        &smtp,
                    )
                    .await
                    {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(sent = n, "mail sent"),
                        Err(err) => tracing::warn!(%err, "mail delivery failed; will retry"),
                    }
                }
            })
        });
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = server_rx.recv().await;
        })
        .await;
        signal.abort();
        let _ = stop_tx.send(());
        let _ = reconciler.await;
        let _ = heartbeat.await;
        if let Some(mailer) = mailer {
            let _ = mailer.await;
        }
        if let Some(task) = sandbox_task {
            match task.await {
                Ok(Err(err)) => tracing::error!(%err, "sandbox stopped with an error"),
                Err(err) => tracing::error!(%err, "sandbox task failed"),
                Ok(Ok(())) => {}
            }
        }
        result
    }
}

/// Runs `task` every `period` until `stop` fires.
fn every<F, Fut>(
    mut stop: tokio::sync::broadcast::Receiver<()>,
    period: Duration,
    task: F,
) -> tokio::task::JoinHandle<()>
where
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = stop.recv() => break,
                () = tokio::time::sleep(period) => task().await,
            }
        }
    })
}

/// One pass of the background work that brings orders to the gateway's
/// truth: the status sync of shipped orders, unknown A08 outcomes, bulk runs
/// of stopped servers, and operations whose answer was lost.
async fn reconcile(state: &AppState) {
    if let Err(err) = crate::payment_ops::sync_awaiting(state).await {
        tracing::error!(%err, "status sync failed");
    }
    match crate::orders::reconcile_once(state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(resolved = n, "reconciled orders with unknown outcomes"),
        Err(err) => tracing::error!(%err, "reconciliation failed"),
    }
    if let Err(err) = crate::routes::admin_bulk::sweep(state).await {
        tracing::error!(%err, "bulk runs not swept");
    }
    match crate::payment_ops::reconcile_operations(state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(settled = n, "reconciled operations whose answer was lost"),
        Err(err) => tracing::error!(%err, "operation reconciliation failed"),
    }
}
