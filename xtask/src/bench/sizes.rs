//! The first load of each bundle and of the floor apps: which files, and
//! their sizes raw, gzip -9 and brotli -q 11.

use super::*;

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
pub(super) fn first_load_files(bundle: &str) -> Result<Vec<PathBuf>, String> {
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
        // The parts loaded on demand (`cargo xtask split-wasm`) are not;
        // their loader, which the glue imports, is.
        .filter(|p| !on_demand(p))
        .collect();
    if bundle == "embed" {
        // A host page loads /embed.js (the entry script the build put
        // beside the files, with their names filled in), never Trunk's
        // index.html.
        files.retain(|f| f.extension().and_then(|e| e.to_str()) != Some("html"));
    }
    files.sort();
    Ok(files)
}

/// A part of a module that is fetched when first shown (`…_split_….wasm`,
/// `…_chunk_N.wasm`), not on the first load.
fn on_demand(file: &std::path::Path) -> bool {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.ends_with(".wasm") && (name.contains("_split_") || name.contains("_chunk_"))
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

/// Where the bench keeps the floor apps' first loads it measured last, for
/// CI's check (which does not build them).
const MEASURED_FLOORS: &str = "bench/floor/measured.json";

/// The floor apps' first loads (brotli) the bench measured last.
pub(super) fn measured_floors() -> Result<Vec<(String, usize)>, String> {
    let path = project_root().join(MEASURED_FLOORS);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let floors = json
        .get("brotli")
        .and_then(serde_json::Value::as_object)
        .ok_or_else(|| format!("{}: no \"brotli\" object", path.display()))?;
    Ok(floors
        .iter()
        .filter_map(|(app, b)| Some((app.clone(), usize::try_from(b.as_u64()?).ok()?)))
        .collect())
}

/// Records the floor apps' first loads for CI's check.
pub(super) fn write_measured_floors(floors: &[(&str, usize)]) -> Result<(), String> {
    let brotli: serde_json::Map<String, serde_json::Value> = floors
        .iter()
        .map(|(app, b)| ((*app).to_owned(), serde_json::Value::from(*b)))
        .collect();
    let json = serde_json::json!({
        "written_by": "cargo xtask bench: the floor apps' first loads (wasm, JS, HTML), brotli -q 11",
        "brotli": brotli,
    });
    let path = project_root().join(MEASURED_FLOORS);
    let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())? + "\n";
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// One first load held to its floor plus its allowance: `Err` with the
/// figures when over.
pub(super) fn within_allowance(
    what: &str,
    brotli: usize,
    floor_app: &str,
    floor: usize,
    allowance: usize,
) -> Result<String, String> {
    let over = brotli.saturating_sub(floor);
    let line = format!(
        "{what} first load: {brotli} B brotli, {over} B over the `{floor_app}` floor ({floor} B); CI allows {allowance} B over it, the budget {OVER_FLOOR_MUST_BYTES} B (aim {OVER_FLOOR_AIM_BYTES} B)"
    );
    if over > allowance {
        Err(format!("{line}: {} B too many", over - allowance))
    } else {
        Ok(line)
    }
}

/// The CI check: the checkout's first load within the stack's floor plus
/// its allowance, and the widget's within the router-less floor plus its.
pub fn check_first_loads() -> Result<(), String> {
    let floors = measured_floors()?;
    let floor = |app: &str| {
        floors
            .iter()
            .find(|(a, _)| a == app)
            .map(|(_, b)| *b)
            .ok_or_else(|| {
                format!("{MEASURED_FLOORS} has no `{app}` floor (run cargo xtask bench)")
            })
    };
    let mut failures = Vec::new();
    for (what, bundle, app, allowance) in [
        ("checkout", "checkout", "stack", CHECKOUT_ALLOWANCE_BYTES),
        ("widget", "embed", "fetch", WIDGET_ALLOWANCE_BYTES),
    ] {
        let (_, total) = bundle_sizes(bundle)?;
        match within_allowance(what, total.brotli, app, floor(app)?, allowance) {
            Ok(line) => say(line),
            Err(err) => failures.push(err),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// Builds each floor app as the checkout is built (Trunk, release) into
/// `bench/floor/dist/<app>`, and returns its first load, brotli.
pub(super) fn build_floors() -> Result<Vec<(&'static str, usize)>, String> {
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

/// The floor table: each app's first load, and what the checkout and the
/// widget add to the floor each is held to.
pub(super) fn floor_table(floors: &[(&str, usize)], checkout: usize, widget: usize) -> String {
    let mut out = String::from("### Baseline: the stack's floor, built in the same run\n\nThe apps in `bench/floor` are the smallest checkouts the stack allows, built exactly as the checkout SPA is (Trunk, the `wasm-release` profile, `wasm-opt -Os --converge --low-memory-unused`, short import names). Their first load is the wasm, its JS and the HTML page, with no CSS. The checkout is held to the `stack` floor, the widget (which mounts the checkout without a router) to the `fetch` floor.\n\n| floor app | holds | first load, brotli | checkout − floor | widget − floor |\n|---|---|---:|---:|---:|\n");
    for (app, brotli) in floors {
        let holds = FLOOR_APPS
            .iter()
            .find(|(name, _)| name == app)
            .map_or("", |(_, holds)| holds);
        out.push_str(&format!(
            "| `{app}` | {holds} | {brotli} | {} | {} |\n",
            i128::try_from(checkout).unwrap_or(0) - i128::try_from(*brotli).unwrap_or(0),
            i128::try_from(widget).unwrap_or(0) - i128::try_from(*brotli).unwrap_or(0),
        ));
    }
    out.push('\n');
    out
}

pub(super) fn compressed_len(program: &str, args: &[&str], input: &[u8]) -> Result<usize, String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    // The input is written from its own thread while the output is read
    // here: written first, a module larger than the pipe deadlocks once the
    // compressor's output fills its pipe.
    let writer = child.stdin.take().map(|mut stdin| {
        let input = input.to_vec();
        std::thread::spawn(move || stdin.write_all(&input))
    });
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{program}: {e}"))?;
    if let Some(writer) = writer {
        writer
            .join()
            .map_err(|_| format!("{program}: the writer panicked"))?
            .map_err(|e| format!("{program}: {e}"))?;
    }
    Ok(out.stdout.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_load_over_its_floor_and_allowance_fails_with_the_figures() {
        let ok = within_allowance("checkout", 250_000, "stack", 100_000, 150_000).expect("within");
        assert!(
            ok.contains("150000 B over the `stack` floor (100000 B)"),
            "{ok}"
        );
        let err = within_allowance("widget", 250_001, "fetch", 100_000, 150_000).expect_err("over");
        assert!(err.ends_with(": 1 B too many"), "{err}");
    }

    #[test]
    fn the_floors_the_bench_measured_last_are_recorded() {
        let floors = measured_floors().expect("bench/floor/measured.json reads");
        for app in ["stack", "fetch"] {
            assert!(
                floors.iter().any(|(a, b)| a == app && *b > 10_000),
                "{app} in {floors:?}"
            );
        }
    }

    #[test]
    fn an_input_larger_than_a_pipe_is_measured_without_a_deadlock() {
        // Two megabytes that compress poorly: the output overflows a pipe.
        let input: Vec<u8> = (0..2_000_000_u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let len = compressed_len("gzip", &["-1", "-c"], &input).expect("gzip runs");
        assert!(len > 65_536, "{len}");
    }
}
