//! `cargo xtask test`: every test layer, in order of speed.
//!
//! 1. lint: `cargo fmt --check`, clippy `-D warnings` native and wasm32,
//!    the widget's TypeScript declarations (`tsc --noEmit`) and its npm
//!    package (`npm pack`);
//!    deps: `cargo deny check licenses bans sources` (`deny.toml`: the
//!    licences we ship under, crates.io only, the crates we refuse), and
//!    `npm audit` of each npm project (see [`npm_audit`]);
//! 2. native: `cargo test --workspace` (unit, API, crash, sandbox tests);
//! 3. postgres: the API and process (crash, two instances) suites again, on
//!    a throwaway PostgreSQL server, and `migrate-data` into it;
//! 4. fuzz: each cargo-fuzz target for a few seconds (one check each);
//! 5. wasm: wasm-bindgen tests of the checkout SPA in headless Chromium;
//! 6. e2e: both SPAs and the widget built in release (the checkout's first
//!    load, brotli, must stay within its ceiling: one check), the server, its
//!    sandbox and the example host site started on
//!    free ports with a fresh SQLite file, Playwright in Chromium;
//! 7. dist: `cargo xtask dist`'s package built, and the packed binary run
//!    from an empty folder (`server/tests/packed.rs`).
//!
//! Each runner prints its own summary; the panics of failed Rust tests are
//! repeated before the summary ([`failures`]); the last line totals all
//! layers as `N passed, N failed`, and the exit code is non-zero on any
//! failure.

use std::io::{BufRead, BufReader};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::run::{build_spas, host_example_command, server_command};
use crate::setup::{self, Options};
use crate::util::{cmd, free_port, project_root, say, stop_child, target_dir, wait_for_ok};

mod deps;
mod e2e;
mod embed;
mod failures;
use deps::deps;
use e2e::end_to_end;

/// Test counts of one layer.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    pub(crate) passed: u64,
    pub(crate) failed: u64,
}

/// The packages that build for wasm32 (the server side does not).
const WASM_PACKAGES: [&str; 4] = [
    "zerostep",
    "zerostep-admin",
    "zerostep-domain",
    "zerostep-bench-floor",
];

const LAYERS: [&str; 8] = [
    "lint", "deps", "native", "postgres", "fuzz", "wasm", "e2e", "dist",
];

/// The admin password of the end-to-end server (a throwaway database).
const E2E_ADMIN_PASSWORD: &str = "e2e-admin-password";
/// The sandbox's access key, which the end-to-end server uses.
const SANDBOX_ACCESS_KEY: &str = "1111111";

/// The `test` command.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut skip = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.next()) {
            ("--skip", Some(layer)) if LAYERS.contains(&layer.as_str()) => skip.push(layer.clone()),
            _ => {
                return Err(format!(
                    "usage: cargo xtask test [--skip {}]...",
                    LAYERS.join("|")
                ))
            }
        }
    }
    let wants_browser = !(skip.iter().any(|s| s == "wasm") && skip.iter().any(|s| s == "e2e"));
    setup::setup(Options {
        browser: wants_browser,
    })?;

    let started = Instant::now();
    let mut results: Vec<(&str, Counts)> = Vec::new();
    let mut panics: Vec<(&str, Vec<String>)> = Vec::new();
    for layer in LAYERS {
        if skip.iter().any(|s| s == layer) {
            say(format!("layer {layer}: skipped"));
            continue;
        }
        say(format!("layer {layer}: starting"));
        let counts = match layer {
            "lint" => lint(),
            "deps" => deps(),
            // --no-fail-fast: one failing suite must not hide how the others did.
            "native" => cargo_tests(cmd("cargo").args([
                "test",
                "--workspace",
                "--locked",
                "--no-fail-fast",
            ])),
            "postgres" => match crate::postgres::TempPostgres::start() {
                Ok(server) => cargo_tests(
                    cmd("cargo")
                        .args([
                            "test",
                            "--locked",
                            "--no-fail-fast",
                            "-p",
                            "zerostep-server",
                            "--test",
                            "api",
                            "--test",
                            "crash",
                            "--test",
                            "migrate_data",
                            // migrate_data's test needs PostgreSQL: ignored
                            // in the native layer, run here.
                            "--",
                            "--include-ignored",
                        ])
                        .env("ZEROSTEP_TEST_POSTGRES", server.url()),
                ),
                Err(err) => {
                    eprintln!("xtask: PostgreSQL: {err}");
                    Counts {
                        passed: 0,
                        failed: 1,
                    }
                }
            },
            "fuzz" => {
                let (passed, failed) =
                    crate::fuzz::fuzz(&crate::fuzz::TARGETS, crate::fuzz::BRIEF_SECS);
                Counts { passed, failed }
            }
            "wasm" => cargo_tests(
                cmd("cargo")
                    .args([
                        "test",
                        "--locked",
                        "--target",
                        "wasm32-unknown-unknown",
                        "--package",
                        "zerostep",
                        "--test",
                        "web",
                        "--test",
                        "wire",
                        "--test",
                        "jis",
                    ])
                    .env("CHROMEDRIVER", "/usr/bin/chromedriver"),
            ),
            // The e2e layer of this run built the front ends.
            "dist" => crate::dist::layer(!skip.iter().any(|s| s == "e2e")),
            _ => end_to_end(),
        };
        say(format!(
            "layer {layer}: {} passed, {} failed",
            counts.passed, counts.failed
        ));
        results.push((layer, counts));
        panics.extend(failures::take().into_iter().map(|p| (layer, p)));
    }

    if !panics.is_empty() {
        println!();
        println!("why tests failed (their panics, as printed above):");
        for (layer, lines) in &panics {
            for (i, line) in lines.iter().enumerate() {
                let tag = if i == 0 { *layer } else { "" };
                println!("  {tag:<8} {line}");
            }
        }
    }
    println!();
    println!("summary ({:.0} s):", started.elapsed().as_secs_f64());
    let mut total = Counts::default();
    for (layer, c) in &results {
        println!("  {layer:<7} {} passed, {} failed", c.passed, c.failed);
        total.passed += c.passed;
        total.failed += c.failed;
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    Ok(if total.failed == 0 && total.passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The `lint` command.
pub fn lint_only() -> Result<ExitCode, String> {
    let c = lint();
    println!("{} passed, {} failed", c.passed, c.failed);
    Ok(if c.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Each check is one pass or one failure.
fn lint() -> Counts {
    let mut clippy_wasm = cmd("cargo");
    clippy_wasm.args([
        "clippy",
        "--locked",
        "--all-targets",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    for p in WASM_PACKAGES {
        clippy_wasm.args(["--package", p]);
    }
    clippy_wasm.args(["--", "-D", "warnings"]);
    // The shop's own build, whose parts are loaded on demand.
    let mut clippy_split = cmd("cargo");
    clippy_split.args([
        "clippy",
        "--locked",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "zerostep",
        "--features",
        "split",
        "--bin",
        "zerostep",
        "--",
        "-D",
        "warnings",
    ]);
    let checks: [(&str, Command); 4] = [
        ("cargo fmt --check", {
            let mut c = cmd("cargo");
            c.args(["fmt", "--all", "--check"]);
            c
        }),
        ("cargo clippy (native)", {
            let mut c = cmd("cargo");
            c.args([
                "clippy",
                "--locked",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]);
            c
        }),
        ("cargo clippy (wasm32)", clippy_wasm),
        ("cargo clippy (wasm32, split)", clippy_split),
    ];
    let mut counts = Counts::default();
    let mut count = |name: &str, ok: bool| {
        say(format!("{name}: {}", if ok { "ok" } else { "FAILED" }));
        if ok {
            counts.passed += 1;
        } else {
            counts.failed += 1;
        }
    };
    for (name, mut command) in checks {
        count(name, command.status().map(|s| s.success()).unwrap_or(false));
    }
    count("embed types (tsc --noEmit)", embed::types_check());
    count("embed package (npm pack)", embed::packs());
    counts
}

/// Runs a `cargo test` command, echoing its output and adding up its
/// `test result:` lines. A run that fails without a failing test (a build
/// error, a crashed runner) counts as one failure.
pub(crate) fn cargo_tests(command: &mut Command) -> Counts {
    let mut counts = Counts::default();
    let child = command.stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) => {
            eprintln!("xtask: cannot start cargo test: {err}");
            return Counts {
                passed: 0,
                failed: 1,
            };
        }
    };
    let mut panics = failures::PanicReader::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            panics.line(&line);
            if let Some(result) = line.trim().strip_prefix("test result:") {
                counts.passed += number_before(result, "passed");
                counts.failed += number_before(result, "failed");
            }
        }
    }
    panics.flush();
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    if !ok && counts.failed == 0 {
        counts.failed = 1;
    }
    counts
}

/// In `ok. 5 passed; 1 failed; …`, the number before `word`.
fn number_before(text: &str, word: &str) -> u64 {
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ';')
        .filter(|t| !t.is_empty())
        .collect();
    tokens
        .windows(2)
        .find(|w| w[1] == word)
        .and_then(|w| w[0].parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::number_before;

    #[test]
    fn reads_cargo_test_result_lines() {
        let line =
            " ok. 12 passed; 3 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s";
        assert_eq!(number_before(line, "passed"), 12);
        assert_eq!(number_before(line, "failed"), 3);
        assert_eq!(number_before("FAILED. 0 passed; 1 failed;", "failed"), 1);
        assert_eq!(number_before("garbage", "passed"), 0);
    }
}
