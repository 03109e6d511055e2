//! `cargo xtask fuzz [--secs N] [TARGET]...`: the cargo-fuzz targets in
//! `fuzz/` (libFuzzer, coverage-guided), each for a bounded time, from the
//! committed seeds plus the corpus earlier runs grew. `cargo xtask test` runs
//! them briefly as one of its layers. A crash leaves its input in
//! `fuzz/artifacts/TARGET/`; turn it into a regression test beside the code
//! it broke.

use std::io::{BufRead, BufReader};
use std::process::{ExitCode, Stdio};

use crate::util::{cmd, run_ok, say};

/// The targets: the gateway's XML reply parser, the sandbox's form parser
/// with the field rules, and the domain's parsers (the slip-number CSV too).
pub const TARGETS: [&str; 7] = [
    "xml_reply",
    "gateway_form",
    "names",
    "contact",
    "card",
    "three_d_return",
    "slip_csv",
];

/// Seconds per target in `cargo xtask test`.
pub const BRIEF_SECS: u64 = 10;
/// Seconds per target in `cargo xtask fuzz`.
const DEFAULT_SECS: u64 = 120;

/// The `fuzz` command.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut secs = DEFAULT_SECS;
    let mut targets = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--secs" => {
                secs = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|s| *s > 0)
                    .ok_or("--secs needs a whole number of seconds above 0")?;
            }
            t if TARGETS.contains(&t) => targets.push(t),
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: cargo xtask fuzz [--secs N] [{}]...",
                    TARGETS.join("|")
                ))
            }
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    crate::setup::ensure_cargo_fuzz()?;
    let (passed, failed) = fuzz(&targets, secs);
    println!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Builds the targets, then runs each for `secs`: a target that ends without
/// a crash passes. Returns (passed, failed).
pub fn fuzz(targets: &[&str], secs: u64) -> (u64, u64) {
    if let Err(err) = run_ok(
        cmd("cargo").args(["fuzz", "build", "-s", "none"]),
        "cargo fuzz build",
    ) {
        eprintln!("xtask: {err}");
        return (0, 1);
    }
    let (mut passed, mut failed) = (0, 0);
    for target in targets {
        match one(target, secs) {
            Ok(summary) => {
                say(format!("fuzz {target}: {summary}, no crash"));
                passed += 1;
            }
            Err(err) => {
                say(format!("fuzz {target}: FAILED: {err}"));
                failed += 1;
            }
        }
    }
    (passed, failed)
}

fn one(target: &str, secs: u64) -> Result<String, String> {
    let corpus = format!("fuzz/corpus/{target}");
    let seeds = format!("fuzz/seeds/{target}");
    std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {corpus}: {e}"))?;
    let mut child = cmd("cargo")
        .args(["fuzz", "run", "-s", "none", target, &corpus])
        .args(std::path::Path::new(&seeds).is_dir().then_some(&seeds))
        .args([
            "--",
            &format!("-max_total_time={secs}"),
            "-rss_limit_mb=2048",
            "-timeout=10",
            "-print_final_stats=1",
        ])
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
    let mut done = None;
    let mut last = Vec::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Done ") {
                done = Some(rest.to_owned());
            }
            if line.contains("ERROR") || line.contains("panicked") || line.contains("artifact") {
                eprintln!("{line}");
            }
            last.push(line);
            if last.len() > 30 {
                last.remove(0);
            }
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    match (ok, done) {
        (true, Some(done)) => Ok(done),
        _ => Err(format!(
            "the run ended with a crash or an error; its last lines:\n{}",
            last.join("\n")
        )),
    }
}
