//! Reading the configuration: the TOML file, then `ZEROSTEP_*` variables
//! (taken as a function, so tests need no process environment), each
//! malformed value named in the error.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use zerostep_webcollect::GatewayMode;

use super::*;

impl Config {
    /// Reads the file (if any) and then the process environment.
    pub fn load() -> Result<Self, ConfigError> {
        let explicit = std::env::var_os("ZEROSTEP_CONFIG").map(PathBuf::from);
        let path = explicit
            .clone()
            .unwrap_or_else(|| PathBuf::from("zerostep.toml"));
        let base = if explicit.is_some() || path.exists() {
            Self::from_file(&path)?
        } else {
            Config::default()
        };
        let settings = base.with_env(|name| std::env::var(name).ok())?;
        settings.check_reconciler()?;
        settings.check_sandbox()?;
        Ok(settings)
    }

    /// Sandbox mode only on loopback and over plain HTTP, unless allowed
    /// (security review L3): a shop that forgot `ZEROSTEP_GATEWAY_MODE` must
    /// not take real cards into the stand-in, nor expose its control API.
    pub fn check_sandbox(&self) -> Result<(), ConfigError> {
        if self.gateway.mode != GatewayMode::Sandbox || self.allow_public_sandbox {
            return Ok(());
        }
        let url_host = loopback_url(&self.gateway.sandbox_url);
        let public = !self.host.is_loopback()
            || self.secure_cookies
            || self
                .gateway
                .sandbox_listen
                .is_some_and(|a| !a.ip().is_loopback())
            || (self.gateway.sandbox_listen.is_none() && !url_host);
        if public {
            return Err(ConfigError::Env {
                name: "ZEROSTEP_GATEWAY_MODE",
                value: "sandbox".to_owned(),
                rule: "test or production for a shop on the internet: the sandbox runs only on loopback over plain HTTP (ZEROSTEP_HOST, ZEROSTEP_SANDBOX_LISTEN and ZEROSTEP_SANDBOX_URL on 127.0.0.1, no ZEROSTEP_SECURE_COOKIES), unless ZEROSTEP_ALLOW_PUBLIC_SANDBOX=true",
            });
        }
        Ok(())
    }

    /// The reconciler must not take a call still waiting for its answer as cut short.
    pub fn check_reconciler(&self) -> Result<(), ConfigError> {
        if self.reconcile_stale_secs <= self.gateway.timeout_secs {
            return Err(ConfigError::Env {
                name: "ZEROSTEP_RECONCILE_STALE_SECS",
                value: self.reconcile_stale_secs.to_string(),
                rule: "must be longer than the gateway timeout (ZEROSTEP_GATEWAY_TIMEOUT_SECS)",
            });
        }
        Ok(())
    }

    /// Parses a TOML file; missing keys keep their defaults.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        toml::from_str(&text).map_err(|err| ConfigError::Parse {
            path: path.to_owned(),
            message: err.to_string(),
        })
    }

    /// Applies `ZEROSTEP_*` overrides read through `lookup`.
    pub fn with_env(
        mut self,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let get = |name: &'static str| lookup(name).map(|value| (name, value));
        if let Some((name, v)) = get("ZEROSTEP_HOST") {
            self.host = parse(name, v, "an IP address such as 127.0.0.1")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_PORT") {
            self.port = parse(name, v, "a port number from 0 to 65535")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_ADMIN_PORT") {
            self.admin_port = parse(name, v, "a port number from 0 to 65535")?;
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
        if let Some((name, v)) = get("ZEROSTEP_GATEWAY_HOLD_DAYS") {
            self.gateway.hold_days = parse(name, v, "a whole number of days")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_HEADER_READ_TIMEOUT_SECS") {
            self.header_read_timeout_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_MAX_CONNECTIONS") {
            self.max_connections = parse(name, v, "a whole number")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_ORDER_RATE_PER_MINUTE") {
            self.orders_per_minute = parse(name, v, "a whole number from 1")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_ABANDON_RATE_PER_MINUTE") {
            self.abandons_per_minute = parse(name, v, "a whole number from 1")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_CARD_FAILURE_LIMIT") {
            self.card_failure_limit = parse(name, v, "a whole number")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_PROOF_OF_WORK_MAX") {
            const RULE: &str = "a whole number from 1 to 10000000";
            let max: u64 = parse(name, v.clone(), RULE)?;
            if !(1..=10_000_000).contains(&max) {
                return Err(ConfigError::Env {
                    name,
                    value: v,
                    rule: RULE,
                });
            }
            self.proof_of_work_max = max;
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
        if let Some((name, v)) = get("ZEROSTEP_AUTHENTICATION_SECS") {
            self.authentication_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_RECONCILE_STALE_SECS") {
            self.reconcile_stale_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_RECONCILE_INTERVAL_SECS") {
            self.reconcile_interval_secs = parse(name, v, "a whole number of seconds")?;
        }
        if let Some((name, value)) = get("ZEROSTEP_TRUST_FORWARDED_FOR") {
            // Trusting the left-most entry let any client choose its address.
            return Err(ConfigError::Env {
                name,
                value,
                rule: "is replaced by ZEROSTEP_TRUSTED_PROXIES (the proxies' addresses or CIDR blocks)",
            });
        }
        if let Some((name, value)) = get("ZEROSTEP_TRUSTED_PROXIES") {
            self.trusted_proxies = parse_trusted_proxies(&value).ok_or(ConfigError::Env {
                name,
                value,
                rule: "addresses or CIDR blocks separated by commas (10.0.0.0/8, 127.0.0.1)",
            })?;
        }
        if let Some((_, v)) = get("ZEROSTEP_ADMIN_LOGIN") {
            self.admin_login = v;
        }
        if let Some((name, v)) = get("ZEROSTEP_ADMIN_PASSWORD") {
            if v.chars().count() < 12 {
                return Err(ConfigError::Env {
                    name,
                    value: "(not shown)".to_owned(),
                    rule: "a password of 12 characters or more",
                });
            }
            self.admin_password = Some(secrecy::SecretString::from(v));
        }
        if let Some((_, v)) = get("ZEROSTEP_FIRST_PASSWORD_FILE") {
            self.first_password_file = PathBuf::from(v);
        }
        if let Some((name, v)) = get("ZEROSTEP_LOG_FORMAT") {
            self.log_format = parse(name, v, "text or json")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_METRICS_LISTEN") {
            let off = v.trim().eq_ignore_ascii_case("off");
            const RULE: &str = "an address such as 127.0.0.1:9090, or off";
            self.metrics_listen = (!off).then(|| parse(name, v, RULE)).transpose()?;
        }
        if let Some((_, v)) = get("ZEROSTEP_SEALING_KEY_FILE") {
            self.sealing_key_file = PathBuf::from(v);
        }
        if let Some((name, v)) = get("ZEROSTEP_ALLOW_PUBLIC_SANDBOX") {
            self.allow_public_sandbox = parse(name, v, "true or false")?;
        }
        if let Some((name, v)) = get("ZEROSTEP_SECURE_COOKIES") {
            self.secure_cookies = parse(name, v, "true or false")?;
        }
        if let Some((_, v)) = get("ZEROSTEP_PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some((_, v)) = get("ZEROSTEP_MAIL_FROM") {
            self.mail_from = v;
        }
        if let Some((_, host)) = get("ZEROSTEP_SMTP_HOST") {
            let mut smtp = self.smtp.take().unwrap_or(SmtpConfig {
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
                normalise_origin(&o).ok_or(ConfigError::Env {
                    name: "ZEROSTEP_EMBED_ORIGINS",
                    value: o,
                    rule: "each entry must be an origin such as https://shop.example.jp (scheme, host and optional port; no path, no wildcard)",
                })
            })
            .collect::<Result<_, _>>()?;
        if self.admin_port != 0 && self.admin_port == self.port {
            return Err(ConfigError::Env {
                name: "ZEROSTEP_ADMIN_PORT",
                value: self.admin_port.to_string(),
                rule: "a port other than ZEROSTEP_PORT's: the admin has a listener of its own",
            });
        }
        if self.gateway.mode != GatewayMode::Sandbox && self.gateway.access_key.is_none() {
            return Err(ConfigError::Missing {
                name: "ZEROSTEP_ACCESS_KEY",
                why: "the access key is required in test and production gateway modes",
            });
        }
        Ok(self)
    }

    /// The address the admin's listener binds.
    pub fn admin_address(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.admin_port)
    }

    /// The address the shop's listener binds.
    pub fn address(&self) -> SocketAddr {
        SocketAddr::new(self.host, self.port)
    }
}

/// Whether `url`'s host is a loopback address or `localhost`.
fn loopback_url(url: &str) -> bool {
    let host = url.split_once("://").map_or("", |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or_default()
    });
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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
) -> Result<T, ConfigError> {
    value
        .trim()
        .parse()
        .map_err(|_| ConfigError::Env { name, value, rule })
}

#[cfg(test)]
mod tests;
