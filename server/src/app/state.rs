//! The router's state, and the parts a handler can ask for by type
//! (`State<Services>`, `State<Pool>`, …) through [`FromRef`].

use std::sync::Arc;

use axum::extract::FromRef;

use crate::config::Config;
use crate::gateway::Gateway;
use crate::services::Services;
use crate::shop::ShopCache;
use crate::store::{Pool, Writer};

/// What every handler can reach: the business layers' [`Services`].
#[derive(Clone)]
pub struct AppState {
    /// Database, writer, gateway, shop settings and configuration.
    pub services: Services,
}

impl FromRef<AppState> for Services {
    fn from_ref(state: &AppState) -> Self {
        state.services.clone()
    }
}

impl FromRef<AppState> for Pool {
    fn from_ref(state: &AppState) -> Self {
        state.services.pool.clone()
    }
}

impl FromRef<AppState> for Gateway {
    fn from_ref(state: &AppState) -> Self {
        state.services.gateway.clone()
    }
}

impl FromRef<AppState> for ShopCache {
    fn from_ref(state: &AppState) -> Self {
        state.services.shop_cache.clone()
    }
}

impl FromRef<AppState> for Writer {
    fn from_ref(state: &AppState) -> Self {
        state.services.writer.clone()
    }
}

impl FromRef<AppState> for Arc<Config> {
    fn from_ref(state: &AppState) -> Self {
        state.services.config.clone()
    }
}
