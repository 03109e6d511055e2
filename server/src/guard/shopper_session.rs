//! The shopper's session for the card-testing limits (security review H1):
//! a value the server issues in `GET /api/checkout/config` and signs, so a
//! client cannot invent one. A request that brings none, or one that is not
//! ours or has expired, counts in one shared bucket ([`SHARED_BUCKET`]),
//! which is stricter than any session's own because every such request
//! shares it.
//!
//! Form: `<expiry, Unix seconds>.<nonce: 16 random bytes>.<tag>`, nonce and
//! tag in unpadded base64url; the tag is HMAC-SHA256 over
//! `<expiry>.<nonce>` with the key every instance of the shop shares
//! (stored in the database: `store::server_keys`).

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// How long a session is valid: a day.
pub const LIFETIME_SECS: i64 = 24 * 60 * 60;

/// The bucket of requests without a valid session.
pub const SHARED_BUCKET: &str = "-";

/// The key that signs sessions and proof-of-work challenges (never
/// printed: `Debug` shows nothing of it).
#[derive(Clone)]
pub struct SessionKey(Arc<[u8]>);

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(..)")
    }
}

impl SessionKey {
    /// A key of these bytes.
    pub fn new(bytes: &[u8]) -> Self {
        Self(bytes.into())
    }

    /// HMAC-SHA256 of `signed` for `purpose` (`session`, `proof`): a tag
    /// made for one purpose is never valid for the other.
    pub(crate) fn tag(&self, purpose: &str, signed: &str) -> Hmac<Sha256> {
        // HMAC takes a key of any length.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(signed.as_bytes());
        mac
    }

    /// A new session, valid until `now + LIFETIME_SECS`.
    pub fn issue(&self, now: i64) -> String {
        let mut nonce = [0u8; 16];
        rand::rng().fill_bytes(&mut nonce);
        let signed = format!("{}.{}", now + LIFETIME_SECS, URL_SAFE_NO_PAD.encode(nonce));
        let tag = URL_SAFE_NO_PAD.encode(self.tag("session", &signed).finalize().into_bytes());
        format!("{signed}.{tag}")
    }

    /// The session's nonce, if `value` is a session this key signed that is
    /// still valid at `now`.
    pub fn verify<'a>(&self, value: &'a str, now: i64) -> Option<&'a str> {
        let (signed, tag) = value.rsplit_once('.')?;
        let (expiry, nonce) = signed.split_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        self.tag("session", signed).verify_slice(&tag).ok()?;
        let expiry: i64 = expiry.parse().ok()?;
        (expiry > now).then_some(nonce)
    }

    /// The session for `GET /api/checkout/config`: the one presented while
    /// it has more than half its life left, else a new one.
    pub fn renew(&self, presented: &str, now: i64) -> String {
        let fresh = self.verify(presented, now + LIFETIME_SECS / 2).is_some();
        if fresh {
            presented.to_owned()
        } else {
            self.issue(now)
        }
    }

    /// The bucket a request counts in: its session's nonce, or the shared
    /// bucket.
    pub fn bucket(&self, presented: &str, now: i64) -> String {
        self.verify(presented, now)
            .map_or_else(|| SHARED_BUCKET.to_owned(), str::to_owned)
    }
}

/// Now, in Unix seconds.
pub fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn a_session_we_issued_is_its_own_bucket_until_it_expires() {
        let key = SessionKey::new(b"a key of the shop");
        let session = key.issue(NOW);
        let nonce = key.verify(&session, NOW).expect("ours");
        assert_eq!(key.bucket(&session, NOW), nonce);
        assert_ne!(key.issue(NOW), session, "every session is new");
        assert_eq!(key.bucket(&session, NOW + LIFETIME_SECS), SHARED_BUCKET);
    }

    #[test]
    fn invented_or_altered_sessions_share_one_bucket() {
        let key = SessionKey::new(b"a key of the shop");
        let session = key.issue(NOW);
        let (expiry, rest) = session.split_once('.').expect("three parts");
        let later = format!("{}.{rest}", expiry.parse::<i64>().expect("a number") + 1);
        let other = SessionKey::new(b"another shop's key").issue(NOW);
        for forged in ["", "abc", "1.2.3", "....", &later, &other, &session[1..]] {
            assert_eq!(key.bucket(forged, NOW), SHARED_BUCKET, "{forged:?}");
        }
    }

    #[test]
    fn renewing_keeps_a_fresh_session_and_replaces_an_old_one() {
        let key = SessionKey::new(b"k");
        let session = key.issue(NOW);
        assert_eq!(key.renew(&session, NOW + 60), session);
        assert_ne!(key.renew(&session, NOW + LIFETIME_SECS * 3 / 4), session);
        assert_ne!(key.renew("invented", NOW), "invented");
    }

    #[test]
    fn the_key_is_never_printed() {
        assert_eq!(
            format!("{:?}", SessionKey::new(b"secret")),
            "SessionKey(..)"
        );
    }
}
