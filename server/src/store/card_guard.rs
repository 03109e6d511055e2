//! The shop-wide velocity guard's reads and writes: its threshold (a card
//! setting), the shop's failed card orders in a window, and the
//! proof-of-work solutions already taken (`spent_proofs`).

use crate::store::Pool;

/// The threshold new shops start with.
pub const DEFAULT_CHALLENGE_AFTER: i64 = 20;

/// The card method's threshold: the shop's failed card attempts within the
/// window from which card orders need a proof of work.
pub async fn challenge_after(pool: &Pool) -> Result<i64, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT challenge_after FROM payment_methods WHERE code = 'card'")
            .fetch_optional(pool)
            .await?;
    Ok(row.map_or(DEFAULT_CHALLENGE_AFTER, |(n,)| n))
}

/// Saves the threshold, inside the card settings' transaction.
pub async fn save_challenge_after_in(
    tx: &mut crate::store::Transaction,
    challenge_after: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE payment_methods SET challenge_after = $1 WHERE code = 'card'")
        .bind(challenge_after)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The shop's failed card attempts since `since` (stored form), every
/// shopper's together: card orders declined, or refused for a token that is
/// unknown, expired or used (`A082000004`). Read from the orders, not from
/// `card_failures`: those rows count attempts still at the gateway too,
/// and a busy hour of approvals is no attack.
pub async fn failures_since(pool: &Pool, since: &str) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM orders
         WHERE (status = 'declined' AND updated_at >= $1)
            OR (status = 'failed' AND updated_at >= $1 AND error_code = $2)",
    )
    .bind(since)
    .bind(TOKEN_REFUSED)
    .fetch_one(pool)
    .await?;
    Ok(count)
}

/// The gateway's code for a token that is unknown, expired or used already.
const TOKEN_REFUSED: &str = "A082000004";

/// Takes a solved challenge: `false` if it was taken before.
pub async fn spend_proof(
    pool: &Pool,
    challenge: &str,
    expires_at: &str,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query(
        "INSERT INTO spent_proofs (challenge, expires_at) VALUES ($1, $2) ON CONFLICT (challenge) DO NOTHING",
    )
    .bind(challenge)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(taken.rows_affected() == 1)
}

/// Forgets the solutions whose challenges expired before `now` (stored
/// form): they can no longer be used anyway. The number forgotten.
pub async fn purge_spent_proofs(pool: &Pool, now: &str) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("DELETE FROM spent_proofs WHERE expires_at < $1")
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}
