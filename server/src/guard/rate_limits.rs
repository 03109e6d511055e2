//! Rate limits on the shopper's writes (security review M2, M3): placing an
//! order (any payment method: a bank transfer mails the address typed into
//! it) and `abandon` (which writes a withdrawn key), per client address (an
//! IPv6 one by its /64) and per session (requests without a session the
//! server issued share one bucket). governor's keyed limiters keep them in
//! memory, per instance; the hourly purge forgets keys gone quiet, so
//! nothing grows without bound.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The shopper's write limits.
#[derive(Debug)]
pub struct ShopperLimits {
    orders: DefaultKeyedRateLimiter<String>,
    abandons: DefaultKeyedRateLimiter<String>,
    reports: DefaultKeyedRateLimiter<String>,
}

/// CSP reports taken per address per minute: a page that breaks its policy
/// reports each blocked load, a few dozen at most.
const REPORTS_PER_MINUTE: u32 = 60;

fn per_minute(n: u32) -> DefaultKeyedRateLimiter<String> {
    RateLimiter::keyed(Quota::per_minute(
        NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN),
    ))
}

fn check(
    limiter: &DefaultKeyedRateLimiter<String>,
    ip: &str,
    session: &str,
) -> Result<(), Duration> {
    for key in [format!("ip {ip}"), format!("session {session}")] {
        if let Err(not_until) = limiter.check_key(&key) {
            return Err(not_until.wait_time_from(DefaultClock::default().now()));
        }
    }
    Ok(())
}

impl ShopperLimits {
    /// Orders and abandons allowed per minute, per address and per session
    /// (each a burst of that many, then one every `60 / n` seconds).
    pub fn new(orders_per_minute: u32, abandons_per_minute: u32) -> Self {
        Self {
            orders: per_minute(orders_per_minute),
            abandons: per_minute(abandons_per_minute),
            reports: per_minute(REPORTS_PER_MINUTE),
        }
    }

    /// Lets an order through, or says how long to wait.
    pub fn order(&self, ip: &str, session: &str) -> Result<(), Duration> {
        check(&self.orders, ip, session)
    }

    /// Lets an `abandon` through, or says how long to wait.
    pub fn abandon(&self, ip: &str, session: &str) -> Result<(), Duration> {
        check(&self.abandons, ip, session)
    }

    /// Lets a CSP report through (per address only: a report carries no
    /// session), or says no.
    pub fn report(&self, ip: &str) -> bool {
        self.reports.check_key(&format!("ip {ip}")).is_ok()
    }

    /// Forgets the keys whose limit is back to full.
    pub fn forget_quiet(&self) {
        self.reports.retain_recent();
        self.reports.shrink_to_fit();
        self.orders.retain_recent();
        self.orders.shrink_to_fit();
        self.abandons.retain_recent();
        self.abandons.shrink_to_fit();
    }

    /// Keys remembered (for tests and metrics).
    pub fn len(&self) -> usize {
        self.orders.len() + self.abandons.len() + self.reports.len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_or_a_session_over_its_limit_waits_and_others_do_not() {
        let limits = ShopperLimits::new(2, 1);
        assert!(limits.order("198.51.100.1", "s1").is_ok());
        assert!(limits.order("198.51.100.1", "s2").is_ok());
        let wait = limits
            .order("198.51.100.1", "s3")
            .expect_err("the address is over");
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        assert!(limits.order("198.51.100.2", "s1").is_ok(), "s1's second");
        assert!(
            limits.order("198.51.100.3", "s1").is_err(),
            "the session is over"
        );
        assert!(limits.order("198.51.100.4", "s4").is_ok());
        // Abandons count apart from orders.
        assert!(limits.abandon("198.51.100.1", "s1").is_ok());
        assert!(limits.abandon("198.51.100.1", "s9").is_err());
        assert!(!limits.is_empty());
    }
}
