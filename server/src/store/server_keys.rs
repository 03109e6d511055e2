//! Keys every instance of the shop shares (`server_keys`): made once, at the
//! first start, by whichever instance comes first.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;

use crate::store::Pool;

/// The key named `name`: the stored one, or 32 random bytes stored now if
/// there is none yet (a concurrent first start keeps whichever came first).
pub async fn get_or_create(pool: &Pool, name: &str) -> Result<Vec<u8>, sqlx::Error> {
    let mut fresh = [0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    sqlx::query(
        "INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(STANDARD.encode(fresh))
    .execute(pool)
    .await?;
    let (value,): (String,) = sqlx::query_as("SELECT value FROM server_keys WHERE name = $1")
        .bind(name)
        .fetch_one(pool)
        .await?;
    STANDARD
        .decode(value)
        .map_err(|err| sqlx::Error::Decode(Box::new(err)))
}
