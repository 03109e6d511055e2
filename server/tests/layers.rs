//! The server's layering rule, checked on its source: a module imports only
//! from its own layer (without a cycle between modules) or from the layers
//! below it, nothing below `http` imports axum, SQL runs only in `store`, and
//! no production file in the workspace grows past 400 lines. The layers are listed in
//! `src/lib.rs`'s module map; a new top-level module must be placed here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[path = "support/sources.rs"]
mod tree;

/// Each top-level module of `server/src` and its layer, highest first.
const LAYERS: &[(&str, u8)] = &[
    ("app", 7),
    ("http", 6),
    ("checkout", 5),
    ("idempotency", 5),
    ("payments", 5),
    ("reconcile", 5),
    ("bulk", 5),
    ("auth", 5),
    ("services", 4),
    ("shop", 3),
    ("guard", 3),
    ("mail", 3),
    ("gateway", 3),
    ("postal", 3),
    ("store", 2),
    ("config", 1),
    ("error", 1),
    ("messages", 1),
    ("failpoint", 1),
    ("private_files", 1),
    ("telemetry", 1),
    ("bundle", 1),
];

/// The lowest layer that may import axum.
const HTTP_LAYER: u8 = 6;

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// The source's code without comments (doc links are not imports), and
/// without the `#[cfg(test)]` module at its end.
fn code_of(source: &str) -> String {
    let source = source.split("\n#[cfg(test)]").next().unwrap_or_default();
    source
        .lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal (a URL) is kept: crude, but no
            // string in the server names a module path after one.
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file's code names after `crate::`, with the submodule when
/// it names one (`crate::store::outbox::…` gives `("store", Some("outbox"))`).
/// A group (`crate::{a, b::c}`) names each of its first segments.
fn crate_paths(code: &str) -> Vec<(String, Option<String>)> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            for item in inner.split(',') {
                let mut parts = item.trim().split("::");
                let top = ident(parts.next().unwrap_or_default());
                let sub = parts.next().map(ident).filter(|s| !s.is_empty());
                if !top.is_empty() {
                    found.push((top, sub));
                }
            }
        } else {
            let mut parts = rest.split("::");
            let top = ident(parts.next().unwrap_or_default());
            let next = parts.next().unwrap_or_default();
            let sub = Some(ident(next)).filter(|s| !s.is_empty());
            found.push((top, sub));
        }
    }
    found
}

struct Source {
    /// The top-level module the file belongs to.
    module: String,
    /// The submodule inside it (`checkout/outcome.rs` is `outcome`), if any.
    submodule: Option<String>,
    path: PathBuf,
    code: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    tree::rust_files(&root, &mut files);
    let mut sources = Vec::new();
    for path in files {
        let relative = path.strip_prefix(&root).expect("under src").to_owned();
        let parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
            .collect();
        if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
            continue;
        }
        let module = parts[0].clone();
        let submodule = parts.get(1).filter(|p| *p != "mod").cloned();
        let code = code_of(&std::fs::read_to_string(&path).expect("a readable source file"));
        sources.push(Source {
            module,
            submodule,
            path: relative,
            code,
        });
    }
    assert!(sources.len() > 10, "the server's sources were not found");
    sources
}

/// A cycle in `edges`, if there is one, as the nodes along it.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(cycle) = visit(node, edges, &mut done, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn every_server_module_has_a_layer() {
    let unplaced: BTreeSet<_> = sources()
        .into_iter()
        .filter(|s| layer(&s.module).is_none())
        .map(|s| s.module)
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules missing from LAYERS in tests/layers.rs: {unplaced:?}"
    );
}

#[test]
fn no_server_module_imports_from_a_layer_above_it() {
    let mut upward = Vec::new();
    for source in sources() {
        let Some(own) = layer(&source.module) else {
            continue;
        };
        for (target, _) in crate_paths(&source.code) {
            match layer(&target) {
                Some(their) if their > own => upward.push(format!(
                    "{} ({}, layer {own}) imports {target} (layer {their})",
                    source.path.display(),
                    source.module
                )),
                // Items re-exported at the crate root (`crate::ApiError`) hide their layer.
                None => upward.push(format!(
                    "{} names crate::{target}, which is not a layered module (import it by its module's path)",
                    source.path.display()
                )),
                _ => {}
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn server_modules_import_each_other_without_a_cycle() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Submodules of one folder, by the paths that name them.
    let mut inner: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for source in sources() {
        for (target, sub) in crate_paths(&source.code) {
            if target != source.module {
                edges
                    .entry(source.module.clone())
                    .or_default()
                    .insert(target);
            } else if let (Some(from), Some(to)) = (&source.submodule, sub) {
                if *from != to {
                    inner
                        .entry(source.module.clone())
                        .or_default()
                        .entry(from.clone())
                        .or_default()
                        .insert(to);
                }
            }
        }
        if let Some(from) = &source.submodule {
            for (at, _) in source.code.match_indices("super::") {
                let to: String = source.code[at + "super::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !to.is_empty() && to != *from {
                    inner
                        .entry(source.module.clone())
                        .or_default()
                        .entry(from.clone())
                        .or_default()
                        .insert(to);
                }
            }
        }
    }
    assert!(!edges.is_empty(), "no imports between modules were found");
    if let Some(cycle) = find_cycle(&edges) {
        panic!(
            "an import cycle between server modules: {}",
            cycle.join(" → ")
        );
    }
    for (module, edges) in &inner {
        if let Some(cycle) = find_cycle(edges) {
            panic!("an import cycle inside {module}: {}", cycle.join(" → "));
        }
    }
}

/// The files of the sources `chosen` whose code names one of `words`.
fn files_naming(chosen: impl Fn(&Source) -> bool, words: &[&str]) -> Vec<String> {
    sources()
        .into_iter()
        .filter(|s| chosen(s) && words.iter().any(|w| s.code.contains(w)))
        .map(|s| s.path.display().to_string())
        .collect()
}

#[test]
fn nothing_below_http_imports_axum() {
    let offenders = files_naming(
        |s| layer(&s.module).is_some_and(|l| l < HTTP_LAYER),
        &["axum::", "use axum"],
    );
    assert!(
        offenders.is_empty(),
        "files below http that import axum: {offenders:?}"
    );
}

#[test]
fn sql_runs_only_in_the_store() {
    let outside = files_naming(|s| s.module != "store", &["sqlx::query", ".begin()"]);
    assert!(
        outside.is_empty(),
        "files outside store/ that run SQL: {outside:?}"
    );
}

#[test]
fn no_production_file_grows_past_400_lines() {
    let files = tree::workspace_sources();
    let long: Vec<String> = files
        .iter()
        // The catalogues are lists, read by entry, not top to bottom.
        .filter(|path| !path.ends_with("server/src/messages.rs"))
        .filter(|path| !path.ends_with("webcollect/src/codes.rs"))
        .filter(|path| !path.ends_with("src/i18n/messages.rs"))
        .filter(|path| !path.ends_with("tests.rs"))
        .filter_map(|path| {
            let lines = std::fs::read_to_string(path).ok()?.lines().count();
            (lines > 400).then(|| format!("{} ({lines} lines)", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle_and_only_a_cycle() {
    let graph = |pairs: &[(&str, &str)]| {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in pairs {
            edges
                .entry((*a).to_owned())
                .or_default()
                .insert((*b).to_owned());
        }
        edges
    };
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])),
        None
    );
    assert_eq!(
        find_cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        crate_paths("use crate::{store::outbox, error::ApiError};\nlet x = crate::shop::today();"),
        vec![
            ("store".to_owned(), Some("outbox".to_owned())),
            ("error".to_owned(), Some("ApiError".to_owned())),
            ("shop".to_owned(), Some("today".to_owned())),
        ]
    );
}
