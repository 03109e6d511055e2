//! The parts every business module works with, in one cloneable handle.
//!
//! Placing an order, a merchant's payment operation, the reconciler and the
//! bulk jobs all need the database, the order path's writer, the gateway,
//! the shop's settings and the process configuration. [`Services`] carries
//! them below the HTTP layer, so that no business module depends on
//! `app::AppState` (which `app` builds around it, and from which handlers
//! take only the part they use).

use std::sync::Arc;

use crate::config::Config;
use crate::error::ApiError;
use crate::gateway::Gateway;
use crate::guard::rate_limits::ShopperLimits;
use crate::guard::shopper_session::SessionKey;
use crate::shop::{Shop, ShopCache};
use crate::store::sealed::Sealer;
use crate::store::{Pool, Writer};

/// Database, writer, gateway, shop settings and configuration.
#[derive(Clone)]
pub struct Services {
    /// The database.
    pub pool: Pool,
    /// The payment gateway (or sandbox).
    pub gateway: Gateway,
    /// The process configuration the server started with.
    pub config: Arc<Config>,
    /// This server run, written on the idempotency keys it claims.
    pub run_id: Arc<str>,
    /// The shop's settings, held in memory until they change.
    pub shop_cache: ShopCache,
    /// What the order path writes through (see [`Writer`]).
    pub writer: Writer,
    /// Signs and checks the shopper sessions (see [`SessionKey`]).
    pub session_key: SessionKey,
    /// The shopper's write limits, in this instance's memory.
    pub limits: Arc<ShopperLimits>,
    /// Seals the secrets stored in the database (see [`Sealer`]).
    pub sealer: Sealer,
}

impl Services {
    /// The shop's settings as of now (see [`ShopCache`]).
    pub async fn shop(&self) -> Result<Arc<Shop>, ApiError> {
        self.shop_cache.get(&self.pool).await
    }

    /// The gateway client for the 加盟店コード in force. If the shop's settings
    /// cannot be read, the configured code is used (and the failure logged):
    /// a gateway operation, or the reconciler's E04, is never lost to it.
    pub async fn gateway_client(&self) -> zerostep_webcollect::Client {
        match self.shop().await {
            Ok(shop) => self.gateway.client_for(shop.saved_trader_code()),
            Err(err) => {
                tracing::warn!(%err, "shop settings not read; using the configured 加盟店コード");
                self.gateway.client.clone()
            }
        }
    }
}
