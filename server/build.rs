//! Rebuilds the server when a migration changes: `sqlx::migrate!` embeds the
//! files at compile time, and cargo does not watch them on its own.
//!
//! With the `bundle` feature (`cargo xtask dist`), it also lists the built
//! front ends (`dist/`, `admin/dist/`, `embed/dist/`, each file with its
//! `.br` and `.gz`) and Japan Post's data (`data/postal/`) for
//! `bundle.rs` to carry inside the binary, and watches them.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// What a bundle carries: its part's name and its folder (from the workspace root).
const PARTS: [(&str, &str); 4] = [
    ("checkout", "dist"),
    ("admin", "admin/dist"),
    ("embed", "embed/dist"),
    ("postal", "data/postal"),
];

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundle.rs");
    if std::env::var_os("CARGO_FEATURE_BUNDLE").is_none() {
        write(
            &out,
            "pub const FILES: &[(&str, &str, &[u8])] = &[];\npub const ID: &str = \"\";\n",
        );
        return;
    }
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest.parent().expect("the server is in the workspace");
    let mut entries = String::new();
    let mut id = std::collections::hash_map::DefaultHasher::new();
    for (part, folder) in PARTS {
        let dir = root.join(folder);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files = Vec::new();
        list(&dir, &dir, &mut files);
        assert!(
            !files.is_empty(),
            "{} is empty: `cargo xtask dist` builds the front ends and fetches the postal data before it builds a bundle",
            dir.display()
        );
        files.sort();
        for name in files {
            let path = dir.join(&name);
            let bytes = std::fs::read(&path).expect("a bundled file reads");
            (part, &name, &bytes).hash(&mut id);
            entries.push_str(&format!(
                "    ({part:?}, {name:?}, include_bytes!({:?})),\n",
                path.display().to_string()
            ));
        }
    }
    write(
        &out,
        &format!(
            "pub const FILES: &[(&str, &str, &[u8])] = &[\n{entries}];\npub const ID: &str = \"{:016x}\";\n",
            id.finish()
        ),
    );
}

/// The files under `dir`, as paths relative to `base` with `/` between parts.
fn list(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            list(base, &path, out);
        } else if let Ok(relative) = path.strip_prefix(base) {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
}

fn write(path: &Path, text: &str) {
    // Unchanged, it is left alone: its time would rebuild the crate.
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).expect("OUT_DIR is writable");
    }
}
