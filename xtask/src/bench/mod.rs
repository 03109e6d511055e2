//! `cargo xtask bench`: every performance figure in one run, written to
//! BENCHMARKS.md beside its budget.
//!
//! 1. bundle sizes (raw, gzip -9, brotli -q 11) of the checkout's, the
//!    embed's and the admin's first load;
//! 2. Lighthouse (mobile preset) on the purchase page, median of 3, with
//!    its accessibility score and that of the admin's 受注明細;
//! 3. 「注文する」 → completion page in Chromium, 50 orders;
//! 4. HTTP load on `/api/health` (the baseline), `/api/quotes` and
//!    `/api/orders`, with the server's peak RSS;
//! 5. bulk re-authorization of 10,000 orders.
//!
//! The server is built in release and run on loopback with its sandbox and
//! a fresh SQLite file; 2–5 run in `bench/run.mjs` (npm `lighthouse`,
//! `autocannon`, `puppeteer-core` driving Debian's Chromium).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use crate::run::build_spas;
use crate::setup::{self, Options};
use crate::util::{cmd, free_port, project_root, run_ok, say, stop_child, target_dir, wait_for_ok};

/// The first-load budget: what the checkout may add to the stack's floor
/// (the `stack` floor app) and the widget to the router-less floor (the
/// `fetch` floor app), brotli, both measured by the bench in one run. The
/// 64 KB budget of old was below the stack's own floor and is withdrawn.
pub const OVER_FLOOR_MUST_BYTES: usize = 108_000;
/// Where the first-load work aims: 80 KB above the floor.
pub const OVER_FLOOR_AIM_BYTES: usize = 80_000;

/// What CI lets the checkout's first load add to the stack's floor that
/// the bench measured last (`bench/floor/measured.json`): the budget's
/// [`OVER_FLOOR_MUST_BYTES`], which it now meets, so growth past the budget
/// fails the build.
///
/// Its history, as an absolute ceiling: 263,730 B when CI first held it;
/// then what each capability took: not paying twice after a lost answer,
/// keeping the inputs over a reload and naming each field (4 KB); the
/// API's errors in both languages (0.7 KB); the checkout's restructuring
/// (3.5 KB, of which 3.3 KB came back: the catalogue as a table, wire names
/// read as names, small lists instead of hash maps, error-code names
/// worked out at compile time); the guide's flows (1.8 KB); the 3-step cart
/// (8.8 KB as parts of the zero-step page's view; 13.3 KB as views of their
/// own); EMV 3-D Secure's dialog (4.5 KB); the card-testing defence
/// (4.2 KB; reading the session's expiry as a float would have taken 13 KB
/// more); what a shopper on a phone tripped over (1.7 KB); the shop's own
/// texts in English (2.2 KB, after sharing one reactive text for all). It
/// stood at 277,500 B when it became the floor plus this allowance, and
/// `wasm-opt -Os --converge` instead of `-Oz` took 1.5 KB off. Over the
/// floor: 172,175 B; then reading JSON through `JSON.parse` and a small
/// typed reader instead of serde's derived deserialisers: 154,731 B; the
/// summary and the shop's list reading their resources without
/// `Transition`, `Suspend` and `ErrorBoundary`, and the cart's lines
/// without a keyed `For`: 140,718 B; the settings, prices and catalogue
/// asked through a signal and a task rather than `LocalResource`, the token
/// and the order through a job rather than `Action`: 127,887 B; plain links
/// (which the router takes) for the router's `<A>`: 124,482 B; one effect
/// loop, closures written in place in views, the JIS X 0208 table built
/// from the browser's decoder and one panic for a missing context:
/// 118,861 B; two contexts instead of eight, and the modal, the 3-D Secure
/// dialog, the completion page and the shop's page loaded on demand
/// (`cargo xtask split-wasm`): 113,640 B; short names for the module's
/// imports from its glue, the floor's as well, and gloo-net's errors read
/// without their `Display`: 112,148 B; the 3-step cart's STEP3 review on
/// demand, and the scripts and stylesheets minified (the floor's glue as
/// well): 107,070 B, under the budget's "must", which is now the allowance;
/// 106,214 B with a lighter panic hook and five reactive children erased;
/// 99,501 B with one type per kind in the views (`src/erased.rs`) and
/// `wasm-opt --low-memory-unused` (its figure moves by about 0.3 KB from one
/// build to the next).
pub const CHECKOUT_ALLOWANCE_BYTES: usize = OVER_FLOOR_MUST_BYTES;
/// What CI lets the widget's first load (its wasm, JS and CSS and
/// `/embed.js`) add to the router-less floor: the budget's
/// [`OVER_FLOOR_MUST_BYTES`], which it now meets. Its history, as what it
/// added (CI allowed that with 0.5 KB to spare until it met the budget):
/// 175,734 B; 155,083 B once JSON was read
/// through `JSON.parse`, its events' details built as plain objects;
/// 145,625 B without `Transition` and a keyed `For`; 131,493 B without
/// `LocalResource` and `Action`; 126,090 B with plain links; 120,255 B with
/// one effect loop, closures in place, the JIS X 0208 table from the
/// browser's decoder and one missing-context panic; 119,725 B with two
/// contexts instead of eight; 117,503 B with short import names, the
/// floor's as well, and gloo-net's errors without their `Display`; 115,419 B
/// with its scripts and stylesheets minified, the floor's glue as well;
/// 114,602 B with a lighter panic hook and five reactive children erased;
/// 107,062 B with one type per kind in the views (`src/erased.rs`), no
/// string searcher, the shop page's styles apart and `wasm-opt
/// --low-memory-unused`. Its figure moves by about 0.3 KB from one build to
/// the next (125,863 B in the bench, 126,156 B in CI, the same commit).
pub const WIDGET_ALLOWANCE_BYTES: usize = OVER_FLOOR_MUST_BYTES;

/// The floor apps of `bench/floor` (the smallest checkouts the stack
/// allows), each adding one layer: its name and what it holds.
pub const FLOOR_APPS: [(&str, &str); 4] = [
    (
        "leptos",
        "Leptos (CSR) alone: a two-field form bound to signals and its confirmation modal",
    ),
    (
        "fetch",
        "the same posting the order as JSON through gloo-net and serde, with no router",
    ),
    (
        "router",
        "the form on two routes of leptos_router, posting nothing",
    ),
    (
        "stack",
        "the form on two routes of leptos_router, posting the order through gloo-net: the mandated stack",
    ),
];

/// The admin password of the bench server (a throwaway database).
const BENCH_ADMIN_PASSWORD: &str = "bench-admin-password";

mod report;
mod scale;
mod sizes;
pub mod symbols;

pub use symbols::size;

use report::{figures, output_of_date, scale_figures};
use scale::scale_out;
use sizes::{build_floors, floor_table, write_measured_floors};
pub use sizes::{bundle_sizes, check_first_loads};

/// The first loads held to a floor, brotli.
#[derive(Debug, Default, Clone, Copy)]
pub struct FirstLoads {
    /// The checkout's (the shop's own pages).
    pub checkout: usize,
    /// The widget's (`/embed.js`, its wasm, JS and CSS).
    pub widget: usize,
}

/// Where the checkout's and the widget's bytes go, beside their floors.
fn size_breakdown() -> String {
    let mut md = String::from("### Where the bytes go\n\nEach wasm module as rustc wrote it (the `wasm-release` profile, before wasm-bindgen and wasm-opt, which shrink it by about a third but keep the shares), its function bodies grouped by crate (our crates by module; a blanket impl `<T as Trait>` counts toward the trait's crate) beside the floor app it is held to, sorted by what it adds. `cargo xtask size [BIN] --floor APP` prints the same for any build.\n\n");
    for (bin, floor) in [
        ("zerostep", "floor-stack"),
        ("zerostep-embed", "floor-fetch"),
    ] {
        match symbols::markdown(&target_dir(), bin, Some(floor), 20, 15) {
            Ok(table) => md.push_str(&table),
            Err(err) => md.push_str(&format!("**{bin}: no breakdown:** `{err}`\n\n")),
        }
    }
    md.push_str(BUILD_SETTINGS);
    md.push('\n');
    md
}

/// The build settings and code levers weighed for the first load: findings,
/// measured on 2026-12-06 with this tree's modules (wasm-bindgen, then
/// wasm-opt 132, brotli -q 11 of the wasm alone), quoted in BENCHMARKS.md.
const BUILD_SETTINGS: &str = include_str!("levers.md");

fn ensure_bench_packages() -> Result<(), String> {
    let dir = project_root().join("bench");
    // Installed, and from the lock as it is now (npm ci writes the set it
    // installed to node_modules/.package-lock.json), as for end2end.
    if dir.join("node_modules/lighthouse").exists()
        && dir.join("node_modules/autocannon").exists()
        && crate::setup::same_file_contents(
            &dir.join("node_modules/.package-lock.json"),
            &dir.join("package-lock.json"),
        )
    {
        return Ok(());
    }
    say("installing the bench npm packages (lighthouse, autocannon) with npm ci");
    run_ok(
        cmd("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .env("PUPPETEER_SKIP_DOWNLOAD", "1"),
        "npm ci (bench)",
    )
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kb: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let gib = mem_kb as f64 / 1024.0 / 1024.0;
    format!("{cores} cores ({model}), {gib:.1} GiB memory, Linux")
}

/// The `bench` command.
pub fn run() -> Result<ExitCode, String> {
    let started = Instant::now();
    setup::setup(Options { browser: true })?;
    ensure_bench_packages()?;
    build_spas()?;

    let mut md = String::new();
    md.push_str("# Benchmarks\n\nWritten by `cargo xtask bench` (do not edit by hand). ");
    md.push_str(&format!(
        "Machine: {}. Run started {}.\n\n",
        machine(),
        output_of_date()
    ));
    md.push_str("## 1. Bundle sizes (first load, bytes)\n\n| bundle | file | raw | gzip -9 | brotli -q 11 |\n|---|---|---:|---:|---:|\n");
    let mut first = FirstLoads::default();
    for bundle in ["checkout", "embed", "admin"] {
        let (rows, total) = bundle_sizes(bundle)?;
        for (name, s) in rows {
            md.push_str(&format!(
                "| {bundle} | {name} | {} | {} | {} |\n",
                s.raw, s.gzip, s.brotli
            ));
        }
        md.push_str(&format!(
            "| **{bundle}** | **total** | **{}** | **{}** | **{}** |\n",
            total.raw, total.gzip, total.brotli
        ));
        match bundle {
            "checkout" => first.checkout = total.brotli,
            "embed" => first.widget = total.brotli,
            _ => {}
        }
    }
    md.push_str("\nThe Yamato token script is excluded (it loads only when a card is confirmed). The embed's first load is its wasm, JS and CSS plus `/embed.js`. The server sends the `.br`/`.gz` files `cargo xtask` writes beside each asset.\n\n");
    let floors = build_floors().unwrap_or_else(|err| {
        eprintln!("xtask: floor apps: {err}");
        md.push_str(&format!("**The floor apps failed to build:** `{err}`\n\n"));
        Vec::new()
    });
    if !floors.is_empty() {
        md.push_str(&floor_table(&floors, first.checkout, first.widget));
        write_measured_floors(&floors)?;
    }
    md.push_str(&size_breakdown());

    let work = target_dir().join("bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let (port, admin_port, sandbox_port) = (free_port()?, free_port()?, free_port()?);
    let root = project_root();
    let log = std::fs::File::create(work.join("server.log")).map_err(|e| e.to_string())?;
    let database = format!("sqlite://{}", work.join("zerostep.db").display());
    let mut server =
        crate::run::server_command(true, port, admin_port, sandbox_port, 0, &database)?
            .env("ZEROSTEP_OUTBOX_DIR", work.join("outbox"))
            .env("ZEROSTEP_SEALING_KEY_FILE", work.join("sealing.key"))
            .env("ZEROSTEP_ADMIN_PASSWORD", BENCH_ADMIN_PASSWORD)
            // All load comes from one address, e-mail and a few sessions: the
            // card-testing defence would (rightly) stop it.
            .env("ZEROSTEP_CARD_FAILURE_LIMIT", "1000000000")
            .env("ZEROSTEP_ORDER_RATE_PER_MINUTE", "1000000000")
            .env("ZEROSTEP_ABANDON_RATE_PER_MINUTE", "1000000000")
            // The bulk run re-authorizes at whatever hour the bench runs.
            .env("ZEROSTEP_SANDBOX_NIGHTLY_WINDOW", "when_clock_set")
            .env("RUST_LOG", "warn")
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
    let results = work.join("results.json");
    let measured = wait_for_ok(port, "/api/health", Duration::from_secs(60)).and_then(|()| {
        say("running bench/run.mjs (Lighthouse, responsiveness, interaction, load, bulk)");
        run_ok(
            cmd("node")
                .arg("run.mjs")
                .current_dir(root.join("bench"))
                .env("BENCH_BASE_URL", format!("http://127.0.0.1:{port}"))
                .env("BENCH_ADMIN_URL", format!("http://127.0.0.1:{admin_port}"))
                .env(
                    "BENCH_SANDBOX_URL",
                    format!("http://127.0.0.1:{sandbox_port}"),
                )
                .env("BENCH_SERVER_PID", server.id().to_string())
                .env("BENCH_ADMIN_PASSWORD", BENCH_ADMIN_PASSWORD)
                .env("BENCH_OUT", &results),
            "bench/run.mjs",
        )
    });
    stop_child(&mut server);
    let json: serde_json::Value = std::fs::read_to_string(&results)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    md.push_str(&figures(&json, first, &floors));
    let scale = scale_out(&work);
    if let Err(err) = &scale {
        eprintln!("xtask: scale-out: {err}");
    }
    md.push_str(&scale_figures(&json, scale.as_ref()));
    md.push_str(&format!(
        "\n## How to reproduce\n\n```sh\ncargo xtask bench\n```\n\nIt installs what is missing (`cargo xtask setup`, then `npm ci` in `bench/`), builds the SPAs and the widget in release (`trunk build --release` in `.`, `admin/`, `embed/`, then brotli and gzip beside each file) and the three floor apps (`trunk build --release=true --dist dist/<app> <app>.html` in `bench/floor/`), builds the server with `cargo build --release -p zerostep-server`, starts it on loopback with its sandbox and a fresh SQLite file under `target/bench/`, and runs `node bench/run.mjs`. Load: `autocannon`, 16 connections; health and quotes 10 s each, interleaved three times, the median run of each reported; 10,000 requests for orders (each with its own `Idempotency-Key` and a token minted through `POST /__sandbox/tokens`); the load generator shares the machine's cores with the server and its sandbox. Then two release instances share a throwaway PostgreSQL server (default syncs), the first hosting the sandbox, and 6,000 orders are split between them, one `autocannon` of 16 connections per instance at once. This run took {:.0} s.\n",
        started.elapsed().as_secs_f64()
    ));
    let path = root.join("BENCHMARKS.md");
    std::fs::write(&path, md).map_err(|e| format!("{}: {e}", path.display()))?;
    say(format!("wrote {}", path.display()));
    measured?;
    Ok(ExitCode::SUCCESS)
}
