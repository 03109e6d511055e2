//! Typed configuration: an optional TOML file, then `ZEROSTEP_*` environment
//! variables on top.
//!
//! The file is `ZEROSTEP_CONFIG` if set, else `zerostep.toml` in the working
//! directory if present. Every setting has a safe local default except
//! secrets, which come only from the environment (none are needed yet). A
//! malformed value fails start-up with a message naming the setting.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use serde::Deserialize;
use zerostep_webcollect::GatewayMode;

mod env;

pub use crate::telemetry::LogFormat;
pub use env::normalise_origin;

/// Everything the server needs to start.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to listen on (`ZEROSTEP_HOST`).
    pub host: IpAddr,
    /// Port of the shop (checkout, widget, shopper API); 0 picks a free one
    /// (`ZEROSTEP_PORT`).
    pub port: u16,
    /// Port of the merchant admin (`/admin/`, `/api/admin/...`), a listener
    /// of its own so that the admin has an origin of its own (security
    /// review M1); 0 picks a free one (`ZEROSTEP_ADMIN_PORT`).
    pub admin_port: u16,
    /// sqlx database URL, e.g. `sqlite://data/zerostep.db` (`ZEROSTEP_DATABASE_URL`).
    pub database_url: String,
    /// The built checkout SPA (Trunk's `dist/`) (`ZEROSTEP_CHECKOUT_DIST`).
    pub checkout_dist: PathBuf,
    /// The built admin SPA (`admin/dist/`) (`ZEROSTEP_ADMIN_DIST`).
    pub admin_dist: PathBuf,
    /// The built embeddable widget (`embed/dist/`), served under `/embed/`
    /// with `/embed.js` as its entry (`ZEROSTEP_EMBED_DIST`).
    pub embed_dist: PathBuf,
    /// Origins allowed to embed the checkout (CORS on the public API and the
    /// widget's files), e.g. `https://shop.example.jp`; never a wildcard
    /// (`ZEROSTEP_EMBED_ORIGINS`, comma-separated).
    pub embed_origins: Vec<String>,
    /// Japan Post data as `code\tprefecture\tcity\ttown` lines, made by
    /// `cargo xtask setup` (`ZEROSTEP_POSTAL_DATA`); imported when it changes.
    pub postal_data: PathBuf,
    /// Seed the demo catalogue when the product table is empty (`ZEROSTEP_SEED_DEMO`).
    pub seed_demo: bool,
    /// Seconds after which a request is answered with 408 (`ZEROSTEP_REQUEST_TIMEOUT_SECS`).
    pub request_timeout_secs: u64,
    /// Seconds a client has to send a request's head, and the longest a
    /// keep-alive connection stays idle (`ZEROSTEP_HEADER_READ_TIMEOUT_SECS`).
    pub header_read_timeout_secs: u64,
    /// Connections served at once; more wait to be accepted
    /// (`ZEROSTEP_MAX_CONNECTIONS`).
    pub max_connections: usize,
    /// The payment gateway.
    pub gateway: GatewayConfig,
    /// Failed card attempts per IP, e-mail or browser session before 429 (`ZEROSTEP_CARD_FAILURE_LIMIT`).
    pub card_failure_limit: u32,
    /// The window those failures are counted in, in seconds.
    pub card_failure_window_secs: u64,
    /// Orders allowed per minute from one address, and from one session
    /// (`ZEROSTEP_ORDER_RATE_PER_MINUTE`).
    pub orders_per_minute: u32,
    /// `abandon` requests allowed per minute from one address, and from one
    /// session (`ZEROSTEP_ABANDON_RATE_PER_MINUTE`).
    pub abandons_per_minute: u32,
    /// The largest number of a proof-of-work challenge: its difficulty
    /// (`ZEROSTEP_PROOF_OF_WORK_MAX`; a browser tries half of them on
    /// average, each one SHA-256).
    pub proof_of_work_max: u64,
    /// Where 受注通知メール goes (`ZEROSTEP_SHOP_EMAIL`).
    pub shop_email: String,
    /// Where the outbox writes `.eml` files (`ZEROSTEP_OUTBOX_DIR`).
    pub outbox_dir: PathBuf,
    /// Seconds between reconciliation runs for orders whose outcome is unknown
    /// (`ZEROSTEP_RECONCILE_INTERVAL_SECS`).
    pub reconcile_interval_secs: u64,
    /// Seconds after which a gateway's "not found" for an order is final
    /// (an A08 may be in flight until then) (`ZEROSTEP_RECONCILE_GRACE_SECS`).
    pub reconcile_grace_secs: u64,
    /// Seconds a shopper has for EMV 3-D Secure before the reconciler closes
    /// the authentication (`ZEROSTEP_AUTHENTICATION_SECS`; the gateway's own
    /// 30 minutes by default; shorter only in tests: a return after it is
    /// refused, and the order ends as E04 says).
    pub authentication_secs: u64,
    /// Seconds after which an order still `authorizing`, or a merchant's
    /// operation still unanswered, is taken to be cut short (a lost answer or
    /// a crash) and reconciled (`ZEROSTEP_RECONCILE_STALE_SECS`).
    pub reconcile_stale_secs: u64,
    /// Our proxies (addresses or CIDR blocks): behind them the client's
    /// address is the right-most `X-Forwarded-For` entry that is not one of
    /// them; with none, the socket's (`ZEROSTEP_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The first admin's login (`ZEROSTEP_ADMIN_LOGIN`).
    pub admin_login: String,
    /// The first admin's password, from the environment only (`ZEROSTEP_ADMIN_PASSWORD`,
    /// 12 characters or more); without it one is generated at first start,
    /// written to `first_password_file`, and must be changed at the first login.
    #[serde(skip)]
    pub admin_password: Option<secrecy::SecretString>,
    /// Where a generated first password is written, readable by its owner only
    /// (`ZEROSTEP_FIRST_PASSWORD_FILE`); deleted when the admin chooses their own.
    pub first_password_file: PathBuf,
    /// The key that seals the secrets stored in the database (the アクセスキー,
    /// the TOTP secrets), made at the first start, readable by its owner
    /// only; keep it out of the database's backups (`ZEROSTEP_SEALING_KEY_FILE`).
    pub sealing_key_file: PathBuf,
    /// How log lines are written: `text` or `json` (`ZEROSTEP_LOG_FORMAT`).
    pub log_format: LogFormat,
    /// Where Prometheus metrics are served (`GET /metrics`), on a listener
    /// of their own; off when unset (`ZEROSTEP_METRICS_LISTEN`).
    pub metrics_listen: Option<SocketAddr>,
    /// Let the sandbox gateway run where the internet can reach it
    /// (`ZEROSTEP_ALLOW_PUBLIC_SANDBOX`; a public demo). Without it, sandbox
    /// mode is refused off loopback and behind HTTPS: real shoppers would
    /// type real cards into a stand-in.
    pub allow_public_sandbox: bool,
    /// Mark the admin cookie `Secure` (behind HTTPS) (`ZEROSTEP_SECURE_COOKIES`).
    pub secure_cookies: bool,
    /// The shop's address as browsers reach it, `https://shop.example.jp`
    /// (`ZEROSTEP_PUBLIC_URL`): where 3-D Secure returns the shopper. By
    /// default `http://` and the request's `Host`, which only a local
    /// sandbox accepts (Yamato asks for https).
    pub public_url: Option<String>,
    /// The mails' From address (`ZEROSTEP_MAIL_FROM`); without a display
    /// name of its own, the mails carry the shop's name from 基本設定.
    pub mail_from: String,
    /// SMTP relay for the outbox; without it, mail stays in the outbox
    /// (table and `.eml` files) for another system to send.
    pub smtp: Option<SmtpConfig>,
}

/// How the outbox reaches an SMTP relay.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// Relay host (`ZEROSTEP_SMTP_HOST`).
    pub host: String,
    /// Relay port (`ZEROSTEP_SMTP_PORT`, default 587).
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    /// `starttls` (default), `tls` (implicit) or `none` (a local relay only) (`ZEROSTEP_SMTP_TLS`).
    #[serde(default)]
    pub tls: SmtpTls,
    /// Login (`ZEROSTEP_SMTP_USERNAME`); the password only from `ZEROSTEP_SMTP_PASSWORD`.
    #[serde(default)]
    pub username: Option<String>,
    /// Password, from the environment only.
    #[serde(skip)]
    pub password: Option<secrecy::SecretString>,
}

fn default_smtp_port() -> u16 {
    587
}

/// Transport security to the SMTP relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// STARTTLS, required.
    #[default]
    Starttls,
    /// Implicit TLS (SMTPS).
    Tls,
    /// Plain text: only for a relay on this machine or a private network.
    None,
}

impl std::str::FromStr for SmtpTls {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s.to_ascii_lowercase().as_str() {
            "starttls" => Ok(SmtpTls::Starttls),
            "tls" => Ok(SmtpTls::Tls),
            "none" => Ok(SmtpTls::None),
            _ => Err(()),
        }
    }
}

/// Which gateway to use, and the sandbox the server may host itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GatewayConfig {
    /// 加盟店コード (`ZEROSTEP_TRADER_CODE`).
    pub trader_code: String,
    /// アクセスキー: only from the environment (`ZEROSTEP_ACCESS_KEY`); required
    /// in `test` and `production` modes, the sandbox's own key otherwise.
    #[serde(skip)]
    pub access_key: Option<secrecy::SecretString>,
    /// Seconds to wait for the gateway (`ZEROSTEP_GATEWAY_TIMEOUT_SECS`).
    pub timeout_secs: u64,
    /// Days an authorization holds at this gateway, for the 与信の残り日数
    /// the admin counts down (`ZEROSTEP_GATEWAY_HOLD_DAYS`; 60, Yamato's
    /// period as the protocol notes have it). The hosted sandbox holds as long.
    pub hold_days: u32,
    /// `sandbox`, `test` or `production` (`ZEROSTEP_GATEWAY_MODE`).
    pub mode: GatewayMode,
    /// Where the server starts its own sandbox, in `sandbox` mode; `None`
    /// means an external sandbox at `sandbox_url` (`ZEROSTEP_SANDBOX_LISTEN`,
    /// `off` for none).
    pub sandbox_listen: Option<SocketAddr>,
    /// Base URL of an external sandbox, used when `sandbox_listen` is off
    /// (`ZEROSTEP_SANDBOX_URL`).
    pub sandbox_url: String,
    /// When the hosted sandbox refuses A07 and A11 for Yamato's nightly
    /// window (`ZEROSTEP_SANDBOX_NIGHTLY_WINDOW`): `always` (as the gateway),
    /// or `when_clock_set` (only while a test has set its clock).
    pub sandbox_nightly_window: zerostep_sandbox::NightlyWindow,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            admin_port: 8083,
            database_url: "sqlite://data/zerostep.db".to_owned(),
            checkout_dist: PathBuf::from("dist"),
            admin_dist: PathBuf::from("admin/dist"),
            embed_dist: PathBuf::from("embed/dist"),
            embed_origins: Vec::new(),
            postal_data: PathBuf::from("data/postal/ken_all.tsv"),
            seed_demo: true,
            request_timeout_secs: 30,
            header_read_timeout_secs: 10,
            max_connections: 1024,
            gateway: GatewayConfig::default(),
            card_failure_limit: 5,
            card_failure_window_secs: 600,
            proof_of_work_max: 50_000,
            orders_per_minute: 10,
            abandons_per_minute: 30,
            shop_email: "shop@example.jp".to_owned(),
            outbox_dir: PathBuf::from("data/outbox"),
            reconcile_interval_secs: 30,
            reconcile_grace_secs: 300,
            authentication_secs: 30 * 60,
            reconcile_stale_secs: 120,
            trusted_proxies: Vec::new(),
            admin_login: "admin".to_owned(),
            admin_password: None,
            first_password_file: PathBuf::from("data/first-admin-password.txt"),
            sealing_key_file: PathBuf::from("data/sealing.key"),
            log_format: LogFormat::Text,
            metrics_listen: None,
            allow_public_sandbox: false,
            secure_cookies: false,
            public_url: None,
            mail_from: "shop@example.jp".to_owned(),
            smtp: None,
        }
    }
}

impl Config {
    /// The shop's address as browsers reach it, without a trailing slash:
    /// the configured one, else `http://` and the request's `Host`.
    pub fn public_base(&self, host: &str) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None if !host.is_empty() && host.bytes().all(|b| b.is_ascii_graphic()) => {
                format!("http://{host}")
            }
            None => format!("http://{}", std::net::SocketAddr::new(self.host, self.port)),
        }
    }
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig {
            trader_code: zerostep_sandbox::DEFAULT_TRADER_CODE.to_owned(),
            access_key: None,
            timeout_secs: 20,
            hold_days: 60,
            mode: GatewayMode::Sandbox,
            sandbox_listen: Some(SocketAddr::from(([127, 0, 0, 1], 8081))),
            sandbox_url: "http://127.0.0.1:8081".to_owned(),
            sandbox_nightly_window: zerostep_sandbox::NightlyWindow::Always,
        }
    }
}

/// A setting could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The configuration file could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The configuration file is not valid TOML for `Config`.
    #[error("configuration file {path} is invalid: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// A required setting is missing.
    #[error("{name} is not set: {why}")]
    Missing {
        /// The variable.
        name: &'static str,
        /// Why it is needed.
        why: &'static str,
    },
    /// An environment variable holds a value of the wrong form.
    #[error("environment variable {name}={value:?} is invalid: {rule}")]
    Env {
        /// The variable.
        name: &'static str,
        /// Its value.
        value: String,
        /// What it must be.
        rule: &'static str,
    },
}

/// `url` with its password (`user:password@`) replaced by `***`, for
/// messages and logs: a PostgreSQL URL carries one (security review L4).
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) if user_info.contains(':') => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}{path}")
        }
        _ => url.to_owned(),
    }
}

/// Reads `ZEROSTEP_TRUSTED_PROXIES`: addresses or CIDR blocks, separated by
/// commas or spaces (`10.0.0.0/8, 127.0.0.1`); `None` if one is neither.
pub fn parse_trusted_proxies(text: &str) -> Option<Vec<ipnet::IpNet>> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<ipnet::IpNet>()
                .ok()
                .or_else(|| t.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))
        })
        .collect()
}

#[cfg(test)]
mod redaction {
    use super::redact_password;

    #[test]
    fn a_database_url_is_shown_without_its_password() {
        assert_eq!(
            redact_password(
                "postgres://shop:s3cr%40t@db.example.jp:5432/zerostep?sslmode=verify-full"
            ),
            "postgres://shop:***@db.example.jp:5432/zerostep?sslmode=verify-full"
        );
        assert_eq!(
            redact_password("postgres://shop@db/zs"),
            "postgres://shop@db/zs"
        );
        assert_eq!(
            redact_password("sqlite://data/zerostep.db"),
            "sqlite://data/zerostep.db"
        );
        assert_eq!(redact_password("not a url"), "not a url");
    }
}
