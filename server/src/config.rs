//! Typed configuration: an optional TOML file, then `ZEROSTEP_*` environment
//! variables on top.
//!
//! The file is `ZEROSTEP_CONFIG` if set, else `zerostep.toml` in the working
//! directory if present. Every setting has a safe local default except
//! secrets, which come only from the environment (none are needed yet). A
//! malformed value fails start-up with a message naming the setting.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;
use zerostep_webcollect::GatewayMode;

/// Everything the server needs to start.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Address to listen on (`ZEROSTEP_HOST`).
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one (`ZEROSTEP_PORT`).
    pub port: u16,
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
    /// The payment gateway.
    pub gateway: GatewaySettings,
    /// Failed card attempts per IP, e-mail or browser session before 429 (`ZEROSTEP_CARD_FAILURE_LIMIT`).
    pub card_failure_limit: u32,
    /// The window those failures are counted in, in seconds.
    pub card_failure_window_secs: u64,
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
    /// Seconds after which an order still `authorizing`, or a merchant's
    /// operation still unanswered, is taken to be cut short (a lost answer or
    /// a crash) and reconciled (`ZEROSTEP_RECONCILE_STALE_SECS`).
    pub reconcile_stale_secs: u64,
    /// Take the client IP from `X-Forwarded-For` (behind a trusted proxy) (`ZEROSTEP_TRUST_FORWARDED_FOR`).
    pub trust_forwarded_for: bool,
    /// The first admin's login (`ZEROSTEP_ADMIN_LOGIN`).
    pub admin_login: String,
    /// The first admin's password, from the environment only (`ZEROSTEP_ADMIN_PASSWORD`);
    /// without it one is generated and printed once at first start.
    #[serde(skip)]
    pub admin_password: Option<secrecy::SecretString>,
    /// Mark the admin cookie `Secure` (behind HTTPS) (`ZEROSTEP_SECURE_COOKIES`).
    pub secure_cookies: bool,
    /// The mails' From address (`ZEROSTEP_MAIL_FROM`).
    pub mail_from: String,
    /// SMTP relay for the outbox; without it, mail stays in the outbox
    /// (table and `.eml` files) for another system to send.
    pub smtp: Option<SmtpSettings>,
}

/// How the outbox reaches an SMTP relay.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
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
pub struct GatewaySettings {
    /// 加盟店コード (`ZEROSTEP_TRADER_CODE`).
    pub trader_code: String,
    /// アクセスキー: only from the environment (`ZEROSTEP_ACCESS_KEY`); required
    /// in `test` and `production` modes, the sandbox's own key otherwise.
    #[serde(skip)]
    pub access_key: Option<secrecy::SecretString>,
    /// Seconds to wait for the gateway (`ZEROSTEP_GATEWAY_TIMEOUT_SECS`).
    pub timeout_secs: u64,
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

impl Default for Settings {
    fn default() -> Self {
        Settings {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            database_url: "sqlite://data/zerostep.db".to_owned(),
            checkout_dist: PathBuf::from("dist"),
            admin_dist: PathBuf::from("admin/dist"),
            embed_dist: PathBuf::from("embed/dist"),
            embed_origins: Vec::new(),
            postal_data: PathBuf::from("data/postal/ken_all.tsv"),
            seed_demo: true,
            request_timeout_secs: 30,
            gateway: GatewaySettings::default(),
            card_failure_limit: 5,
            card_failure_window_secs: 600,
            shop_email: "shop@example.jp".to_owned(),
            outbox_dir: PathBuf::from("data/outbox"),
            reconcile_interval_secs: 30,
            reconcile_grace_secs: 300,
            reconcile_stale_secs: 120,
            trust_forwarded_for: false,
            admin_login: "admin".to_owned(),
            admin_password: None,
            secure_cookies: false,
            mail_from: "Zerostep 茶舗 <shop@example.jp>".to_owned(),
            smtp: None,
        }
    }
}

impl Default for GatewaySettings {
    fn default() -> Self {
        GatewaySettings {
            trader_code: zerostep_sandbox::DEFAULT_TRADER_CODE.to_owned(),
            access_key: None,
            timeout_secs: 20,
            mode: GatewayMode::Sandbox,
            sandbox_listen: Some(SocketAddr::from(([127, 0, 0, 1], 8081))),
            sandbox_url: "http://127.0.0.1:8081".to_owned(),
            sandbox_nightly_window: zerostep_sandbox::NightlyWindow::Always,
        }
    }
}

/// A setting could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The configuration file could not be read.
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The configuration file is not valid TOML for `Settings`.
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

impl Settings {
    /// Reads the file (if any) and then the process environment.
    pub fn load() -> Result<Self, SettingsError> {
        let explicit = std::env::var_os("ZEROSTEP_CONFIG").map(PathBuf::from);
        let path = explicit
            .clone()
            .unwrap_or_else(|| PathBuf::from("zerostep.toml"));
        let base = if explicit.is_some() || path.exists() {
            Self::from_file(&path)?
        } else {
            Settings::default()
        };
        let settings = base.with_env(|name| std::env::var(name).ok())?;
        settings.check_reconciler()?;
        Ok(settings)
    }

    /// The reconciler must not take a call still waiting for its answer as cut short.
    pub fn check_reconciler(&self) -> Result<(), SettingsError> {
        if self.reconcile_stale_secs <= self.gateway.timeout_secs {
            return Err(SettingsError::Env {
                name: "ZEROSTEP_RECONCILE_STALE_SECS",
                value: self.reconcile_stale_secs.to_string(),
                rule: "must be longer than the gateway timeout (ZEROSTEP_GATEWAY_TIMEOUT_SECS)",
            });
        }
        Ok(())
    }

    /// Parses a TOML file; missing keys keep their defaults.
    pub fn from_file(path: &Path) -> Result<Self, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
            path: path.to_owned(),
            source,
        })?;
        toml::from_str(&text).map_err(|err| SettingsError::Parse {
            path: path.to_owned(),
            message: err.to_string(),
        })
    }

    /// Applies `ZEROSTEP_*` overrides read through `lookup`.
    pub fn with_env(
        mut self,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, SettingsError> {
        let get = |name: &'static str| lookup(name).map(|value| (name, value));
        if let Some((name, v)) = get("ZEROSTEP_HOST") {
            self.host = parse(name, v, "an IP address such as 127.0.0.1")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_PORT") {
            self.port = parse(name, v, "a port number from 0 to 65535")?;
        }
        if let Some((_, v)) = get("ZEROSTEP_DATABASE_URL") {
            self.database_url = v;
        }
        if let Some((_, v)) = get("ZEROSTEP_CHECKOUT_DIST") {
            self.checkout_dist = PathBuf::from(v);
        }
        if let Some((_, v)) = get("ZEROSTEP_ADMIN_DIST") {
            self.admin_dist = PathBuf::from(v);
        }
        if let Some((_, v)) = get("ZEROSTEP_EMBED_DIST") {
            self.embed_dist = PathBuf::from(v);
        }
        if let Some((_, v)) = get("ZEROSTEP_EMBED_ORIGINS") {
            self.embed_origins = v
                .split(',')
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned)
                .collect();
        }
        if let Some((_, v)) = get("ZEROSTEP_POSTAL_DATA") {
            self.postal_data = PathBuf::from(v);
        }
        if let Some((name, v)) = get("ZEROSTEP_SEED_DEMO") {
            self.seed_demo = parse(name, v, "true or false")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_REQUEST_TIMEOUT_SECS") {
            self.request_timeout_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_GATEWAY_MODE") {
            self.gateway.mode = parse(name, v, "sandbox, test or production")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_SANDBOX_LISTEN") {
            self.gateway.sandbox_listen = if v.eq_ignore_ascii_case("off") {
                None
            } else {
                Some(parse(name, v, "an address such as 127.0.0.1:8081, or off")?)
            };
        }
        if let Some((_, v)) = get("ZEROSTEP_SANDBOX_URL") {
            self.gateway.sandbox_url = v;
        }
        if let Some((name, v)) = get("ZEROSTEP_SANDBOX_NIGHTLY_WINDOW") {
            self.gateway.sandbox_nightly_window = parse(name, v, "always or when_clock_set")?;
        }
        if let Some((_, v)) = get("ZEROSTEP_TRADER_CODE") {
            self.gateway.trader_code = v;
        }
        if let Some((_, v)) = get("ZEROSTEP_ACCESS_KEY") {
            self.gateway.access_key = Some(secrecy::SecretString::from(v));
        }
        if let Some((name, v)) = get("ZEROSTEP_GATEWAY_TIMEOUT_SECS") {
            self.gateway.timeout_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_CARD_FAILURE_LIMIT") {
            self.card_failure_limit = parse(name, v, "a whole number")?;
        }
        if let Some((_, v)) = get("ZEROSTEP_SHOP_EMAIL") {
            self.shop_email = v;
        }
        if let Some((_, v)) = get("ZEROSTEP_OUTBOX_DIR") {
            self.outbox_dir = PathBuf::from(v);
        }
        if let Some((name, v)) = get("ZEROSTEP_RECONCILE_GRACE_SECS") {
            self.reconcile_grace_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_RECONCILE_STALE_SECS") {
            self.reconcile_stale_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_RECONCILE_INTERVAL_SECS") {
            self.reconcile_interval_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_TRUST_FORWARDED_FOR") {
            self.trust_forwarded_for = parse(name, v, "true or false")?;
        }
        if let Some((_, v)) = get("ZEROSTEP_ADMIN_LOGIN") {
            self.admin_login = v;
        }
        if let Some((_, v)) = get("ZEROSTEP_ADMIN_PASSWORD") {
            self.admin_password = Some(secrecy::SecretString::from(v));
        }
        if let Some((name, v)) = get("ZEROSTEP_SECURE_COOKIES") {
            self.secure_cookies = parse(name, v, "true or false")?;
        }
        if let Some((_, v)) = get("ZEROSTEP_MAIL_FROM") {
            self.mail_from = v;
        }
        if let Some((_, host)) = get("ZEROSTEP_SMTP_HOST") {
            let mut smtp = self.smtp.take().unwrap_or(SmtpSettings {
                host: String::new(),
                port: default_smtp_port(),
                tls: SmtpTls::default(),
                username: None,
                password: None,
            });
            smtp.host = host;
            self.smtp = Some(smtp);
        }
        if let Some(smtp) = self.smtp.as_mut() {
            if let Some((name, v)) = get("ZEROSTEP_SMTP_PORT") {
                smtp.port = parse(name, v, "a port number")?;
            }
            if let Some((name, v)) = get("ZEROSTEP_SMTP_TLS") {
                smtp.tls = parse(name, v, "starttls, tls or none")?;
            }
            if let Some((_, v)) = get("ZEROSTEP_SMTP_USERNAME") {
                smtp.username = Some(v);
            }
            if let Some((_, v)) = get("ZEROSTEP_SMTP_PASSWORD") {
                smtp.password = Some(secrecy::SecretString::from(v));
            }
        }
        self.embed_origins = std::mem::take(&mut self.embed_origins)
            .into_iter()
            .map(|o| {
                normalise_origin(&o).ok_or(SettingsError::Env {
                    name: "ZEROSTEP_EMBED_ORIGINS",
                    value: o,
                    rule: "each entry must be an origin such as https://shop.example.jp (scheme, host and optional port; no path, no wildcard)",
                })
            })
            .collect::<Result<_, _>>()?;
        if self.gateway.mode != GatewayMode::Sandbox && self.gateway.access_key.is_none() {
            return Err(SettingsError::Missing {
                name: "ZEROSTEP_ACCESS_KEY",
                why: "the access key is required in test and production gateway modes",
            });
        }
        Ok(self)
    }

    /// The address to bind.
    pub fn address(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }
}

/// `scheme://host[:port]` in lower case, or `None` for anything else (a
/// path, a query, credentials, a wildcard, another scheme).
pub fn normalise_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = text.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    // `[v6]:port` or `host:port`, the port optional.
    let (host, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let (addr, after) = v6.split_once(']')?;
            let ok = !addr.is_empty() && addr.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
            let port = if after.is_empty() {
                None
            } else {
                Some(after.strip_prefix(':')?)
            };
            (ok.then(|| format!("[{addr}]"))?, port)
        }
        None => match rest.split_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (rest.to_owned(), None),
        },
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'[' | b']' | b':'));
    if !host_ok || (rest.starts_with('[') && !rest.contains(']')) {
        return None;
    }
    match port {
        Some(p) => {
            let port: u16 = p
                .parse()
                .ok()
                .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))?;
            // Browsers leave the default port out of `Origin`.
            if matches!((scheme, port), ("http", 80) | ("https", 443)) {
                Some(format!("{scheme}://{host}"))
            } else {
                Some(format!("{scheme}://{host}:{port}"))
            }
        }
        None => Some(format!("{scheme}://{host}")),
    }
}

fn parse<T: FromStr>(
    name: &'static str,
    value: String,
    rule: &'static str,
) -> Result<T, SettingsError> {
    value
        .trim()
        .parse()
        .map_err(|_| SettingsError::Env { name, value, rule })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn the_stale_time_must_outlast_the_gateway_timeout() {
        assert!(Settings::default().check_reconciler().is_ok());
        let settings = Settings::default()
            .with_env(env(&[
                ("ZEROSTEP_GATEWAY_TIMEOUT_SECS", "20"),
                ("ZEROSTEP_RECONCILE_STALE_SECS", "20"),
            ]))
            .expect("parses");
        let err = settings.check_reconciler().expect_err("refused");
        assert!(
            err.to_string().contains("ZEROSTEP_RECONCILE_STALE_SECS"),
            "{err}"
        );
    }

    #[test]
    fn environment_overrides_defaults() {
        let s = Settings::default()
            .with_env(env(&[
                ("ZEROSTEP_PORT", "9000"),
                ("ZEROSTEP_GATEWAY_MODE", "test"),
                ("ZEROSTEP_ACCESS_KEY", "7654321"),
                ("ZEROSTEP_SANDBOX_LISTEN", "off"),
                ("ZEROSTEP_SEED_DEMO", "false"),
            ]))
            .expect("valid");
        assert_eq!(s.port, 9000);
        assert_eq!(s.gateway.mode, GatewayMode::Test);
        assert_eq!(s.gateway.sandbox_listen, None);
        assert!(!s.seed_demo);
    }

    #[test]
    fn embed_origins_are_origins_and_never_a_wildcard() {
        let s = Settings::default()
            .with_env(env(&[(
                "ZEROSTEP_EMBED_ORIGINS",
                " https://Shop.example.jp:443/ , http://127.0.0.1:8092,http://[::1]:8093",
            )]))
            .expect("valid");
        assert_eq!(
            s.embed_origins,
            [
                "https://shop.example.jp",
                "http://127.0.0.1:8092",
                "http://[::1]:8093"
            ]
        );
        for bad in [
            "*",
            "https://*.example.jp",
            "shop.example.jp",
            "https://shop.example.jp/path",
            "ftp://shop.example.jp",
            "https://shop.example.jp:99999",
            "https://user@shop.example.jp",
            "null",
            "http://[::1]x",
        ] {
            let err = Settings::default()
                .with_env(env(&[("ZEROSTEP_EMBED_ORIGINS", bad)]))
                .expect_err(bad);
            assert!(err.to_string().contains("ZEROSTEP_EMBED_ORIGINS"), "{err}");
        }
    }

    #[test]
    fn a_bad_value_names_the_variable_and_the_rule() {
        let err = Settings::default()
            .with_env(env(&[("ZEROSTEP_PORT", "80a")]))
            .expect_err("invalid");
        let text = err.to_string();
        assert!(
            text.contains("ZEROSTEP_PORT") && text.contains("port number"),
            "{text}"
        );
        let err = Settings::default()
            .with_env(env(&[("ZEROSTEP_GATEWAY_MODE", "live")]))
            .expect_err("invalid");
        assert!(err.to_string().contains("sandbox, test or production"));
        let err = Settings::default()
            .with_env(env(&[("ZEROSTEP_GATEWAY_MODE", "production")]))
            .expect_err("no access key");
        assert!(err.to_string().contains("ZEROSTEP_ACCESS_KEY"), "{err}");
    }

    #[test]
    fn file_values_apply_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = dir.path().join("good.toml");
        std::fs::write(
            &good,
            "port = 9100\n[gateway]\nmode = \"production\"\nsandbox_listen = \"127.0.0.1:9101\"\n",
        )
        .expect("write");
        let s = Settings::from_file(&good).expect("valid file");
        assert_eq!(s.port, 9100);
        assert_eq!(s.gateway.mode, GatewayMode::Production);
        assert_eq!(
            s.gateway.sandbox_listen,
            Some(SocketAddr::from(([127, 0, 0, 1], 9101)))
        );
        assert_eq!(s.database_url, Settings::default().database_url);

        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "prot = 1\n").expect("write");
        let err = Settings::from_file(&bad).expect_err("unknown key");
        assert!(err.to_string().contains("prot"), "{err}");
    }
}
