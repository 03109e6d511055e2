//! 3-D Secure sessions: what an A08 with a 3-D Secure token started, until
//! A09 settles it or 30 minutes pass.

use chrono::{DateTime, Duration, Utc};
use zerostep_webcollect::three_d::ThreeDReturn;

use super::State;
use crate::cards::AcsOutcome;

/// How long a 3-D Secure session waits for its A09.
pub const THREE_D_TTL_MINUTES: i64 = 30;

/// Where a 3-D Secure session is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// A08 answered the start page; the browser has not reached the ACS.
    Started,
    /// The ACS asks for the one-time code; `failures` wrong codes so far.
    Challenging {
        /// Wrong codes typed.
        failures: u8,
    },
    /// The ACS posted these fields to `trader_ec_url`.
    Returned(ThreeDReturn),
    /// A09 answered: `code` empty when authorized.
    Settled {
        /// A09's error code, empty when authorized.
        code: String,
        /// Its `creditErrorCode`, if any.
        credit: String,
    },
    /// No A09 within 30 minutes.
    Abandoned,
}

impl Stage {
    /// The stage's name, as the control API shows it.
    pub fn name(&self) -> &'static str {
        match self {
            Stage::Started => "started",
            Stage::Challenging { .. } => "challenging",
            Stage::Returned(_) => "returned",
            Stage::Settled { code, .. } if code.is_empty() => "authorized",
            Stage::Settled { .. } => "failed",
            Stage::Abandoned => "abandoned",
        }
    }
}

/// A 3-D Secure authentication started by an A08.
#[derive(Debug, Clone)]
pub struct ThreeDSession {
    /// The opaque id the start page posts to the ACS.
    pub id: String,
    /// 加盟店コード.
    pub trader: String,
    /// 受付番号.
    pub order_no: String,
    /// The card token the A08 spent.
    pub token: String,
    /// `threeDToken`, the key of A09.
    pub three_d_token: String,
    /// Where the ACS posts the result.
    pub trader_ec_url: String,
    /// The card.
    pub card_no: String,
    /// Its expiry (`MMYY`).
    pub card_exp: String,
    /// The amount in yen.
    pub amount: u64,
    /// What the ACS will do.
    pub outcome: AcsOutcome,
    /// The `x3ds2_*` fields the A08 sent.
    pub risk: Vec<(String, String)>,
    /// When the A08 started it.
    pub created_at: DateTime<Utc>,
    /// Where it is.
    pub stage: Stage,
}

impl State {
    /// Ends the 3-D Secure sessions that saw no A09 within 30 minutes: their
    /// transactions become 20 決済中断 and their order numbers free.
    pub fn expire_sessions(&mut self, now: DateTime<Utc>) {
        let ttl = Duration::minutes(THREE_D_TTL_MINUTES);
        for session in self.sessions.values_mut() {
            let open = !matches!(session.stage, Stage::Settled { .. } | Stage::Abandoned);
            if open && now - session.created_at > ttl {
                session.stage = Stage::Abandoned;
                let key = (session.trader.clone(), session.order_no.clone());
                if let Some(txn) = self.txns.get_mut(&key).filter(|t| t.status == 21) {
                    txn.status = 20;
                }
            }
        }
    }

    /// The session A09 names by its `threeDToken`.
    pub fn session_by_three_d_token(&mut self, three_d_token: &str) -> Option<&mut ThreeDSession> {
        self.sessions
            .values_mut()
            .find(|s| s.three_d_token == three_d_token)
    }
}
