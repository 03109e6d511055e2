//! Login throttling (security review M4). Failed attempts count per key, in
//! windows of [`WINDOW_SECS`]:
//!
//! - per address (its bucket: an IPv6 /64): [`PER_ADDRESS`], then every
//!   login from it waits out the window (429);
//! - per login, whether or not the login exists (the answer must not tell):
//!   [`PER_LOGIN`], then the login is refused (423) for the rest of the
//!   window, except from a browser where it succeeded before;
//! - per such browser (its signed device cookie): [`PER_DEVICE`], so that a
//!   stranger's guesses lock the login but never its merchant, at their own
//!   browser, out of the admin.
//!
//! An attempt is claimed before its password is checked, in one statement,
//! so parallel guesses cannot slip past a limit; a success is then
//! forgiven, so only failures count.

use crate::store::{login_failures, Pool};

/// The window failures count in (15 minutes).
pub const WINDOW_SECS: u64 = 15 * 60;
/// Failures per address within the window.
pub const PER_ADDRESS: i64 = 20;
/// Failures per login (from browsers it never succeeded in) within the window.
pub const PER_LOGIN: i64 = 5;
/// Failures per known browser within the window.
pub const PER_DEVICE: i64 = 10;

/// A counter: its key and its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    key: String,
    max: i64,
}

impl Counter {
    /// The address bucket's counter.
    pub fn address(bucket: &str) -> Self {
        Self {
            key: format!("addr:{bucket}"),
            max: PER_ADDRESS,
        }
    }

    /// The login's counter (case folded: `Admin` guesses count for `admin`).
    pub fn login(login: &str) -> Self {
        Self {
            key: format!("login:{}", login.to_lowercase()),
            max: PER_LOGIN,
        }
    }

    /// The counter of an admin's password asked again in their session
    /// (changing it, TOTP, users): a stolen session cannot guess it either.
    pub fn reauthentication(user_id: i64) -> Self {
        Self {
            key: format!("reauth:{user_id}"),
            max: PER_LOGIN,
        }
    }

    /// A known browser's counter.
    pub fn device(nonce: &str) -> Self {
        Self {
            key: format!("device:{nonce}"),
            max: PER_DEVICE,
        }
    }

    /// Claims an attempt: the failures so far with this one, or `None`
    /// while the counter is at its limit.
    pub async fn claim(&self, pool: &Pool) -> Result<Option<i64>, sqlx::Error> {
        let now = crate::store::time::now();
        let ended = crate::store::seconds_ago(WINDOW_SECS);
        login_failures::claim(pool, &self.key, &now, &ended, self.max).await
    }

    /// Whether `attempts` (what [`Counter::claim`] returned) used the last one.
    pub fn spent(&self, attempts: i64) -> bool {
        attempts >= self.max
    }

    /// Takes the claimed attempt back: it succeeded.
    pub async fn forgive(&self, pool: &Pool) -> Result<(), sqlx::Error> {
        login_failures::forgive(pool, &self.key).await
    }

    /// Seconds until the counter's window ends (at least 1).
    pub async fn wait_secs(&self, pool: &Pool) -> Result<u64, sqlx::Error> {
        let started = login_failures::window_start(pool, &self.key).await?;
        let left = started
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
            .map_or(0, |start| {
                let end = start + chrono::Duration::seconds(WINDOW_SECS as i64);
                (end.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds()
            });
        Ok(u64::try_from(left).unwrap_or(0).max(1))
    }
}
