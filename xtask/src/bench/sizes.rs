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

/// The floor table: each app's first load beside the budget and the
/// checkout's.
pub(super) fn floor_table(floors: &[(&str, usize)], checkout_brotli: usize) -> String {
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
    fn an_input_larger_than_a_pipe_is_measured_without_a_deadlock() {
        // Two megabytes that compress poorly: the output overflows a pipe.
        let input: Vec<u8> = (0..2_000_000_u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let len = compressed_len("gzip", &["-1", "-c"], &input).expect("gzip runs");
        assert!(len > 65_536, "{len}");
    }
}
