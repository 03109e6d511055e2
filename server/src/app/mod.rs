//! Building and running the application: state, router, listeners,
//! background jobs, shutdown.
//!
//! `Application::build` does everything that can fail (database, migrations,
//! binding ports) before anything is served, so tests can bind port 0, read
//! the port back, and run the real server in-process.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;

use tokio::net::TcpListener;
use zerostep_sandbox::Sandbox;
use zerostep_webcollect::GatewayMode;

use crate::config::Config;
use crate::gateway::Gateway;
use crate::guard::rate_limits::ShopperLimits;
use crate::guard::shopper_session::SessionKey;
use crate::services::Services;
use crate::shop::{self, catalogue, ShopCache};
use crate::{postal, store};

mod jobs;
mod metrics;
mod router;
mod serve;
mod state;

use jobs::{every, reconcile};
pub use router::{admin, shop};
pub use state::AppState;

/// Start-up failed; the message says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened or migrated.
    #[error("database {url}: {source}")]
    Database {
        /// The configured URL, its password replaced by `***`.
        url: String,
        /// Why.
        source: sqlx::Error,
    },
    /// The gateway client could not be built.
    #[error("{0}")]
    Gateway(crate::gateway::GatewayError),
    /// The sealing key could not be read or made.
    #[error("sealing key {}: {source}", path.display())]
    SealingKey {
        /// The key's file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
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

/// A listener on `addr` (`what` names it in the error), and its port.
async fn bind(addr: SocketAddr, what: &'static str) -> Result<(TcpListener, u16), StartupError> {
    let err = |source| StartupError::Bind { addr, what, source };
    let listener = TcpListener::bind(addr).await.map_err(err)?;
    let port = listener.local_addr().map_err(err)?.port();
    Ok((listener, port))
}

/// A built application, bound and ready to run.
pub struct Application {
    listener: TcpListener,
    port: u16,
    router: Router,
    admin_listener: TcpListener,
    admin_port: u16,
    admin_router: Router,
    sandbox: Option<(Sandbox, u16)>,
    metrics: Option<metrics::Metrics>,
    state: AppState,
}

impl Application {
    /// Opens the database, applies migrations, seeds the demo shop if asked,
    /// and binds the server (and, in sandbox mode, its own sandbox).
    pub async fn build(mut config: Config) -> Result<Self, StartupError> {
        match crate::bundle::use_carried(&mut config) {
            Ok(parts) if !parts.is_empty() => {
                tracing::info!(
                    ?parts,
                    "serving the parts carried in the binary (data/bundle)"
                );
            }
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(%err, "the front ends carried in the binary not written out")
            }
        }
        let db_err = |source| StartupError::Database {
            url: crate::config::redact_password(&config.database_url),
            source,
        };
        let pool = store::connect_and_migrate(&config.database_url)
            .await
            .map_err(db_err)?;
        let writer = store::Writer::open(&config.database_url, &pool)
            .await
            .map_err(db_err)?;
        let session_key = store::server_keys::get_or_create(&pool, "shopper")
            .await
            .map_err(db_err)?;
        let sealing_key =
            store::sealed::load_or_create_key(&config.sealing_key_file).map_err(|source| {
                StartupError::SealingKey {
                    path: config.sealing_key_file.clone(),
                    source,
                }
            })?;
        let sealer = store::sealed::Sealer::new(&sealing_key);
        match store::sealed::seal_legacy(&pool, &sealer)
            .await
            .map_err(db_err)?
        {
            0 => {}
            n => tracing::info!(sealed = n, "sealed the secrets stored before sealing"),
        }
        match store::orders::index_for_search(&pool)
            .await
            .map_err(db_err)?
        {
            0 => {}
            n => tracing::info!(orders = n, "made the orders written before searchable"),
        }
        if shop::seed_defaults(&pool).await.map_err(db_err)? {
            tracing::info!("seeded the default payment, delivery and shipping settings");
        }
        if config.postal_data.exists() {
            match postal::import_if_changed(&pool, &config.postal_data).await {
                Ok(0) => {}
                Ok(rows) => tracing::info!(rows, "imported Japan Post postal codes"),
                Err(err) => {
                    tracing::warn!(%err, "postal codes not imported; address autofill is unavailable")
                }
            }
        } else {
            tracing::warn!(
                path = %config.postal_data.display(),
                "no postal code data (run `cargo xtask setup`); address autofill is unavailable"
            );
        }
        match crate::auth::ensure_first_admin(&pool, &config).await {
            Ok(Some(file)) => {
                // The password itself is never logged (security review M6).
                tracing::warn!(
                    login = %config.admin_login,
                    file = %file.display(),
                    "first admin created; the password is in the file, readable by its owner only, and must be changed at the first login"
                );
            }
            Ok(None) => {}
            Err(err) => tracing::error!(%err, "first admin not created"),
        }
        if config.seed_demo {
            let added = catalogue::seed_demo(&pool).await.map_err(db_err)?;
            if added > 0 {
                tracing::info!(added, "seeded the demo catalogue");
            }
        }

        let mut sandbox = None;
        let mut sandbox_url = config.gateway.sandbox_url.clone();
        if config.gateway.mode == GatewayMode::Sandbox {
            if let Some(addr) = config.gateway.sandbox_listen {
                let config = zerostep_sandbox::Config {
                    nightly_window: config.gateway.sandbox_nightly_window,
                    hold_days: config.gateway.hold_days,
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
        let gateway = Gateway::new(&config.gateway, &sandbox_url).map_err(StartupError::Gateway)?;

        let (listener, port) = bind(config.address(), "server").await?;
        let (admin_listener, admin_port) = bind(config.admin_address(), "admin").await?;
        let state = AppState {
            services: Services {
                pool,
                gateway,
                config: Arc::new(config.clone()),
                run_id: new_run_id().into(),
                shop_cache: ShopCache::new(sealer.clone()),
                writer,
                session_key: SessionKey::new(&session_key),
                limits: Arc::new(ShopperLimits::new(
                    config.orders_per_minute,
                    config.abandons_per_minute,
                )),
                sealer,
            },
        };
        crate::store::heartbeat(&state.services.pool, &state.services.run_id)
            .await
            .map_err(db_err)?;
        let router = shop(state.clone(), &config);
        let admin_router = admin(state.clone(), &config);
        let metrics = metrics::bind_if_asked(&state).await?;
        Ok(Application {
            listener,
            port,
            router,
            admin_listener,
            admin_port,
            admin_router,
            sandbox,
            metrics,
            state,
        })
    }

    /// The port the shop listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The port the admin listens on.
    pub fn admin_port(&self) -> u16 {
        self.admin_port
    }

    /// The application's state (tests use it to run the reconciler).
    pub fn state(&self) -> AppState {
        self.state.clone()
    }

    /// The port metrics are served on, if they are.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|m| m.port)
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
        let heartbeat = every(stop_tx.subscribe(), crate::store::HEARTBEAT_EVERY, {
            let state = self.state.clone();
            move || {
                let state = state.clone();
                async move {
                    if let Err(err) =
                        crate::store::heartbeat(&state.services.pool, &state.services.run_id).await
                    {
                        tracing::warn!(%err, "heartbeat not recorded");
                    }
                }
            }
        });
        let interval =
            Duration::from_secs(self.state.services.config.reconcile_interval_secs.max(1));
        let reconciler = every(stop_tx.subscribe(), interval, {
            let state = self.state.clone();
            move || {
                let state = state.clone();
                async move { reconcile(&state.services).await }
            }
        });
        let purger = every(stop_tx.subscribe(), jobs::PURGE_EVERY, {
            let state = self.state.clone();
            move || {
                let state = state.clone();
                async move { jobs::purge(&state.services).await }
            }
        });
        let mailer = self.state.services.config.smtp.clone().map(|smtp| {
            let state = self.state.clone();
            every(stop_tx.subscribe(), Duration::from_secs(2), move || {
                let (state, smtp) = (state.clone(), smtp.clone());
                async move {
                    // The sender is named after the shop as it is named now.
                    let services = &state.services;
                    let sender = || async move {
                        let shop = services.shop().await.map_err(|e| e.to_string())?;
                        shop.profile()
                            .mail_texts()
                            .sender(&services.config.mail_from)
                    };
                    let sent = crate::mail::deliver_pending(&services.pool, sender, &smtp).await;
                    match sent {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(sent = n, "mail sent"),
                        Err(err) => tracing::warn!(%err, "mail delivery failed; will retry"),
                    }
                }
            })
        });
        let config = &self.state.services.config;
        let limits = serve::Limits {
            header_read_timeout: Duration::from_secs(config.header_read_timeout_secs.max(1)),
            max_connections: config.max_connections,
        };
        let mut admin_rx = stop_tx.subscribe();
        let admin = tokio::spawn(serve::serve(
            self.admin_listener,
            self.admin_router,
            limits,
            async move {
                let _ = admin_rx.recv().await;
            },
        ));
        let metrics = self.metrics.map(|m| {
            let mut stop = stop_tx.subscribe();
            tokio::spawn(serve::serve(m.listener, m.router, limits, async move {
                let _ = stop.recv().await;
            }))
        });
        let result = serve::serve(self.listener, self.router, limits, async move {
            let _ = server_rx.recv().await;
        })
        .await;
        signal.abort();
        let _ = stop_tx.send(());
        match admin.await {
            Ok(Err(err)) => tracing::error!(%err, "the admin's listener stopped with an error"),
            Err(err) => tracing::error!(%err, "the admin's listener failed"),
            Ok(Ok(())) => {}
        }
        if let Some(metrics) = metrics {
            let _ = metrics.await;
        }
        let _ = reconciler.await;
        let _ = purger.await;
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

/// A fresh id for this server run (the form of a 受付番号: unique and sortable by time).
fn new_run_id() -> String {
    crate::store::order_path::new_receipt_no()
}
