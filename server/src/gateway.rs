//! The server's side of the gateway: the Web Collect client, and what the
//! browser needs to call Yamato's token JavaScript. The checkSum is computed
//! here, so the アクセスキー itself is never sent; but the checkSum
//! (`SHA-256(accessKey + authDiv)`) reaches every browser, and a key of 7
//! digits is found from it in a moment (security review L1). The key is no
//! real secret: what keeps others from calling the API with the shop's
//! 加盟店コード is Yamato's allow-list of the server's source address.

use std::time::Duration;

use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use zerostep_domain::checkout::TokenConfig;
use zerostep_webcollect::rules::Limits;
use zerostep_webcollect::{Client, ClientConfig, Endpoints, GatewayMode};

use crate::config::GatewayConfig;

/// `authDiv` 2: security code checked, no 3-D Secure (when the shop does not
/// authenticate; with 3Dセキュア on, the shop's `3` or `1`).
pub const AUTH_DIV: &str = "2";

/// The gateway as the server uses it.
#[derive(Clone)]
pub struct Gateway {
    /// The Web Collect client.
    pub client: Client,
    endpoints: Endpoints,
    trader_code: String,
    access_key: secrecy::SecretString,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway")
            .field("endpoints", &self.endpoints)
            .field("trader_code", &self.trader_code)
            .finish_non_exhaustive()
    }
}

/// The gateway client could not be built.
#[derive(Debug, thiserror::Error)]
#[error("gateway client: {0}")]
pub struct GatewayError(String);

impl Gateway {
    /// A gateway for `settings`, its sandbox (when used) at `sandbox_url`.
    pub fn new(settings: &GatewayConfig, sandbox_url: &str) -> Result<Self, GatewayError> {
        let endpoints = Endpoints::new(settings.mode, sandbox_url);
        let access_key = match (&settings.access_key, settings.mode) {
            (Some(key), _) => key.expose_secret().to_owned(),
            (None, GatewayMode::Sandbox) => zerostep_sandbox::DEFAULT_ACCESS_KEY.to_owned(),
            (None, _) => {
                return Err(GatewayError(
                    "ZEROSTEP_ACCESS_KEY is required outside sandbox mode".to_owned(),
                ))
            }
        };
        let access_key = secrecy::SecretString::from(access_key);
        let client = Client::new(ClientConfig {
            endpoints: endpoints.clone(),
            trader_code: settings.trader_code.clone(),
            timeout: Duration::from_secs(settings.timeout_secs.max(1)),
            limits: Limits::default(),
        })
        .map_err(|e| GatewayError(e.to_string()))?;
        Ok(Gateway {
            client,
            endpoints,
            trader_code: settings.trader_code.clone(),
            access_key,
        })
    }

    /// The client for the 加盟店コード in force: `saved` (the one saved in the
    /// admin), else the configured one.
    pub fn client_for(&self, saved: Option<&str>) -> Client {
        match saved {
            Some(code) => self.client.for_trader(code),
            None => self.client.clone(),
        }
    }

    /// Where Yamato's token script (or the sandbox's) is served.
    pub fn token_js_url(&self) -> String {
        self.endpoints.token_js_url()
    }

    /// The 加盟店コード in force: `saved` (the one saved in the admin), else the configured one.
    pub fn trader_code(&self, saved: Option<&str>) -> String {
        saved.map_or_else(|| self.trader_code.clone(), str::to_owned)
    }

    /// The checkSum of a token with `auth_div` under `access_key`
    /// (`sha256(accessKey + authDiv)`: the authDiv is bound to the token).
    pub fn check_sum_for(access_key: &str, auth_div: &str) -> String {
        Sha256::digest(format!("{access_key}{auth_div}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// What `createToken` needs, for the purchase page; `saved_key` is the
    /// アクセスキー saved in the admin, if any; `three_d` the shop's 3-D
    /// Secure authDiv, if it authenticates.
    pub fn token_config(
        &self,
        pay_ways: Vec<u8>,
        saved_key: Option<&str>,
        trader_code: String,
        three_d: Option<&str>,
    ) -> TokenConfig {
        let auth_div = three_d.unwrap_or(AUTH_DIV);
        let key = saved_key.unwrap_or_else(|| self.access_key.expose_secret());
        TokenConfig {
            js_url: self.endpoints.token_js_url(),
            trader_code,
            auth_div: auth_div.to_owned(),
            check_sum: Self::check_sum_for(key, auth_div),
            allow_dummy_cards: self.endpoints.mode() == GatewayMode::Sandbox,
            pay_ways,
        }
    }
}
