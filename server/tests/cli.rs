//! `zerostep-server`'s command line, run as the operator runs it: `--help`
//! and `--version` answer without reading anything, an unknown argument is
//! refused with the usage instead of serving, and `check-config` checks the
//! settings and says what would be served without a secret.

use std::process::{Command, Output};

/// Runs the server binary in an empty folder (no `zerostep.toml`) with
/// `args` and the environment `env`.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let dir = tempfile::tempdir().expect("a folder");
    let mut command = Command::new(env!("CARGO_BIN_EXE_zerostep-server"));
    command.args(args).current_dir(dir.path());
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("ZEROSTEP_")) {
        command.env_remove(key);
    }
    command.envs(env.iter().copied());
    command.output().expect("ran")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_and_version_answer_without_reading_the_settings() {
    // A broken setting does not stop them: nothing is read.
    let broken = [("ZEROSTEP_PORT", "not-a-port")];
    let help = run(&["--help"], &broken);
    assert!(help.status.success());
    let out = text(&help.stdout);
    for word in [
        "serve",
        "check-config",
        "reset-admin-password",
        "backup",
        "restore",
        "migrate-data",
        "--version",
    ] {
        assert!(out.contains(word), "{word} in {out}");
    }
    let version = run(&["--version"], &broken);
    assert!(version.status.success());
    assert_eq!(
        text(&version.stdout).trim(),
        format!("zerostep-server {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_argument_is_refused_with_the_usage_and_nothing_is_served() {
    for args in [
        &["--bogus"][..],
        &["serve", "extra"],
        &["backup-everything"],
    ] {
        let refused = run(args, &[]);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        let err = text(&refused.stderr);
        assert!(err.contains("Usage: zerostep-server"), "{args:?}: {err}");
        assert!(
            !text(&refused.stdout).contains("listening"),
            "{args:?} must not serve"
        );
    }
}

#[test]
fn check_config_says_what_would_be_served_without_the_database_password() {
    let checked = run(
        &["check-config"],
        &[
            ("ZEROSTEP_PORT", "18080"),
            (
                "ZEROSTEP_DATABASE_URL",
                "postgres://shop:s3cret-pw@db.internal/zerostep",
            ),
        ],
    );
    let out = text(&checked.stdout);
    assert!(checked.status.success(), "{out} {}", text(&checked.stderr));
    assert!(out.contains("settings are valid"), "{out}");
    assert!(out.contains(":18080"), "{out}");
    assert!(out.contains("db.internal/zerostep"), "{out}");
    assert!(
        out.contains("metrics: off"),
        "metrics are off unless asked: {out}"
    );
    assert!(
        !out.contains("s3cret-pw"),
        "the password is never printed: {out}"
    );
    assert!(!out.contains("listening"), "it does not serve: {out}");

    let broken = run(&["check-config"], &[("ZEROSTEP_PORT", "not-a-port")]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(text(&broken.stderr).contains("ZEROSTEP_PORT"));
}
