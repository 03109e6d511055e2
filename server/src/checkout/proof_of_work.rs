//! The shop-wide velocity guard (security review H1). While the shop's failed
//! card attempts within the card-failure window reach the card method's
//! `challenge_after`, a new card order must bring a solved proof of work
//! (ALTCHA's scheme: `zerostep_domain::api::proof`). Nobody is locked out: a
//! shopper's browser solves it in about a second; a script testing cards
//! pays the same for every attempt. No third party is involved; the
//! challenge is signed with the shop's key, and each solution is taken once.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::Mac;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use zerostep_domain::api::proof::{hex, unhex, ProofChallenge, ProofSolution, ALGORITHM};
use zerostep_domain::api::ErrorCode;

use crate::error::ApiError;
use crate::guard::shopper_session::{unix_now, SessionKey};
use crate::messages;
use crate::services::Services;
use crate::store::card_guard;

/// How long a challenge may be solved and used: ten minutes.
pub const CHALLENGE_SECS: i64 = 600;

fn hash(salt: &str, number: u64) -> String {
    hex(&Sha256::digest(format!("{salt}{number}")))
}

/// A new challenge whose number lies in `0..=max_number`.
pub fn challenge(key: &SessionKey, max_number: u64, now: i64) -> ProofChallenge {
    let mut rng = rand::rng();
    let mut nonce = [0u8; 12];
    rng.fill_bytes(&mut nonce);
    let salt = format!("{}?expires={}", hex(&nonce), now + CHALLENGE_SECS);
    let challenge = hash(&salt, rng.random_range(0..=max_number));
    let signature = hex(&key.tag("proof", &challenge).finalize().into_bytes());
    ProofChallenge {
        algorithm: ALGORITHM.to_owned(),
        challenge,
        max_number,
        salt,
        signature,
    }
}

/// The solution in `header` (base64 JSON), if it solves a challenge we
/// signed that has not expired at `now`; not yet checked against those
/// already taken.
pub fn check(key: &SessionKey, header: &str, now: i64) -> Option<ProofSolution> {
    let json = STANDARD.decode(header.trim()).ok()?;
    let solution: ProofSolution = serde_json::from_slice(&json).ok()?;
    let signature = unhex(&solution.signature)?;
    key.tag("proof", &solution.challenge)
        .verify_slice(&signature)
        .ok()?;
    let solves = solution.algorithm == ALGORITHM
        && hash(&solution.salt, solution.number) == solution.challenge
        && solution.expires().is_some_and(|expiry| expiry > now);
    solves.then_some(solution)
}

/// Lets a card order through the guard: at once while the shop's failures
/// are below its threshold; else only with a solution (`X-Zerostep-Proof`)
/// that is valid and not taken before.
pub async fn admit(state: &Services, proof: Option<&str>) -> Result<(), ApiError> {
    let threshold = state.shop().await?.challenge_after();
    let since = crate::store::seconds_ago(state.config.card_failure_window_secs);
    let failures = card_guard::failures_since(&state.pool, &since).await?;
    if failures < threshold {
        return Ok(());
    }
    let Some(proof) = proof.filter(|p| !p.is_empty()) else {
        tracing::warn!(
            failures,
            threshold,
            "card attempts need a proof of work: the shop's failed attempts reached the threshold"
        );
        crate::telemetry::card_attempt_refused("proof_required");
        return Err(ApiError::refused(
            ErrorCode::ProofRequired,
            messages::proof_required(),
        ));
    };
    let invalid = || {
        crate::telemetry::card_attempt_refused("proof_invalid");
        ApiError::refused(ErrorCode::ProofInvalid, messages::proof_invalid())
    };
    let solution = check(&state.session_key, proof, unix_now()).ok_or_else(invalid)?;
    let expires = solution.expires().unwrap_or_default();
    let expires_at = chrono::DateTime::from_timestamp(expires, 0)
        .unwrap_or_default()
        .to_rfc3339();
    if !card_guard::spend_proof(&state.pool, &solution.challenge, &expires_at).await? {
        return Err(invalid());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn solve(c: &ProofChallenge) -> Option<u64> {
        (0..=c.max_number).find(|n| hash(&c.salt, *n) == c.challenge)
    }

    fn header(solution: &ProofSolution) -> String {
        STANDARD.encode(serde_json::to_vec(solution).expect("json"))
    }

    #[test]
    fn a_solved_challenge_checks_until_it_expires() {
        let key = SessionKey::new(b"shop key");
        let c = challenge(&key, 500, NOW);
        let number = solve(&c).expect("solvable");
        let proof = header(&c.solved(number));
        assert_eq!(check(&key, &proof, NOW).map(|s| s.number), Some(number));
        assert!(
            check(&key, &proof, NOW + CHALLENGE_SECS).is_none(),
            "expired"
        );
    }

    #[test]
    fn a_wrong_number_a_forged_challenge_or_garbage_does_not_check() {
        let key = SessionKey::new(b"shop key");
        let c = challenge(&key, 500, NOW);
        let number = solve(&c).expect("solvable");
        let wrong = header(&c.solved(number + 1));
        // A challenge the client made itself, with a signature of another key.
        let forged = challenge(&SessionKey::new(b"attacker"), 0, NOW);
        let forged = header(&forged.solved(0));
        let mut later = c.solved(number);
        later.salt = later.salt.replace("expires=", "expires=9");
        // A session's tag is not a proof's.
        let mut session_tag = c.solved(number);
        session_tag.signature = hex(&key.tag("session", &c.challenge).finalize().into_bytes());
        for bad in [wrong, forged, header(&later), header(&session_tag)] {
            assert!(check(&key, &bad, NOW).is_none(), "{bad}");
        }
        for garbage in ["", "%%%", "e30=", "bnVsbA=="] {
            assert!(check(&key, garbage, NOW).is_none(), "{garbage}");
        }
    }
}
