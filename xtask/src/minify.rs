//! Minified scripts and stylesheets (esbuild, from the end-to-end suite's
//! npm packages), as part of Trunk's post-build hooks in release.
//!
//! Trunk copies wasm-bindgen's glue, the split loader and the stylesheets
//! as they are (its own minifier leaves the glue alone and rewrote the
//! pages the server fills in); comments, indentation and long local names
//! are bytes of every first load. The floor apps' glue is minified by the
//! same hook, so what a bundle adds to its floor stays a fair comparison.

use std::path::Path;

use crate::util::{cmd, file_names, run_ok, trunk_release};

/// Writes `from` minified to `to` (they may be the same file): an ES module
/// when `module` (wasm-bindgen's glue, the split loader), else a classic
/// script or a stylesheet, as its extension says.
fn minify(from: &Path, to: &Path, module: bool) -> Result<(), String> {
    let mut esbuild = cmd("esbuild");
    esbuild
        .arg(from)
        .args([
            "--minify",
            "--legal-comments=none",
            "--allow-overwrite",
            "--log-level=warning",
            "--charset=utf8",
        ])
        .arg(format!("--outfile={}", to.display()));
    if module {
        esbuild.arg("--format=esm");
    }
    run_ok(
        &mut esbuild,
        &format!("esbuild --minify {}", from.display()),
    )
}

/// Minifies every script and stylesheet in Trunk's staging directory
/// `staging` (in release: `TRUNK_PROFILE`), and returns their names, whose
/// `integrity` the caller writes anew.
pub fn staging(staging: &Path) -> Result<Vec<String>, String> {
    if !trunk_release() {
        return Ok(Vec::new());
    }
    let names = file_names(staging, |name| {
        name.ends_with(".js") || name.ends_with(".css")
    })?;
    for name in &names {
        let path = staging.join(name);
        minify(&path, &path, name.ends_with(".js"))?;
    }
    Ok(names)
}

/// The widget's entry script (`embed/embed.js`, a classic script the
/// server fills in with the build's file names), minified into `staging`
/// as `embed.js`, where the server reads it. Outside release it is copied
/// as it is.
pub fn entry_script(source: &Path, staging: &Path) -> Result<(), String> {
    let to = staging.join("embed.js");
    if trunk_release() {
        minify(source, &to, false)?;
    } else {
        std::fs::copy(source, &to).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    let text = crate::util::read_text(&to)?;
    if text.matches(PLACEHOLDER).count() != 1 {
        return Err(format!(
            "{}: the minified entry script must name {PLACEHOLDER} once",
            to.display()
        ));
    }
    Ok(())
}

/// Where the server writes the build's file names into the entry script.
const PLACEHOLDER: &str = "__ZEROSTEP_ASSETS__";
