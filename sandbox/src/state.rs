//! The sandbox's memory: clock, tokens, transactions, faults.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{DateTime, Duration, FixedOffset, Timelike, Utc};
use serde::Serialize;

use crate::cards::{AcsOutcome, Scenario};

mod sessions;
pub use sessions::{Stage, ThreeDSession, THREE_D_TTL_MINUTES};

/// Japan Standard Time (no daylight saving).
pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset")
}

/// `yyyyMMddHHmmss` in JST, as the gateway writes dates.
pub fn gateway_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst()).format("%Y%m%d%H%M%S").to_string()
}

/// Whether `t` falls in the 23:00–01:00 JST nightly window.
pub fn in_nightly_window(t: DateTime<Utc>) -> bool {
    let hour = t.with_timezone(&jst()).hour();
    hour == 23 || hour == 0
}

/// The sandbox's settable clock.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// A fixed instant, if set.
    pub fixed: Option<DateTime<Utc>>,
    /// Added to the real or fixed time.
    pub offset: Duration,
}

impl Clock {
    /// The sandbox's now.
    pub fn now(&self) -> DateTime<Utc> {
        self.fixed.unwrap_or_else(Utc::now) + self.offset
    }

    /// Whether the clock was set (fixed or shifted) rather than real.
    pub fn is_set(&self) -> bool {
        self.fixed.is_some() || !self.offset.is_zero()
    }

    /// Whether A07 and A11 are refused now, under `policy`.
    pub fn in_nightly_window(&self, policy: crate::NightlyWindow) -> bool {
        let applies = match policy {
            crate::NightlyWindow::Always => true,
            crate::NightlyWindow::WhenClockSet => self.is_set(),
        };
        applies && in_nightly_window(self.now())
    }
}

/// A token issued by the token endpoint.
#[derive(Debug, Clone)]
pub struct TokenRecord {
    /// The trader it was issued for.
    pub trader: String,
    /// The card number it carries.
    pub card_no: String,
    /// Its 有効期限 (`MMYY`), posted back after 3-D Secure.
    pub card_exp: String,
    /// 認証区分: `1` or `3` ask for 3-D Secure.
    pub auth_div: String,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// Whether an A08 has used it.
    pub used: bool,
}

/// How long the sandbox remembers a token: twice its 30 minutes of life,
/// so that an A09 after a slow 3-D Secure still finds what it carried.
/// Older tokens are forgotten when new ones are issued, so the map does not
/// grow without bound (security review M3); an A08 with one is answered as
/// for any unknown token.
pub const TOKENS_KEPT_MINUTES: i64 = 60;

impl TokenRecord {
    /// Whether the sandbox still keeps it at `now`.
    pub fn kept_at(&self, now: DateTime<Utc>) -> bool {
        now - self.issued_at <= chrono::Duration::minutes(TOKENS_KEPT_MINUTES)
    }

    /// Whether an A08 with it starts a 3-D Secure authentication.
    pub fn three_d_secure(&self) -> bool {
        matches!(self.auth_div.as_str(), "1" | "3")
    }
}

/// A registered slip.
#[derive(Debug, Clone, Serialize)]
pub struct Slip {
    /// 送り状番号 or reference.
    pub slip_no: String,
    /// `00` or `99`.
    pub delivery_service_code: String,
    /// When it was registered (JST, `yyyyMMddHHmmss`).
    pub registered_at: String,
}

/// One API call on a transaction, for inspection.
#[derive(Debug, Clone, Serialize)]
pub struct Call {
    /// When (RFC 3339, sandbox clock).
    pub at: String,
    /// `A08`, `E01`, ….
    pub function_div: String,
    /// `ok`, or the error code returned.
    pub result: String,
}

/// A card transaction.
#[derive(Debug, Clone, Serialize)]
pub struct Txn {
    /// 加盟店コード.
    pub trader_code: String,
    /// 受付番号.
    pub order_no: String,
    /// 取引状況.
    pub status: u8,
    /// Current amount.
    pub amount: u64,
    /// 端末区分.
    pub device_div: String,
    /// 支払回数.
    pub pay_way: String,
    /// Card company code.
    pub settle_method: u8,
    /// What this card does on re-authorization.
    pub scenario: Scenario,
    /// 与信承認番号.
    pub crd_c_res_cd: String,
    /// 与信承認日時.
    pub crd_c_res_date: String,
    /// 決済日時.
    pub settle_date: String,
    /// Until when the authorization holds.
    pub authorized_until: DateTime<Utc>,
    /// Registered slips.
    pub slips: Vec<Slip>,
    /// 取消日時.
    pub cancel_date: Option<String>,
    /// 最終更新日時 (after A07 / A11).
    pub renewal_date: Option<String>,
    /// ３Ｄ認証結果 (`0000` …), for a payment authenticated with 3-D Secure.
    pub three_d_code: Option<String>,
}

/// How an injected fault behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultMode {
    /// Wait `delay_ms`, then answer normally.
    Delay,
    /// Apply the call, then hold the answer for `delay_ms` (default 120 s).
    Timeout,
    /// Answer HTTP 500.
    Http500,
    /// Answer a broken XML document.
    Malformed,
    /// Break the connection while answering.
    Reset,
    /// Answer `Z010000000` (maintenance).
    Maintenance,
    /// Answer `Z012000004` (same order number in progress).
    InFlight,
    /// Answer `307 Temporary Redirect` to the same address, without
    /// applying the call: a client that follows redirects sends the form
    /// (token, buyer) again, where the gateway never asked it to.
    Redirect,
    /// Answer 200 with a body that never ends, without applying the call:
    /// a client must stop reading at its limit.
    Flood,
}

/// A fault waiting to be applied to the next calls of an action.
#[derive(Debug, Clone, Serialize)]
pub struct Fault {
    /// What happens.
    pub mode: FaultMode,
    /// For `delay` and `timeout`.
    pub delay_ms: u64,
    /// How many more calls it applies to.
    pub remaining: u32,
    /// Whether the call takes effect before the fault (for `http500`,
    /// `malformed`, `reset`; `timeout` always applies).
    pub apply: bool,
}

/// Random faults on every action for a bounded time (`POST /__sandbox/chaos`).
#[derive(Debug, Clone, Serialize)]
pub struct Chaos {
    /// Share of calls that get a fault, 0 to 1.
    pub rate: f64,
    /// The modes drawn from.
    pub modes: Vec<FaultMode>,
    /// For `delay` and `timeout`.
    pub delay_ms: u64,
    /// When it ends (real time).
    #[serde(skip)]
    pub until: std::time::Instant,
}

/// Everything the sandbox remembers.
#[derive(Debug, Default)]
pub struct State {
    /// The clock.
    pub clock: Clock,
    /// Issued tokens.
    pub tokens: HashMap<String, TokenRecord>,
    /// Transactions by (trader, order_no).
    pub txns: HashMap<(String, String), Txn>,
    /// Calls by (trader, order_no), including those that made no transaction.
    pub history: HashMap<(String, String), Vec<Call>>,
    /// A08s being processed.
    pub in_flight: HashSet<(String, String)>,
    /// Pending faults by action path (`creditToken`, …).
    pub faults: HashMap<String, VecDeque<Fault>>,
    /// Random faults, while they last.
    pub chaos: Option<Chaos>,
    /// Faults applied so far, by mode (queued and random).
    pub injected: HashMap<FaultMode, u64>,
    /// 3-D Secure sessions by id.
    pub sessions: HashMap<String, ThreeDSession>,
    /// Outcomes the next sessions take whatever their card (control API).
    pub forced_outcomes: VecDeque<AcsOutcome>,
}

impl State {
    /// Records a call in the transaction's history.
    pub fn record(&mut self, trader: &str, order_no: &str, function_div: &str, result: &str) {
        let at = self.clock.now().to_rfc3339();
        self.history
            .entry((trader.to_owned(), order_no.to_owned()))
            .or_default()
            .push(Call {
                at,
                function_div: function_div.to_owned(),
                result: result.to_owned(),
            });
    }

    /// Takes the next fault for `action`: a queued one, else a random one
    /// while chaos lasts.
    pub fn take_fault(&mut self, action: &str) -> Option<Fault> {
        let fault = self.queued_fault(action).or_else(|| self.random_fault())?;
        *self.injected.entry(fault.mode).or_default() += 1;
        Some(fault)
    }

    fn queued_fault(&mut self, action: &str) -> Option<Fault> {
        let queue = self.faults.get_mut(action)?;
        let fault = queue.front_mut()?;
        let taken = fault.clone();
        fault.remaining = fault.remaining.saturating_sub(1);
        if fault.remaining == 0 {
            queue.pop_front();
        }
        Some(taken)
    }

    fn random_fault(&mut self) -> Option<Fault> {
        use rand::Rng;
        let chaos = self.chaos.as_ref()?;
        if std::time::Instant::now() >= chaos.until {
            self.chaos = None;
            return None;
        }
        let mut rng = rand::rng();
        if chaos.modes.is_empty() || !rng.random_bool(chaos.rate.clamp(0.0, 1.0)) {
            return None;
        }
        Some(Fault {
            mode: chaos.modes[rng.random_range(0..chaos.modes.len())],
            delay_ms: chaos.delay_ms,
            remaining: 1,
            apply: rng.random_bool(0.5),
        })
    }

    /// Whether a slip number is registered on any transaction.
    pub fn slip_in_use(&self, slip_no: &str) -> bool {
        self.txns
            .values()
            .any(|t| t.slips.iter().any(|s| s.slip_no == slip_no))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_nightly_window_applies_to_a_real_clock_only_when_always() {
        use crate::NightlyWindow::{Always, WhenClockSet};
        let night = DateTime::parse_from_rfc3339("2026-11-29T23:30:00+09:00")
            .expect("time")
            .with_timezone(&Utc);
        let noon = night - Duration::hours(11);
        let fixed = |t| Clock {
            fixed: Some(t),
            offset: Duration::zero(),
        };
        assert!(fixed(night).in_nightly_window(Always));
        assert!(fixed(night).in_nightly_window(WhenClockSet));
        assert!(!fixed(noon).in_nightly_window(Always));
        assert!(!fixed(noon).in_nightly_window(WhenClockSet));
        // A shifted real clock counts as set; the real clock never does.
        let shifted = Clock {
            fixed: None,
            offset: Duration::hours(1),
        };
        assert!(shifted.is_set());
        assert!(!Clock::default().is_set());
        assert!(!Clock::default().in_nightly_window(WhenClockSet));
        assert_eq!(
            "when_clock_set".parse::<crate::NightlyWindow>(),
            Ok(WhenClockSet)
        );
        assert!("sometimes".parse::<crate::NightlyWindow>().is_err());
    }

    #[test]
    fn the_nightly_window_is_23_to_01_jst() {
        let at = |h, m| {
            jst()
                .with_ymd_and_hms(2026, 11, 29, h, m, 0)
                .single()
                .expect("valid")
                .with_timezone(&Utc)
        };
        assert!(!in_nightly_window(at(22, 59)));
        assert!(in_nightly_window(at(23, 0)));
        assert!(in_nightly_window(at(0, 59)));
        assert!(!in_nightly_window(at(1, 0)));
        assert_eq!(gateway_time(at(23, 5)), "20261129230500");
    }

    #[test]
    fn faults_count_down_and_disappear() {
        let mut state = State::default();
        state
            .faults
            .entry("reAuth".into())
            .or_default()
            .push_back(Fault {
                mode: FaultMode::Http500,
                delay_ms: 0,
                remaining: 2,
                apply: false,
            });
        assert!(state.take_fault("reAuth").is_some());
        assert!(state.take_fault("reAuth").is_some());
        assert!(state.take_fault("reAuth").is_none());
        assert!(state.take_fault("creditToken").is_none());
        assert_eq!(state.injected.get(&FaultMode::Http500), Some(&2));
    }

    #[test]
    fn chaos_draws_from_its_modes_and_ends() {
        let mut state = State {
            chaos: Some(Chaos {
                rate: 1.0,
                modes: vec![FaultMode::Reset],
                delay_ms: 0,
                until: std::time::Instant::now() + std::time::Duration::from_secs(60),
            }),
            ..State::default()
        };
        let fault = state.take_fault("reAuth").expect("a fault at rate 1");
        assert_eq!(fault.mode, FaultMode::Reset);
        if let Some(chaos) = &mut state.chaos {
            chaos.until = std::time::Instant::now();
        }
        assert!(state.take_fault("reAuth").is_none());
        assert!(state.chaos.is_none());
    }
}
