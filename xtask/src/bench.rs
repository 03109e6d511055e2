//! `cargo xtask bench`: the SPAs' first-load bundle sizes, raw, gzip -9 and
//! brotli -q 11 (wasm + JS + CSS + HTML of each `dist/`; for the embed,
//! wasm + JS + CSS + `embed.js`).

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use crate::run::build_spas;
use crate::setup::{self, Options};
use crate::util::project_root;

/// The `bench` command.
pub fn run() -> Result<ExitCode, String> {
    setup::setup(Options { browser: true })?;
    build_spas()?;
    let root = project_root();
    println!("bundle sizes in bytes (first load: wasm + JS + CSS + HTML)");
    println!(
        "{:<10} {:<44} {:>10} {:>10} {:>10}",
        "bundle", "file", "raw", "gzip", "brotli"
    );
    for (bundle, dir) in [
        ("checkout", root.join("dist")),
        ("admin", root.join("admin/dist")),
        ("embed", root.join("embed/dist")),
    ] {
        let mut total = [0usize; 3];
        let mut files = bundle_files(&dir)?;
        if bundle == "embed" {
            // A host page loads /embed.js (the template with names filled
            // in), never Trunk's index.html.
            files.retain(|f| f.extension().and_then(|e| e.to_str()) != Some("html"));
            files.push(root.join("embed/embed.js"));
        }
        for file in files {
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let sizes = [
                bytes.len(),
                compressed_len("gzip", &["-9", "-c"], &bytes)?,
                compressed_len("brotli", &["-q", "11", "-c"], &bytes)?,
            ];
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            println!(
                "{bundle:<10} {name:<44} {:>10} {:>10} {:>10}",
                sizes[0], sizes[1], sizes[2]
            );
            for (t, s) in total.iter_mut().zip(sizes) {
                *t += s;
            }
        }
        println!(
            "{bundle:<10} {:<44} {:>10} {:>10} {:>10}",
            "TOTAL", total[0], total[1], total[2]
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn bundle_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js" | "css" | "html")
            )
        })
        .collect();
    files.sort();
    Ok(files)
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
