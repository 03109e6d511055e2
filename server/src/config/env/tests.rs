//! Reading the configuration from the environment.

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
    assert!(Config::default().check_reconciler().is_ok());
    let settings = Config::default()
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
    let s = Config::default()
        .with_env(env(&[
            ("ZEROSTEP_PORT", "9000"),
            ("ZEROSTEP_GATEWAY_MODE", "test"),
            ("ZEROSTEP_ACCESS_KEY", "7654321"),
            ("ZEROSTEP_SANDBOX_LISTEN", "off"),
            ("ZEROSTEP_SEED_DEMO", "false"),
            ("ZEROSTEP_GATEWAY_HOLD_DAYS", "58"),
        ]))
        .expect("valid");
    assert_eq!(s.port, 9000);
    assert_eq!(s.gateway.mode, GatewayMode::Test);
    assert_eq!(s.gateway.sandbox_listen, None);
    assert!(!s.seed_demo);
    assert_eq!(s.gateway.hold_days, 58);
    let wrong = Config::default()
        .with_env(env(&[("ZEROSTEP_GATEWAY_HOLD_DAYS", "sixty")]))
        .expect_err("refused");
    assert!(
        wrong.to_string().contains("ZEROSTEP_GATEWAY_HOLD_DAYS"),
        "{wrong}"
    );
}

#[test]
fn embed_origins_are_origins_and_never_a_wildcard() {
    let s = Config::default()
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
        let err = Config::default()
            .with_env(env(&[("ZEROSTEP_EMBED_ORIGINS", bad)]))
            .expect_err(bad);
        assert!(err.to_string().contains("ZEROSTEP_EMBED_ORIGINS"), "{err}");
    }
}

#[test]
fn a_bad_value_names_the_variable_and_the_rule() {
    let err = Config::default()
        .with_env(env(&[("ZEROSTEP_PORT", "80a")]))
        .expect_err("invalid");
    let text = err.to_string();
    assert!(
        text.contains("ZEROSTEP_PORT") && text.contains("port number"),
        "{text}"
    );
    let err = Config::default()
        .with_env(env(&[("ZEROSTEP_GATEWAY_MODE", "live")]))
        .expect_err("invalid");
    assert!(err.to_string().contains("sandbox, test or production"));
    let err = Config::default()
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
    let s = Config::from_file(&good).expect("valid file");
    assert_eq!(s.port, 9100);
    assert_eq!(s.gateway.mode, GatewayMode::Production);
    assert_eq!(
        s.gateway.sandbox_listen,
        Some(SocketAddr::from(([127, 0, 0, 1], 9101)))
    );
    assert_eq!(s.database_url, Config::default().database_url);

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "prot = 1\n").expect("write");
    let err = Config::from_file(&bad).expect_err("unknown key");
    assert!(err.to_string().contains("prot"), "{err}");
}

#[test]
fn the_list_reads_addresses_and_blocks_and_refuses_anything_else() {
    assert_eq!(
        parse_trusted_proxies("10.0.0.0/8 127.0.0.1,::1")
            .expect("valid")
            .len(),
        3
    );
    assert_eq!(parse_trusted_proxies(""), Some(Vec::new()));
    assert_eq!(parse_trusted_proxies("10.0.0.0/33"), None);
    assert_eq!(parse_trusted_proxies("proxy.example"), None);
}

#[test]
fn trusted_proxies_are_read_and_the_old_switch_is_refused() {
    let s = Config::default()
        .with_env(env(&[(
            "ZEROSTEP_TRUSTED_PROXIES",
            "10.0.0.0/8, 127.0.0.1",
        )]))
        .expect("parses");
    assert_eq!(s.trusted_proxies.len(), 2);
    let err = Config::default()
        .with_env(env(&[("ZEROSTEP_TRUSTED_PROXIES", "proxy.example")]))
        .expect_err("not an address");
    assert!(
        err.to_string().contains("ZEROSTEP_TRUSTED_PROXIES"),
        "{err}"
    );
    let err = Config::default()
        .with_env(env(&[("ZEROSTEP_TRUST_FORWARDED_FOR", "true")]))
        .expect_err("replaced");
    assert!(
        err.to_string()
            .contains("replaced by ZEROSTEP_TRUSTED_PROXIES"),
        "{err}"
    );
}

#[test]
fn the_sandbox_runs_only_on_loopback_over_plain_http_unless_allowed() {
    assert!(
        Config::default().check_sandbox().is_ok(),
        "the development default"
    );
    for pairs in [
        &[("ZEROSTEP_HOST", "0.0.0.0")][..],
        &[("ZEROSTEP_SECURE_COOKIES", "true")][..],
        &[("ZEROSTEP_SANDBOX_LISTEN", "0.0.0.0:8081")][..],
        &[
            ("ZEROSTEP_SANDBOX_LISTEN", "off"),
            ("ZEROSTEP_SANDBOX_URL", "https://sandbox.example.jp"),
        ][..],
    ] {
        let settings = Config::default().with_env(env(pairs)).expect("parses");
        let err = settings.check_sandbox().expect_err("refused");
        assert!(err.to_string().contains("ZEROSTEP_GATEWAY_MODE"), "{err}");
        let mut allowed = pairs.to_vec();
        allowed.push(("ZEROSTEP_ALLOW_PUBLIC_SANDBOX", "true"));
        let settings = Config::default().with_env(env(&allowed)).expect("parses");
        assert!(settings.check_sandbox().is_ok(), "{pairs:?} allowed");
    }
    let external = Config::default()
        .with_env(env(&[
            ("ZEROSTEP_SANDBOX_LISTEN", "off"),
            ("ZEROSTEP_SANDBOX_URL", "http://localhost:9000"),
        ]))
        .expect("parses");
    assert!(external.check_sandbox().is_ok());
    let production = Config::default()
        .with_env(env(&[
            ("ZEROSTEP_HOST", "0.0.0.0"),
            ("ZEROSTEP_GATEWAY_MODE", "production"),
            ("ZEROSTEP_ACCESS_KEY", "7654321"),
        ]))
        .expect("parses");
    assert!(production.check_sandbox().is_ok());
}

#[test]
fn the_log_format_and_the_metrics_listener_are_read_and_checked() {
    let default = Config::default();
    assert_eq!(default.log_format, LogFormat::Text);
    assert_eq!(default.metrics_listen, None, "metrics are off by default");
    let s = Config::default()
        .with_env(env(&[
            ("ZEROSTEP_LOG_FORMAT", "JSON"),
            ("ZEROSTEP_METRICS_LISTEN", "127.0.0.1:9090"),
        ]))
        .expect("valid");
    assert_eq!(s.log_format, LogFormat::Json);
    assert_eq!(s.metrics_listen, Some(([127, 0, 0, 1], 9090).into()));
    let off = s
        .with_env(env(&[("ZEROSTEP_METRICS_LISTEN", "off")]))
        .expect("valid");
    assert_eq!(off.metrics_listen, None);
    for (name, value, rule) in [
        ("ZEROSTEP_LOG_FORMAT", "xml", "text or json"),
        ("ZEROSTEP_METRICS_LISTEN", "9090", "127.0.0.1:9090, or off"),
    ] {
        let wrong = Config::default()
            .with_env(env(&[(name, value)]))
            .expect_err("refused");
        let said = wrong.to_string();
        assert!(said.contains(name) && said.contains(rule), "{said}");
    }
    let file: Config =
        toml::from_str("log_format = \"json\"\nmetrics_listen = \"127.0.0.1:9091\"\n")
            .expect("the file takes them too");
    assert_eq!(file.log_format, LogFormat::Json);
    assert_eq!(file.metrics_listen, Some(([127, 0, 0, 1], 9091).into()));
}

#[test]
fn the_example_configuration_shipped_with_the_binary_reads() {
    let example =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/zerostep.toml.example");
    let config = Config::from_file(&example).expect("the example reads");
    assert_eq!(config.gateway.mode, GatewayMode::Production);
    assert_eq!(config.log_format, LogFormat::Json);
    assert!(config.secure_cookies);
    assert_eq!(config.trusted_proxies.len(), 1);
    assert_eq!(config.metrics_listen, Some(([127, 0, 0, 1], 9464).into()));
    // Secrets are never in the file: the example leaves them to the environment.
    assert!(config.gateway.access_key.is_none());
    assert!(config.admin_password.is_none());
}
