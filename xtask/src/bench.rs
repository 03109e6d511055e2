//! `cargo xtask bench`: every performance figure in one run, written to
//! BENCHMARKS.md beside its budget.
//!
//! 1. bundle sizes (raw, gzip -9, brotli -q 11) of the checkout's, the
//!    embed's and the admin's first load;
//! 2. Lighthouse (mobile preset) on the purchase page, median of 3;
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

/// The issue's budget for the checkout's first load, brotli.
pub const CHECKOUT_GOAL_BYTES: usize = 64 * 1024;
/// What CI enforces, since the goal is below the stack's own floor (see
/// BENCHMARKS.md): the size this release reached (256,170 B) with 0.3 KB to
/// spare, so growth fails the build. Lower it as the bundle shrinks. (It
/// was 249,000 B: not paying twice after a lost answer, keeping the inputs
/// over a reload and naming each field in its messages took 4 KB. Then
/// 253,000 B: the API's errors in both languages, `{code, message: {ja,
/// en}}`, took 0.7 KB, and the checkout feature's restructuring (the flow's
/// parts as functions over one state, the saved form by name, the API
/// client as a context, the recovery protocol as a tested pure step) 3.5 KB.
/// The first-load issue replaces this ceiling
/// with the floor plus an allowance.)
pub const CHECKOUT_CEILING_BYTES: usize = 256_500;

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

/// Raw, gzip and brotli bytes of one bundle's first load.
#[derive(Debug, Default, Clone, Copy)]
pub struct Sizes {
    /// Uncompressed.
    pub raw: usize,
    /// gzip -9.
    pub gzip: usize,
    /// brotli -q 11.
    pub brotli: usize,
}

/// The files a browser fetches on a bundle's first load.
fn first_load_files(bundle: &str) -> Result<Vec<PathBuf>, String> {
    let root = project_root();
    let dir = match bundle {
        "checkout" => root.join("dist"),
        "admin" => root.join("admin/dist"),
        "embed" => root.join("embed/dist"),
        floor => root
            .join("bench/floor/dist")
            .join(floor.trim_start_matches("floor-")),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e} (build it first)", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js" | "css" | "html")
            )
        })
        .collect();
    if bundle == "embed" {
        // A host page loads /embed.js (the template with names filled in),
        // never Trunk's index.html.
        files.retain(|f| f.extension().and_then(|e| e.to_str()) != Some("html"));
        files.push(root.join("embed/embed.js"));
    }
    files.sort();
    Ok(files)
}

/// Sizes of each first-load file of `bundle`, and their total.
pub fn bundle_sizes(bundle: &str) -> Result<(Vec<(String, Sizes)>, Sizes), String> {
    let mut total = Sizes::default();
    let mut rows = Vec::new();
    for file in first_load_files(bundle)? {
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let sizes = Sizes {
            raw: bytes.len(),
            gzip: compressed_len("gzip", &["-9", "-c"], &bytes)?,
            brotli: compressed_len("brotli", &["-q", "11", "-c"], &bytes)?,
        };
        total.raw += sizes.raw;
        total.gzip += sizes.gzip;
        total.brotli += sizes.brotli;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        rows.push((name, sizes));
    }
    Ok((rows, total))
}

/// The CI check: the checkout's first load (brotli) within the ceiling.
pub fn check_checkout_size() -> Result<(), String> {
    let (_, total) = bundle_sizes("checkout")?;
    say(format!(
        "checkout first load: {} B brotli (CI ceiling {CHECKOUT_CEILING_BYTES} B; goal {CHECKOUT_GOAL_BYTES} B)",
        total.brotli
    ));
    if total.brotli > CHECKOUT_CEILING_BYTES {
        return Err(format!(
            "the checkout's first load is {} B brotli, over the {CHECKOUT_CEILING_BYTES} B ceiling",
            total.brotli
        ));
    }
    Ok(())
}

/// Builds each floor app as the checkout is built (Trunk, release) into
/// `bench/floor/dist/<app>`, and returns its first load, brotli.
fn build_floors() -> Result<Vec<(&'static str, usize)>, String> {
    let dir = project_root().join("bench/floor");
    let mut sizes = Vec::new();
    for (app, _) in FLOOR_APPS {
        say(format!(
            "building the {app} floor app (trunk build --release in bench/floor)"
        ));
        let dist = format!("dist/{app}");
        run_ok(
            cmd("trunk")
                .args([
                    "build",
                    "--release=true",
                    "--dist",
                    &dist,
                    &format!("{app}.html"),
                ])
                .current_dir(&dir),
            &format!("trunk build (floor {app})"),
        )?;
        sizes.push((app, bundle_sizes(&format!("floor-{app}"))?.1.brotli));
    }
    Ok(sizes)
}

/// The floor table: each app's first load beside the budget and the
/// checkout's.
fn floor_table(floors: &[(&str, usize)], checkout_brotli: usize) -> String {
    let mut out = String::from("### Baseline: the stack's floor, built in the same run\n\nThe apps in `bench/floor` are the smallest checkouts the stack allows, built exactly as the checkout SPA is (Trunk, the `wasm-release` profile, `wasm-opt -Oz`). Their first load is the wasm, its JS and the HTML page, with no CSS.\n\n| floor app | holds | first load, brotli | × 64 KB budget | checkout ÷ floor |\n|---|---|---:|---:|---:|\n");
    for (app, brotli) in floors {
        let holds = FLOOR_APPS
            .iter()
            .find(|(name, _)| name == app)
            .map_or("", |(_, holds)| holds);
        #[allow(clippy::cast_precision_loss)]
        out.push_str(&format!(
            "| `{app}` | {holds} | {brotli} | {:.2} | {:.2} |\n",
            *brotli as f64 / CHECKOUT_GOAL_BYTES as f64,
            checkout_brotli as f64 / (*brotli).max(1) as f64,
        ));
    }
    out.push('\n');
    out
}

fn compressed_len(program: &str, args: &[&str], input: &[u8]) -> Result<usize, String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input)
            .map_err(|e| format!("{program}: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{program}: {e}"))?;
    Ok(out.stdout.len())
}

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
    let mut checkout_brotli = 0;
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
        if bundle == "checkout" {
            checkout_brotli = total.brotli;
        }
    }
    md.push_str("\nThe Yamato token script is excluded (it loads only when a card is confirmed). The embed's first load is its wasm, JS and CSS plus `/embed.js`. The server sends the `.br`/`.gz` files `cargo xtask` writes beside each asset.\n\n");
    let floors = build_floors().unwrap_or_else(|err| {
        eprintln!("xtask: floor apps: {err}");
        md.push_str(&format!("**The floor apps failed to build:** `{err}`\n\n"));
        Vec::new()
    });
    if !floors.is_empty() {
        md.push_str(&floor_table(&floors, checkout_brotli));
    }

    let work = target_dir().join("bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let (port, sandbox_port) = (free_port()?, free_port()?);
    let root = project_root();
    let log = std::fs::File::create(work.join("server.log")).map_err(|e| e.to_string())?;
    let database = format!("sqlite://{}", work.join("zerostep.db").display());
    let mut server = crate::run::server_command(true, port, sandbox_port, 0, &database)?
        .env("ZEROSTEP_OUTBOX_DIR", work.join("outbox"))
        .env("ZEROSTEP_ADMIN_PASSWORD", BENCH_ADMIN_PASSWORD)
        // All load comes from one address, e-mail and a few sessions: the
        // card-testing defence would (rightly) stop it.
        .env("ZEROSTEP_CARD_FAILURE_LIMIT", "1000000000")
        // The bulk run re-authorizes at whatever hour the bench runs.
        .env("ZEROSTEP_SANDBOX_NIGHTLY_WINDOW", "when_clock_set")
        .env("RUST_LOG", "warn")
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let results = work.join("results.json");
    let measured = wait_for_ok(port, "/api/health", Duration::from_secs(60)).and_then(|()| {
        say("running bench/run.mjs (Lighthouse, interaction, load, bulk)");
        run_ok(
            cmd("node")
                .arg("run.mjs")
                .current_dir(root.join("bench"))
                .env("BENCH_BASE_URL", format!("http://127.0.0.1:{port}"))
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
    md.push_str(&figures(&json, checkout_brotli, &floors));
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

/// Two server instances on one throwaway PostgreSQL server (the first hosts
/// the sandbox, the second uses it), and `bench/run.mjs`'s `scale` step
/// spreading the order load over both.
fn scale_out(work: &std::path::Path) -> Result<serde_json::Value, String> {
    let postgres = crate::postgres::TempPostgres::start_with(true)?;
    let database = format!("{}/postgres", postgres.url());
    let sandbox_port = free_port()?;
    let mut servers = Vec::new();
    let mut ports = Vec::new();
    for i in 0..2 {
        let port = free_port()?;
        let log = std::fs::File::create(work.join(format!("scale-{i}.log")))
            .map_err(|e| e.to_string())?;
        let mut command = crate::run::server_command(true, port, sandbox_port, 0, &database)?;
        command
            .env(
                "ZEROSTEP_OUTBOX_DIR",
                work.join(format!("scale-outbox-{i}")),
            )
            .env("ZEROSTEP_ADMIN_PASSWORD", BENCH_ADMIN_PASSWORD)
            .env("ZEROSTEP_CARD_FAILURE_LIMIT", "1000000000")
            .env("RUST_LOG", "warn")
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log);
        if i > 0 {
            command.env("ZEROSTEP_SANDBOX_LISTEN", "off").env(
                "ZEROSTEP_SANDBOX_URL",
                format!("http://127.0.0.1:{sandbox_port}"),
            );
        }
        servers.push(
            command
                .spawn()
                .map_err(|e| format!("cannot start instance {i}: {e}"))?,
        );
        wait_for_ok(port, "/api/health", Duration::from_secs(60))?;
        ports.push(port);
    }
    let out = work.join("scale.json");
    say("running bench/run.mjs scale (two instances on PostgreSQL)");
    let ran = run_ok(
        cmd("node")
            .arg("run.mjs")
            .current_dir(project_root().join("bench"))
            .env("BENCH_ONLY", "scale")
            .env(
                "BENCH_BASE_URLS",
                ports
                    .iter()
                    .map(|p| format!("http://127.0.0.1:{p}"))
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .env(
                "BENCH_SANDBOX_URL",
                format!("http://127.0.0.1:{sandbox_port}"),
            )
            .env("BENCH_OUT", &out),
        "bench/run.mjs scale",
    );
    for server in &mut servers {
        stop_child(server);
    }
    drop(postgres);
    ran?;
    std::fs::read_to_string(&out)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("scale").cloned())
        .ok_or_else(|| "the scale step wrote no figures".to_owned())
}

/// One instance on SQLite (the load step) beside two on PostgreSQL.
fn scale_figures(json: &serde_json::Value, scale: Result<&serde_json::Value, &String>) -> String {
    let mut md = String::from(
        "\n### Scale-out: orders on one instance (SQLite) and two instances (one PostgreSQL)\n\n",
    );
    let two = match scale {
        Ok(v) => v,
        Err(err) => {
            md.push_str(&format!("Not measured: {err}\n"));
            return md;
        }
    };
    let one = json.pointer("/load/orders").cloned().unwrap_or_default();
    md.push_str("| setup | orders | throughput /s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|---:|\n");
    let cell = |v: &serde_json::Value, k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_f64)
            .map_or("—".to_owned(), |x| format!("{x:.0}"))
    };
    md.push_str(&format!(
        "| 1 instance, SQLite | {} | {} | {} | {} | {} |\n",
        cell(&one, "requests"),
        cell(&one, "throughput_rps"),
        cell(&one, "p50_ms"),
        cell(&one, "p99_ms"),
        cell(&one, "non_2xx")
    ));
    md.push_str(&format!(
        "| 2 instances, PostgreSQL | {} | {} | {} | {} | {} |\n",
        cell(two, "orders"),
        cell(two, "throughput_rps"),
        cell(two, "p50_ms"),
        cell(two, "p99_ms"),
        cell(two, "non_2xx")
    ));
    md.push_str("\nBoth instances, their PostgreSQL server, the sandbox (hosted by the first instance) and the load generator share this machine's two cores, so the second instance adds no CPU: the figure shows the cost of the shared database and the cross-instance claims, not the gain of a second machine. PostgreSQL runs with its default syncs (every commit reaches the disk), SQLite syncs only the order row before A08 (WAL, `synchronous = NORMAL` otherwise).\n");
    md
}

fn output_of_date() -> String {
    crate::util::output_of(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]))
        .unwrap_or_default()
}

fn num(v: &serde_json::Value, path: &[&str]) -> Option<f64> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_f64()
}

fn verdict(ok: Option<bool>, budget: &str) -> &'static str {
    match ok {
        _ if budget == "—" => "",
        Some(true) => "met",
        Some(false) => "**not met**",
        None => "not measured",
    }
}

/// The figures-against-budgets table and the details.
fn figures(json: &serde_json::Value, checkout_brotli: usize, floors: &[(&str, usize)]) -> String {
    let f = |path: &[&str]| num(json, path);
    let show = |v: Option<f64>, unit: &str, digits: usize| {
        v.map_or_else(
            || "—".to_owned(),
            |v| format!("{v:.digits$}{unit}", digits = digits),
        )
    };
    let lh = |k: &str| f(&["lighthouse", "median", k]);
    #[allow(clippy::cast_precision_loss)]
    let kb = checkout_brotli as f64 / 1024.0;
    let rows: Vec<(String, String, String, Option<bool>)> = vec![
        (
            "checkout first load, brotli".into(),
            format!("{kb:.1} KB ({checkout_brotli} B)"),
            "≤ 64 KB".into(),
            Some(checkout_brotli <= CHECKOUT_GOAL_BYTES),
        ),
        (
            "Lighthouse mobile performance score".into(),
            show(lh("score"), "", 0),
            "≥ 95".into(),
            lh("score").map(|v| v >= 95.0),
        ),
        (
            "LCP (Lighthouse mobile)".into(),
            show(lh("lcp_ms").map(|v| v / 1000.0), " s", 2),
            "≤ 1.5 s".into(),
            lh("lcp_ms").map(|v| v <= 1500.0),
        ),
        (
            "TBT".into(),
            show(lh("tbt_ms"), " ms", 0),
            "≤ 100 ms".into(),
            lh("tbt_ms").map(|v| v <= 100.0),
        ),
        (
            "CLS".into(),
            show(lh("cls"), "", 3),
            "≤ 0.02".into(),
            lh("cls").map(|v| v <= 0.02),
        ),
        (
            "time to interactive (Lighthouse)".into(),
            show(lh("tti_ms").map(|v| v / 1000.0), " s", 2),
            "—".into(),
            None,
        ),
        (
            "「注文する」 → completion page, p95".into(),
            show(f(&["interaction", "p95_ms"]), " ms", 1),
            "≤ 150 ms".into(),
            f(&["interaction", "p95_ms"]).map(|v| v <= 150.0),
        ),
        (
            "`POST /api/orders` throughput".into(),
            show(f(&["load", "orders", "throughput_rps"]), " /s", 0),
            "≥ 1,000 /s".into(),
            f(&["load", "orders", "throughput_rps"]).map(|v| v >= 1000.0),
        ),
        (
            "`POST /api/orders` p99".into(),
            show(f(&["load", "orders", "p99_ms"]), " ms", 0),
            "≤ 25 ms".into(),
            f(&["load", "orders", "p99_ms"]).map(|v| v <= 25.0),
        ),
        (
            "`POST /api/quotes` throughput".into(),
            show(f(&["load", "quotes", "throughput_rps"]), " /s", 0),
            "≥ 5,000 /s".into(),
            f(&["load", "quotes", "throughput_rps"]).map(|v| v >= 5000.0),
        ),
        (
            "`POST /api/quotes` p99".into(),
            show(f(&["load", "quotes", "p99_ms"]), " ms", 0),
            "≤ 10 ms".into(),
            f(&["load", "quotes", "p99_ms"]).map(|v| v <= 10.0),
        ),
        (
            "server peak RSS under the order load".into(),
            show(f(&["load", "orders", "peak_rss_mb"]), " MB", 1),
            "≤ 100 MB".into(),
            f(&["load", "orders", "peak_rss_mb"]).map(|v| v <= 100.0),
        ),
        (
            "bulk re-authorization of 10,000 orders".into(),
            match f(&["bulk", "failed"]).filter(|n| *n > 0.0) {
                Some(failed) => format!(
                    "{} ({failed:.0} failed)",
                    show(f(&["bulk", "seconds"]), " s", 1)
                ),
                None => show(f(&["bulk", "seconds"]), " s", 1),
            },
            "≤ 60 s".into(),
            // Only a run in which every order was re-authorized counts.
            f(&["bulk", "seconds"]).map(|v| {
                v <= 60.0
                    && f(&["bulk", "failed"]) == Some(0.0)
                    && f(&["bulk", "succeeded"]) == f(&["bulk", "orders"])
            }),
        ),
    ];
    let mut out = String::from(
        "## 2–5. Figures against the budgets\n\n| figure | measured | budget | |\n|---|---:|---|---|\n",
    );
    for (name, value, budget, ok) in rows {
        out.push_str(&format!(
            "| {name} | {value} | {budget} | {} |\n",
            verdict(ok, &budget)
        ));
    }
    out.push_str(&shortfalls(json, checkout_brotli, floors));
    out.push_str(&format!(
        "\nCI enforces a ceiling of {CHECKOUT_CEILING_BYTES} B on the checkout's first load (brotli): `cargo xtask test` fails above it. A check at the 64 KB budget would fail every run for as long as the stack's own floor (above) is over it.\n\n"
    ));
    out.push_str("### Backend load, beside the baseline measured in the same run\n\n| endpoint | requests | throughput /s | p50 ms | p99 ms | non-2xx | errors | × baseline throughput | × baseline p99 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (name, key) in [
        ("`GET /api/health` (baseline)", "health"),
        ("`POST /api/quotes`", "quotes"),
        ("`POST /api/orders`", "orders"),
    ] {
        let g = |k: &str| f(&["load", key, k]);
        let r = |k: &str| f(&["load", key, "vs_baseline", k]);
        out.push_str(&format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            show(g("requests"), "", 0),
            show(g("throughput_rps"), "", 0),
            show(g("p50_ms"), "", 0),
            show(g("p99_ms"), "", 0),
            show(g("non_2xx"), "", 0),
            show(g("errors"), "", 0),
            show(
                r("throughput").or(Some(1.0).filter(|_| key == "health")),
                "",
                3
            ),
            show(r("p99").or(Some(1.0).filter(|_| key == "health")), "", 1),
        ));
    }
    let runs = |key: &str| {
        json.get("load")
            .and_then(|l| l.get("runs"))
            .and_then(|r| r.get(key))
            .and_then(|r| r.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(serde_json::Value::as_f64)
                    .map(|v| format!("{v:.0}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    out.push_str(&format!(
        "\nThroughput of the three runs (/s): health {}; quotes {}. Server peak RSS since start: {}.\n\n",
        runs("health"),
        runs("quotes"),
        show(f(&["load", "server_peak_rss_mb_since_start"]), " MB", 1)
    ));
    if let Some(runs) = json
        .get("lighthouse")
        .and_then(|l| l.get("runs"))
        .and_then(|r| r.as_array())
    {
        out.push_str("### Lighthouse runs (mobile preset, `/checkout` with 2 items in the cart)\n\n| run | score | FCP ms | LCP ms | TBT ms | CLS | TTI ms |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (i, r) in runs.iter().enumerate() {
            let g = |k: &str| r.get(k).and_then(serde_json::Value::as_f64);
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                i + 1,
                show(g("score"), "", 0),
                show(g("fcp_ms"), "", 0),
                show(g("lcp_ms"), "", 0),
                show(g("tbt_ms"), "", 0),
                show(g("cls"), "", 3),
                show(g("tti_ms"), "", 0),
            ));
        }
        out.push('\n');
    }
    if json.get("interaction").is_some() {
        out.push_str(&format!(
            "### Interaction\n\n{} orders in Chromium, the sandbox answering at once: median {}, p95 {}, max {} from the 「注文する」 click to the completion page's order number (measured in the page).\n\n",
            show(f(&["interaction", "orders"]), "", 0),
            show(f(&["interaction", "median_ms"]), " ms", 1),
            show(f(&["interaction", "p95_ms"]), " ms", 1),
            show(f(&["interaction", "max_ms"]), " ms", 1),
        ));
    }
    if let Some(bulk) = json.get("bulk") {
        let seen = bulk
            .get("admin_progress_seen")
            .and_then(|s| s.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(|s| format!("「{}」", s.trim()))
                    .collect::<Vec<_>>()
                    .join(" → ")
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "### Bulk re-authorization\n\n{} orders, {} succeeded, {} failed, in {}. The admin's 外部決済一括処理 page, open during the run, showed: {seen}.\n\n",
            show(f(&["bulk", "orders"]), "", 0),
            show(f(&["bulk", "succeeded"]), "", 0),
            show(f(&["bulk", "failed"]), "", 0),
            show(f(&["bulk", "seconds"]), " s", 1),
        ));
    }
    for key in ["lighthouse", "interaction", "load", "bulk"] {
        if let Some(err) = json.get(format!("{key}_error")).and_then(|e| e.as_str()) {
            let first = err.lines().next().unwrap_or_default();
            out.push_str(&format!("**{key} failed:** `{first}`\n\n"));
        }
    }
    out
}

/// For each budget this run missed: by how much, and what stands in the way.
fn shortfalls(
    json: &serde_json::Value,
    checkout_brotli: usize,
    floors: &[(&str, usize)],
) -> String {
    let f = |path: &[&str]| num(json, path);
    let mut out = String::new();
    #[allow(clippy::cast_precision_loss)]
    let size_ratio = checkout_brotli as f64 / CHECKOUT_GOAL_BYTES as f64;
    if checkout_brotli > CHECKOUT_GOAL_BYTES {
        out.push_str(&format!(
            "- **First load** is {size_ratio:.1}× the 64 KB budget."
        ));
        let floor = |app: &str| floors.iter().find(|(a, _)| *a == app).map(|(_, b)| *b);
        if let (Some(leptos), Some(fetch), Some(router), Some(stack)) = (
            floor("leptos"),
            floor("fetch"),
            floor("router"),
            floor("stack"),
        ) {
            #[allow(clippy::cast_precision_loss)]
            out.push_str(&format!(
                " The budget is below the stack's own floor: the smallest checkout on Leptos, leptos_router and gloo-net, built in this run, takes {stack} B ({:.2}× the budget) before any of this shop's code; Leptos alone takes {leptos} B, and leptos_router adds {} B to it. Without a router (the widget mounts the checkout without one), Leptos and gloo-net take {fetch} B, which leaves {} B of the budget for everything this shop adds to the first load: its purchase form, the validation rules it shares with the server, the API types and its stylesheet. The checkout adds {} B to the stack's floor today. So no trimming brings it to 64 KB on this stack, and code splitting could not either: the first load must still carry the purchase form it renders.",
                stack as f64 / CHECKOUT_GOAL_BYTES as f64,
                router.saturating_sub(leptos),
                CHECKOUT_GOAL_BYTES.saturating_sub(fetch),
                checkout_brotli.saturating_sub(stack),
            ));
        }
        out.push_str(" The wasm is most of the checkout: Leptos's renderer and reactive system (`tachys`, `reactive_graph`) monomorphised for every view, `serde_json` and the derived (de)serialisers of the API types, the domain validation shared with the server (JIS X 0208 table, kana, postal and card rules), and `core::fmt`. Done: `opt-level = \"z\"`, LTO, one codegen unit, `panic = \"abort\"`, `wasm-opt -Oz`, Leptos's `erase_components` (−6%), the admin screens in their own bundle, the Yamato script loaded on demand, precompressed brotli.\n");
    }
    if let Some(tbt) = f(&["lighthouse", "median", "tbt_ms"]).filter(|t| *t > 100.0) {
        out.push_str(&format!(
            "- **TBT** is {tbt:.0} ms against 100 ms. Lighthouse's mobile preset simulates a CPU four times slower, so every main-thread task after the first paint that runs longer than 12.5 ms here counts. The checkout starts in tasks of its own: the module loads, then the app mounts, then the purchase form is set up, then the form renders the heading, the cart, the buyer's section and the rest one task each. In alternating runs on this shared machine, that took the median from about 113 ms (one task mounting the app and the form, 27–36 ms) to about 45 ms; single runs spread by ±40 ms. What remains is the longest of those tasks, which shrinks with the code it runs.\n"
        ));
    }
    let orders = (
        f(&["load", "orders", "throughput_rps"]),
        f(&["load", "orders", "p99_ms"]),
    );
    if let Some((rps, p99)) = orders
        .0
        .zip(orders.1)
        .filter(|(r, p)| *r < 1000.0 || *p > 25.0)
    {
        out.push_str(&format!(
            "- **Orders** reach {rps:.0}/s ({:.0}% of 1,000/s) with p99 {p99:.0} ms (budget 25 ms). Profiled at this load (perf): the server no longer waits on SQLite; the largest costs left are the kernel creating the `.eml` copies of the mails (two files per order; inode allocation grows slow in a folder of a file system where many files were just deleted) and the load generator on the same two cores. Done: the shop's settings are held in memory (quotes went from about 5,000/s to over 16,000/s); the order path's writes run on a thread of their own that owns one SQLite connection and runs each transaction in one synchronous call (with one pooled sqlx connection instead, each statement was a round trip to its worker thread and the connection sat idle until its task was polled again: 12 ms waited per transaction, the machine half idle, about 400 orders/s); an authorized order's state, card attempt, mails and stored answer are one transaction instead of four; the `.eml` copies are written by one thread instead of concurrent blocking tasks, which spun on the folder's lock for a sixth of the CPU. The next steps would be writing the mail files after the answer (the outbox table is the record), or not at all when an SMTP relay is configured.\n",
            rps / 10.0
        ));
    }
    if out.is_empty() {
        return out;
    }
    format!("\n### Budgets not met, by how much, and why\n\n{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_marks_each_budget_met_or_not() {
        let json = serde_json::json!({
            "lighthouse": {"median": {"score": 99.0, "lcp_ms": 1100.0, "tbt_ms": 120.0, "cls": 0.0, "tti_ms": 1100.0}, "runs": []},
            "interaction": {"orders": 50, "median_ms": 16.0, "p95_ms": 24.0, "max_ms": 30.0},
            "load": {"health": {"throughput_rps": 20000.0, "p99_ms": 1.0},
                     "quotes": {"throughput_rps": 5500.0, "p99_ms": 4.0, "vs_baseline": {"throughput": 0.275, "p99": 4.0}},
                     "orders": {"throughput_rps": 300.0, "p99_ms": 200.0, "peak_rss_mb": 40.0, "vs_baseline": {"throughput": 0.015, "p99": 200.0}}},
            "bulk": {"orders": 10000, "seconds": 12.5, "succeeded": 10000, "failed": 0, "admin_progress_seen": ["処理中：10 / 10000 "]}
        });
        let md = figures(&json, 240_000, &[]);
        assert!(
            md.contains(
                "| checkout first load, brotli | 234.4 KB (240000 B) | ≤ 64 KB | **not met** |"
            ),
            "{md}"
        );
        assert!(
            md.contains("| Lighthouse mobile performance score | 99 | ≥ 95 | met |"),
            "{md}"
        );
        assert!(
            md.contains("| TBT | 120 ms | ≤ 100 ms | **not met** |"),
            "{md}"
        );
        assert!(
            md.contains("| `POST /api/orders` throughput | 300 /s | ≥ 1,000 /s | **not met** |"),
            "{md}"
        );
        assert!(
            md.contains("| bulk re-authorization of 10,000 orders | 12.5 s | ≤ 60 s | met |"),
            "{md}"
        );
        assert!(md.contains("「処理中：10 / 10000」"), "{md}");
        // A bulk run that failed orders is not met, however fast.
        let mut failing = json.clone();
        failing["bulk"]["succeeded"] = serde_json::json!(0);
        failing["bulk"]["failed"] = serde_json::json!(10000);
        let md = figures(&failing, 240_000, &[]);
        assert!(
            md.contains(
                "| bulk re-authorization of 10,000 orders | 12.5 s (10000 failed) | ≤ 60 s | **not met** |"
            ),
            "{md}"
        );
        let empty = figures(&serde_json::json!({}), 1000, &[]);
        assert!(
            empty.contains("| TBT | — | ≤ 100 ms | not measured |"),
            "{empty}"
        );
    }

    #[test]
    fn the_size_shortfall_cites_the_floor_built_in_the_same_run() {
        let floors = [
            ("leptos", 45_000),
            ("fetch", 61_000),
            ("router", 88_000),
            ("stack", 103_000),
        ];
        let md = figures(&serde_json::json!({}), 247_000, &floors);
        assert!(md.contains("takes 103000 B (1.57× the budget)"), "{md}");
        assert!(
            md.contains("Leptos alone takes 45000 B, and leptos_router adds 43000 B to it"),
            "{md}"
        );
        assert!(
            md.contains("Leptos and gloo-net take 61000 B, which leaves 4536 B of the budget"),
            "{md}"
        );
        assert!(
            md.contains("The checkout adds 144000 B to the stack's floor"),
            "{md}"
        );
        let table = floor_table(&floors, 247_000);
        assert!(
            table.contains("| `stack` | the form on two routes of leptos_router, posting the order through gloo-net: the mandated stack | 103000 | 1.57 | 2.40 |"),
            "{table}"
        );
        // Without the floor (its build failed), the shortfall still says by how much.
        let md = figures(&serde_json::json!({}), 247_000, &[]);
        assert!(
            md.contains("- **First load** is 3.8× the 64 KB budget. The wasm"),
            "{md}"
        );
    }
}
