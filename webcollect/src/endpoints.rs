//! Gateway modes and the URLs of the token JavaScript and the API actions.
//!
//! Production URLs have no suffix (`/api/creditToken`); Yamato's test gateway
//! adds `.api` (`/test_gateway/creditToken.api`). The local sandbox answers on
//! the production-style paths under its own base URL.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which gateway the shop talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum GatewayMode {
    /// Zerostep's local sandbox (`zerostep-sandbox`), the default: no contract needed.
    #[default]
    Sandbox,
    /// Yamato's test gateway (`ptwebcollect.jp`).
    Test,
    /// Yamato's production gateway.
    Production,
}

/// The string is not `sandbox`, `test` or `production`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("gateway mode must be sandbox, test or production (got {0:?})")]
pub struct GatewayModeError(pub String);

impl FromStr for GatewayMode {
    type Err = GatewayModeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sandbox" => Ok(GatewayMode::Sandbox),
            "test" => Ok(GatewayMode::Test),
            "production" => Ok(GatewayMode::Production),
            _ => Err(GatewayModeError(s.to_owned())),
        }
    }
}

impl fmt::Display for GatewayMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GatewayMode::Sandbox => "sandbox",
            GatewayMode::Test => "test",
            GatewayMode::Production => "production",
        })
    }
}

/// A server-to-server API function of the gateway that Zerostep uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// A08 クレジット決済登録(トークン): authorize with a token (or, for a
    /// 3-D Secure token, start the cardholder's authentication).
    CreditToken,
    /// A09 クレジット決済登録 3Dセキュア結果用(トークン): authorize after the
    /// 3-D Secure authentication, with the fields it returned.
    CreditToken3D,
    /// A06 クレジット決済取消: cancel.
    CreditCancel,
    /// A07 クレジット金額変更: change the amount.
    CreditChangePrice,
    /// A11 クレジット再与信: re-authorize.
    ReAuth,
    /// E01 出荷情報登録: register a slip (confirms the sale).
    ShipmentEntry,
    /// E02 出荷情報取消: unregister a slip.
    ShipmentCancel,
    /// E04 取引情報照会: inquire about a transaction.
    TradeInfo,
    /// H01 グローバルIPアドレス照会: the caller's IP as the gateway sees it.
    TraderIp,
}

impl Action {
    /// Every action, in function-code order.
    pub const ALL: [Action; 9] = [
        Action::CreditCancel,
        Action::CreditChangePrice,
        Action::CreditToken,
        Action::CreditToken3D,
        Action::ReAuth,
        Action::ShipmentEntry,
        Action::ShipmentCancel,
        Action::TradeInfo,
        Action::TraderIp,
    ];

    /// The path segment of the action (`creditToken`).
    pub fn path(self) -> &'static str {
        match self {
            Action::CreditToken => "creditToken",
            Action::CreditToken3D => "creditToken3D",
            Action::CreditCancel => "creditCancel",
            Action::CreditChangePrice => "creditChangePrice",
            Action::ReAuth => "reAuth",
            Action::ShipmentEntry => "shipmentEntry",
            Action::ShipmentCancel => "shipmentCancel",
            Action::TradeInfo => "tradeInfo",
            Action::TraderIp => "traderIp",
        }
    }

    /// The `function_div` the gateway expects with this action (`A08`).
    pub fn function_div(self) -> &'static str {
        match self {
            Action::CreditToken => "A08",
            Action::CreditToken3D => "A09",
            Action::CreditCancel => "A06",
            Action::CreditChangePrice => "A07",
            Action::ReAuth => "A11",
            Action::ShipmentEntry => "E01",
            Action::ShipmentCancel => "E02",
            Action::TradeInfo => "E04",
            Action::TraderIp => "H01",
        }
    }

    /// The action whose path segment is `path`, if any.
    pub fn from_path(path: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.path() == path)
    }
}

/// Where the token JavaScript and the API actions of one gateway live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    mode: GatewayMode,
    base: String,
}

/// Yamato's production host.
const PRODUCTION_BASE: &str = "https://api.kuronekoyamato.co.jp";
/// Yamato's test gateway host.
const TEST_BASE: &str = "https://ptwebcollect.jp";

impl Endpoints {
    /// Endpoints of Yamato's gateway for `Test` or `Production`, or of a
    /// sandbox at `sandbox_base` (e.g. `http://127.0.0.1:8081`) for `Sandbox`.
    pub fn new(mode: GatewayMode, sandbox_base: &str) -> Self {
        let base = match mode {
            GatewayMode::Sandbox => sandbox_base.trim_end_matches('/').to_owned(),
            GatewayMode::Test => TEST_BASE.to_owned(),
            GatewayMode::Production => PRODUCTION_BASE.to_owned(),
        };
        Endpoints { mode, base }
    }

    /// The mode these endpoints belong to.
    pub fn mode(&self) -> GatewayMode {
        self.mode
    }

    /// The URL of `embeddedTokenLib.js`.
    pub fn token_js_url(&self) -> String {
        match self.mode {
            GatewayMode::Test => format!("{}/test_gateway/token/js/embeddedTokenLib.js", self.base),
            GatewayMode::Sandbox | GatewayMode::Production => {
                format!("{}/api/token/js/embeddedTokenLib.js", self.base)
            }
        }
    }

    /// The URL an action is POSTed to.
    pub fn action_url(&self, action: Action) -> String {
        match self.mode {
            GatewayMode::Test => format!("{}/test_gateway/{}.api", self.base, action.path()),
            GatewayMode::Sandbox | GatewayMode::Production => {
                format!("{}/api/{}", self.base, action.path())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_urls_have_no_suffix() {
        let e = Endpoints::new(GatewayMode::Production, "ignored");
        assert_eq!(
            e.action_url(Action::CreditToken),
            "https://api.kuronekoyamato.co.jp/api/creditToken"
        );
        assert_eq!(
            e.token_js_url(),
            "https://api.kuronekoyamato.co.jp/api/token/js/embeddedTokenLib.js"
        );
    }

    #[test]
    fn test_gateway_urls_have_the_api_suffix() {
        let e = Endpoints::new(GatewayMode::Test, "ignored");
        assert_eq!(
            e.action_url(Action::ReAuth),
            "https://ptwebcollect.jp/test_gateway/reAuth.api"
        );
        assert_eq!(
            e.token_js_url(),
            "https://ptwebcollect.jp/test_gateway/token/js/embeddedTokenLib.js"
        );
        // The A09 URL every integration uses (webcollect-3ds.md §6).
        assert_eq!(
            e.action_url(Action::CreditToken3D),
            "https://ptwebcollect.jp/test_gateway/creditToken3D.api"
        );
    }

    #[test]
    fn sandbox_urls_use_the_configured_base() {
        let e = Endpoints::new(GatewayMode::Sandbox, "http://127.0.0.1:8081/");
        assert_eq!(
            e.action_url(Action::ShipmentEntry),
            "http://127.0.0.1:8081/api/shipmentEntry"
        );
        assert_eq!(
            e.token_js_url(),
            "http://127.0.0.1:8081/api/token/js/embeddedTokenLib.js"
        );
    }

    #[test]
    fn actions_round_trip_through_their_paths() {
        for action in Action::ALL {
            assert_eq!(Action::from_path(action.path()), Some(action));
        }
        assert_eq!(Action::from_path("credit"), None);
        let divs: Vec<_> = Action::ALL.iter().map(|a| a.function_div()).collect();
        assert_eq!(
            divs,
            ["A06", "A07", "A08", "A09", "A11", "E01", "E02", "E04", "H01"]
        );
    }

    #[test]
    fn modes_parse_case_insensitively() {
        assert_eq!("Sandbox".parse(), Ok(GatewayMode::Sandbox));
        assert_eq!(" production ".parse(), Ok(GatewayMode::Production));
        assert_eq!(
            "live".parse::<GatewayMode>(),
            Err(GatewayModeError("live".to_owned()))
        );
    }
}
