//! The workspace's Rust sources, for the tests that read code as text
//! (`layers.rs`, `messages.rs`).

use std::path::{Path, PathBuf};

/// Every crate's source folder in the workspace (tests live beside them,
/// in `tests/` folders and `tests.rs` modules).
const SOURCE_DIRS: [&str; 10] = [
    "server/src",
    "src",
    "admin/src",
    "domain/src",
    "webcollect/src",
    "sandbox/src",
    "xtask/src",
    "embed",
    "host-example/src",
    "bench/floor/src",
];

/// The workspace's root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// The `.rs` files below `dir`, skipping build output and npm packages.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n == "target" || n == "node_modules")
            {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every Rust source file of the workspace's crates.
pub fn workspace_sources() -> Vec<PathBuf> {
    let root = workspace();
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 100, "the workspace's sources are found");
    files
}
