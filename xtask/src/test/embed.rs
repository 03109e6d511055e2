//! The widget's npm package (`embed/`): its TypeScript declarations and
//! the example host type-check, and `npm pack` packs what it should.

use super::*;

/// `tsc --noEmit` over the declarations and the example host.
pub(super) fn types_check() -> bool {
    cmd("npm")
        .args(["run", "--silent", "check"])
        .current_dir(project_root().join("embed"))
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// The files `npm pack` puts in the widget's package.
const EMBED_PACKAGE_FILES: [&str; 4] = ["README.md", "embed.js", "index.d.ts", "package.json"];

/// Whether `npm pack --dry-run` in `embed/` packs exactly
/// [`EMBED_PACKAGE_FILES`].
pub(super) fn packs() -> bool {
    let output = cmd("npm")
        .args(["pack", "--dry-run", "--json"])
        .current_dir(project_root().join("embed"))
        .output();
    let Some(output) = output.ok().filter(|o| o.status.success()) else {
        eprintln!("xtask: npm pack --dry-run failed in embed/");
        return false;
    };
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    let mut files: Vec<&str> = report[0]["files"]
        .as_array()
        .map(|f| f.iter().filter_map(|f| f["path"].as_str()).collect())
        .unwrap_or_default();
    files.sort_unstable();
    if files != EMBED_PACKAGE_FILES {
        eprintln!("xtask: embed/ packs {files:?}, not {EMBED_PACKAGE_FILES:?}");
        return false;
    }
    true
}
