//! The shop's settings in memory, reloaded when their revision moves.

use std::sync::{Arc, PoisonError, RwLock};

use super::Shop;
use crate::error::ApiError;
use crate::store::sealed::Sealer;
use crate::store::shop_settings;

/// The shop's settings held in memory, shared by the requests of one
/// instance. Each read checks the database's settings revision (one row) and
/// reloads when it moved, so a change made on any instance, or straight in
/// the database, is seen by the next request everywhere.
#[derive(Clone)]
pub struct ShopCache {
    /// Opens the sealed アクセスキー.
    sealer: Sealer,
    current: Arc<RwLock<Option<Arc<Shop>>>>,
    /// Held while loading: the requests that find the settings changed wait
    /// for one load instead of each running their own.
    loading: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for ShopCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShopCache").finish_non_exhaustive()
    }
}

impl ShopCache {
    /// An empty cache, whose loads open the saved アクセスキー with `sealer`.
    pub fn new(sealer: Sealer) -> Self {
        Self {
            sealer,
            current: Arc::default(),
            loading: Arc::default(),
        }
    }

    /// The shop's settings as of now.
    pub async fn get(&self, pool: &crate::store::Pool) -> Result<Arc<Shop>, ApiError> {
        let revision = shop_settings::revision(pool).await?;
        if let Some(shop) = self.held(revision) {
            return Ok(shop);
        }
        let _loading = self.loading.lock().await;
        // Loaded by the request this one waited for.
        if let Some(shop) = self.held(revision) {
            return Ok(shop);
        }
        let shop = Arc::new(Shop::load(pool, &self.sealer, revision).await?);
        // The latest load wins, even with a lower revision: the database may
        // have been restored or replaced under a running instance.
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::clone(&shop));
        Ok(shop)
    }

    /// The settings held, if they are those of `revision`.
    fn held(&self, revision: i64) -> Option<Arc<Shop>> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
            .filter(|s| s.revision == revision)
    }
}
