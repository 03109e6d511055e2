//! `cargo xtask dist`: one deployable `zerostep-server`. It builds the three
//! front ends in release (each file with its `.br` and `.gz`), then the
//! server in release with the `bundle` feature, which carries them and
//! Japan Post's data inside the binary, and puts beside it an example
//! `zerostep.toml` and a hardened systemd unit: `target/dist/zerostep/` and
//! `target/dist/zerostep-<version>-linux-<arch>.tar.gz`.
//!
//! Its test layer (`dist`) builds it and runs `server/tests/packed.rs`: the
//! packed binary started from an empty folder, serving its pages and
//! selling through its own sandbox.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::run::build_spas;
use crate::setup::{self, Options};
use crate::test::{cargo_tests, Counts};
use crate::util::{cmd, project_root, run_ok, say, target_dir};

/// The `dist` command.
pub fn run() -> Result<ExitCode, String> {
    let (folder, archive) = build(false)?;
    say(format!(
        "packed: {} and {} (install: see zerostep.service)",
        folder.display(),
        archive.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Builds the package (and the front ends first, unless `spas_built`: the
/// e2e layer of this run built them); its folder and its archive.
pub fn build(spas_built: bool) -> Result<(PathBuf, PathBuf), String> {
    setup::setup(Options { browser: false })?;
    if !spas_built {
        build_spas()?;
    }
    say("building the server with the front ends inside (cargo build --release --features bundle)");
    run_ok(
        cmd("cargo").args([
            "build",
            "--release",
            "--locked",
            "--package",
            "zerostep-server",
            "--features",
            "bundle",
        ]),
        "cargo build (bundle)",
    )?;
    let root = project_root();
    let out = target_dir().join("dist");
    let folder = out.join("zerostep");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    for (from, to) in [
        (
            target_dir().join("release/zerostep-server"),
            "zerostep-server",
        ),
        (
            root.join("deploy/zerostep.toml.example"),
            "zerostep.toml.example",
        ),
        (root.join("deploy/zerostep.service"), "zerostep.service"),
    ] {
        std::fs::copy(&from, folder.join(to)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    let version = server_version()?;
    let archive = out.join(format!(
        "zerostep-{version}-linux-{}.tar.gz",
        std::env::consts::ARCH
    ));
    run_ok(
        cmd("tar")
            .arg("czf")
            .arg(&archive)
            .arg("-C")
            .arg(&out)
            .arg("zerostep"),
        "tar",
    )?;
    Ok((folder, archive))
}

/// The server's version, from its manifest.
fn server_version() -> Result<String, String> {
    let manifest = project_root().join("server/Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    text.lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: no version", manifest.display()))
}

/// The `dist` test layer: the package built, and the packed binary run from
/// an empty folder (`server/tests/packed.rs`).
pub fn layer(spas_built: bool) -> Counts {
    match build(spas_built) {
        Ok((folder, _)) => cargo_tests(
            cmd("cargo")
                .args([
                    "test",
                    "--locked",
                    "--package",
                    "zerostep-server",
                    "--test",
                    "packed",
                    "--",
                    "--include-ignored",
                ])
                .env("ZEROSTEP_PACKED", folder),
        ),
        Err(err) => {
            eprintln!("xtask: dist: {err}");
            Counts {
                passed: 0,
                failed: 1,
            }
        }
    }
}
