//! The order path's writes, each dispatched once to the engine's writer
//! (see [`Writer`]): the SQLite writer thread runs the `store::sqlite`
//! twins, the PostgreSQL pool runs `store::order_path`'s pooled versions.

use crate::store::idempotency_keys::Reply;
use crate::store::order_path::{self, Completion, NewOrder, WrittenOrder, CLAIM_KEY, STORE_REPLY};
use crate::store::{now_text, sqlite, StoreError, Writer};

impl Writer {
    /// Claims an idempotency key for this server run (`run_id`) with the
    /// request's hash and the bucket of its shopper session; false when
    /// another request has it.
    pub async fn claim_key(
        &self,
        key: &str,
        hash: &str,
        run_id: &str,
        session: &str,
    ) -> Result<bool, StoreError> {
        let now = now_text();
        match self {
            Writer::Sqlite(writer) => {
                let (key, hash, run) = (key.to_owned(), hash.to_owned(), run_id.to_owned());
                let session = session.to_owned();
                Ok(writer
                    .run(move |conn| sqlite::claim_key(conn, &key, &hash, &now, &run, &session))
                    .await??)
            }
            Writer::Pool(pool) => Ok(sqlx::query(CLAIM_KEY)
                .bind(key)
                .bind(hash)
                .bind(&now)
                .bind(run_id)
                .bind(session)
                .execute(pool)
                .await?
                .rows_affected()
                == 1),
        }
    }

    /// Stores the answer (HTTP status and body) given under `key`.
    pub async fn store_reply(&self, key: String, reply: Reply) -> Result<(), StoreError> {
        let Reply { status, body } = reply;
        match self {
            Writer::Sqlite(writer) => Ok(writer
                .run(move |conn| sqlite::store_reply(conn, &key, i64::from(status), &body))
                .await??),
            Writer::Pool(pool) => {
                sqlx::query(STORE_REPLY)
                    .bind(i64::from(status))
                    .bind(&body)
                    .bind(&key)
                    .execute(pool)
                    .await?;
                Ok(())
            }
        }
    }

    /// Writes the order row (after claiming its card attempt) in one
    /// transaction synced to disk. `None`: the attempt is over the
    /// card-testing limit, and nothing was written.
    pub async fn write_order(&self, row: NewOrder) -> Result<Option<WrittenOrder>, StoreError> {
        match self {
            Writer::Sqlite(writer) => Ok(writer
                .run(move |conn| sqlite::write_order(conn, &row))
                .await??),
            Writer::Pool(pool) => {
                Ok(order_path::write_order(&mut *pool.acquire().await?, row).await?)
            }
        }
    }

    /// After an approved A08, in one transaction: the operation log, 与信完了,
    /// forgetting the card attempt, the order's mails and the answer stored
    /// under the idempotency key. Returns the outbox ids of the mails written
    /// (`None` when they were queued already). On an error nothing is written.
    pub async fn complete_authorized(&self, c: Completion) -> Result<Option<Vec<i64>>, String> {
        match self {
            Writer::Sqlite(writer) => writer
                .run(move |conn| sqlite::write_completion(conn, c))
                .await
                .map_err(|e| e.to_string())?,
            Writer::Pool(pool) => {
                let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
                order_path::write_completion(&mut conn, c).await
            }
        }
    }
}
