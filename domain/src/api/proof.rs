//! The proof of work the shop-wide velocity guard asks for (security review
//! H1), in ALTCHA's format: `GET /api/checkout/challenge` gives a
//! [`ProofChallenge`]; the client finds the `number` (0 to `maxnumber`) for
//! which SHA-256 of `salt` followed by the number in decimal is `challenge`,
//! and sends a [`ProofSolution`] as base64 JSON in `X-Zerostep-Proof` with
//! its card order. The server signed the challenge (`signature`), so it
//! keeps nothing until a solution comes back, and takes each solution once.

use serde::{Deserialize, Serialize};

/// The one algorithm used.
pub const ALGORITHM: &str = "SHA-256";

/// A challenge to solve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProofChallenge {
    /// Always `SHA-256`.
    pub algorithm: String,
    /// SHA-256 of `salt` and the number, in lower-case hex.
    pub challenge: String,
    /// The largest number to try.
    #[serde(rename = "maxnumber")]
    pub max_number: u64,
    /// Random text, with `?expires=<Unix seconds>` at its end.
    pub salt: String,
    /// The server's signature of `challenge`, in hex.
    pub signature: String,
}

/// A solved challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProofSolution {
    /// As in the challenge.
    pub algorithm: String,
    /// As in the challenge.
    pub challenge: String,
    /// The number found.
    pub number: u64,
    /// As in the challenge.
    pub salt: String,
    /// As in the challenge.
    pub signature: String,
}

impl ProofChallenge {
    /// The solution with `number`.
    pub fn solved(&self, number: u64) -> ProofSolution {
        ProofSolution {
            algorithm: self.algorithm.clone(),
            challenge: self.challenge.clone(),
            number,
            salt: self.salt.clone(),
            signature: self.signature.clone(),
        }
    }

    /// When it expires, in Unix seconds (`None`: no expiry in the salt).
    pub fn expires(&self) -> Option<i64> {
        expiry(&self.salt)
    }
}

impl ProofSolution {
    /// When its challenge expires, in Unix seconds.
    pub fn expires(&self) -> Option<i64> {
        expiry(&self.salt)
    }
}

fn expiry(salt: &str) -> Option<i64> {
    // By position rather than `rsplit_once`, whose string searcher the
    // browser bundles need nowhere else.
    const MARK: &[u8] = b"?expires=";
    let at = salt
        .as_bytes()
        .windows(MARK.len())
        .rposition(|w| w == MARK)?;
    salt[at + MARK.len()..].parse().ok()
}

/// Bytes in lower-case hex, as `challenge` and `signature` carry them.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of hex text (`challenge`, `signature`); `None` if it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_odd_input() {
        assert_eq!(unhex(&hex(&[0, 15, 255])), Some(vec![0, 15, 255]));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex("é1"), None);
    }

    #[test]
    fn the_expiry_is_read_after_the_last_mark() {
        assert_eq!(expiry("s?expires=1800000000"), Some(1_800_000_000));
        assert_eq!(expiry("a?expires=1?expires=5"), Some(5));
        assert_eq!(expiry("?expires=-3"), Some(-3));
        for salt in [
            "",
            "salt",
            "?expires=",
            "?expires=x",
            "?expire=5",
            "s?expires=5 ",
        ] {
            assert_eq!(expiry(salt), None, "{salt}");
        }
    }

    #[test]
    fn the_wire_form_is_altchas() {
        let challenge = ProofChallenge {
            algorithm: ALGORITHM.to_owned(),
            challenge: "ab".to_owned(),
            max_number: 10,
            salt: "s?expires=1800000000".to_owned(),
            signature: "cd".to_owned(),
        };
        let json = serde_json::to_value(&challenge).expect("json");
        assert_eq!(json["maxnumber"], 10);
        assert_eq!(challenge.expires(), Some(1_800_000_000));
        let solution = serde_json::to_value(challenge.solved(7)).expect("json");
        assert_eq!(
            solution,
            serde_json::json!({"algorithm": "SHA-256", "challenge": "ab", "number": 7,
                "salt": "s?expires=1800000000", "signature": "cd"})
        );
    }
}
