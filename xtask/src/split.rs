//! `cargo xtask split-wasm BIN`: Trunk's post-build hook for a module built
//! with the `split` feature (the shop's, `index.html`), which loads some of
//! its parts on demand (`task::Part`).
//!
//! Trunk 0.21 has no step between the linker and wasm-bindgen, where a
//! split must run, so this hook redoes Trunk's WebAssembly step from the
//! linked module (kept with its relocations, see `build.rs`):
//!
//! 1. splits it (`wasm_split_cli_support`, as cargo-leptos does) into the
//!    main module, one module per part and the chunks they share, and the
//!    loader script that fetches them;
//! 2. runs wasm-bindgen on the main module (`--keep-lld-exports`: the parts
//!    link to its memory, table and functions), gives the glue's imports
//!    short names (`imports.rs`) and, in release, `wasm-opt`
//!    on every module, as Trunk would (`index.html` turns Trunk's own off:
//!    its output would be replaced);
//! 3. puts them where Trunk put its own: the glue and the main module under
//!    Trunk's names (which carry the build's hash), the loader and the parts
//!    named after them, so a new build never meets an old part in a cache;
//! 4. minifies the scripts and stylesheets (`minify.rs`, in release) and
//!    writes the new `integrity` hashes into Trunk's `index.html`.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::Digest as _;

use crate::util::{cmd, read, read_text, run_ok, target_dir, write};

/// Splits `BIN`'s module in Trunk's staging directory.
pub fn run(args: &[String]) -> Result<std::process::ExitCode, String> {
    let [bin] = args else {
        return Err("split-wasm takes the binary's name".into());
    };
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("split-wasm is Trunk's post-build hook: TRUNK_STAGING_DIR is not set")?;
    let release = crate::util::trunk_release();
    let profile = if release { "wasm-release" } else { "debug" };
    let linked = target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join(format!("{bin}.wasm"));
    let html_path = staging.join("index.html");
    let html = read_text(&html_path)?;
    let stem = trunk_stem(&html, bin)
        .ok_or_else(|| format!("{}: no {bin}-<hash>_bg.wasm in it", html_path.display()))?;

    let work = target_dir().join("split").join(bin);
    let _ = std::fs::remove_dir_all(&work);
    let parts = work.join("parts");
    std::fs::create_dir_all(&parts).map_err(|e| format!("{}: {e}", parts.display()))?;
    let input = read(&linked)?;
    let main = work.join("main.wasm");
    let main_module = format!("./{stem}.js");
    let loader = format!("{stem}_split.js");
    let link_name = format!("./{loader}");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &parts;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.link_name = &link_name;
    options.verbose = false;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("splitting {}: {e}", linked.display()))?;

    let bindgen = work.join("bindgen");
    run_ok(
        cmd("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
            .arg("--out-name")
            .arg(&stem)
            .arg("--out-dir")
            .arg(&bindgen)
            .arg(&main),
        "wasm-bindgen on the split module",
    )?;
    // The glue's imports get short names (`imports.rs`): the module before
    // wasm-opt, the glue straight where Trunk put its own.
    let module = bindgen.join(format!("{stem}_bg.wasm"));
    let (wasm, js) = crate::imports::shorten(
        &read(&module)?,
        &read_text(&bindgen.join(format!("{stem}.js")))?,
    )?;
    write(&module, &wasm)?;
    write(&staging.join(format!("{stem}.js")), js.as_bytes())?;

    // The parts, named after the build, in the loader's text too.
    let mut loader_text = read_text(&parts.join(&loader))?;
    let mut outputs = vec![(
        bindgen.join(format!("{stem}_bg.wasm")),
        staging.join(format!("{stem}_bg.wasm")),
    )];
    for part in &split.split_modules {
        let name = part
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{}: no file name", part.display()))?;
        let named = format!("{stem}_{name}");
        loader_text = loader_text.replace(&format!("\"./{name}\""), &format!("\"./{named}\""));
        outputs.push((part.clone(), staging.join(named)));
    }
    for (from, to) in &outputs {
        if release {
            optimise(from, to)?;
        } else {
            copy(from, to)?;
        }
    }
    write(&staging.join(&loader), loader_text.as_bytes())?;
    // The scripts (the glue, the loader) and the stylesheets, minified.
    let minified = crate::minify::staging(&staging)?;

    // Trunk's preloads carry the integrity of its own files.
    let mut html = html;
    let stylesheets = minified.into_iter().filter(|f| f.ends_with(".css"));
    for file in [format!("{stem}.js"), format!("{stem}_bg.wasm")]
        .into_iter()
        .chain(stylesheets)
    {
        let bytes = read(&staging.join(&file))?;
        html = with_integrity(&html, &file, &sri(&bytes))
            .ok_or_else(|| format!("index.html: no integrity for {file}"))?;
    }
    // The loader, which the glue imports, is preloaded beside it with its
    // own integrity: the browser checks it before it runs.
    let loader_sri = sri(&read(&staging.join(&loader))?);
    html = with_preload(&html, &format!("{stem}.js"), &loader, &loader_sri)
        .ok_or_else(|| format!("index.html: no module preload of {stem}.js"))?;
    write(&html_path, html.as_bytes())?;
    crate::util::say(format!(
        "split {bin}: {} parts loaded on demand",
        split.split_modules.len()
    ));
    Ok(std::process::ExitCode::SUCCESS)
}

/// Trunk's `BIN-HASH` in `html` (from `/BIN-HASH_bg.wasm`).
fn trunk_stem(html: &str, bin: &str) -> Option<String> {
    let prefix = format!("{bin}-");
    html.match_indices(&prefix).find_map(|(at, _)| {
        let rest = &html[at + prefix.len()..];
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        (hex > 0 && rest[hex..].starts_with("_bg.wasm"))
            .then(|| format!("{prefix}{}", &rest[..hex]))
    })
}

/// Where the tag that names `file` (`…/file"`) starts and ends in `html`.
fn tag_naming(html: &str, file: &str) -> Option<(usize, usize)> {
    let at = html.find(&format!("/{file}\""))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')? + 1;
    Some((start, end))
}

/// `html` with the `integrity` of the tag that names `file` set to `sri`.
pub(crate) fn with_integrity(html: &str, file: &str, sri: &str) -> Option<String> {
    let (start, end) = tag_naming(html, file)?;
    let tag = &html[start..end];
    let attr = tag.find("integrity=\"")? + "integrity=\"".len();
    let close = attr + tag[attr..].find('"')?;
    Some(format!(
        "{}{sri}{}",
        &html[..start + attr],
        &html[start + close..]
    ))
}

/// The `integrity` value of `bytes` (SHA-384, as Trunk writes it).
pub(crate) fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// `html` with a copy of the tag that names `file` right after it, naming
/// `other` with the integrity `sri` instead.
fn with_preload(html: &str, file: &str, other: &str, sri: &str) -> Option<String> {
    let (start, end) = tag_naming(html, file)?;
    let tag = html[start..end].replacen(&format!("/{file}\""), &format!("/{other}\""), 1);
    let copy = with_integrity(&tag, other, sri)?;
    Some(format!("{}{copy}{}", &html[..end], &html[end..]))
}

/// `wasm-opt` as Trunk runs it for our modules (`-Os --converge
/// --low-memory-unused`), with the features the split modules use.
/// `--low-memory-unused` lets wasm-opt fold an added constant into a load's
/// or store's offset, which differs from the addition only when the address
/// would wrap past 4 GiB into the lowest kilobyte: Rust's addresses never
/// wrap. (levers.md, sixth round.)
fn optimise(from: &Path, to: &Path) -> Result<(), String> {
    run_ok(
        cmd("wasm-opt")
            .args([
                "-Os",
                "--converge",
                "--low-memory-unused",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
            ])
            .args([
                "--enable-reference-types",
                "--enable-sign-ext",
                "--enable-mutable-globals",
            ])
            .arg(from)
            .arg("-o")
            .arg(to),
        "wasm-opt on a split module",
    )
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("{} to {}: {e}", from.display(), to.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = r#"<link rel="modulepreload" href="/zerostep-0a1b.js" crossorigin="anonymous" integrity="sha384-old1"><link rel="preload" href="/zerostep-0a1b_bg.wasm" crossorigin="anonymous" integrity="sha384-old2" as="fetch" type="application/wasm">"#;

    #[test]
    fn trunks_names_and_integrity_are_found_and_replaced() {
        assert_eq!(
            trunk_stem(HTML, "zerostep").as_deref(),
            Some("zerostep-0a1b")
        );
        assert_eq!(trunk_stem(HTML, "zerostep-embed"), None);
        let js = with_integrity(HTML, "zerostep-0a1b.js", "sha384-new").expect("the glue's tag");
        assert!(js.contains(r#"zerostep-0a1b.js" crossorigin="anonymous" integrity="sha384-new">"#));
        assert!(js.contains("sha384-old2"));
        let wasm =
            with_integrity(&js, "zerostep-0a1b_bg.wasm", "sha384-w").expect("the module's tag");
        assert!(wasm.contains(r#"integrity="sha384-w" as="fetch""#));
        assert!(!wasm.contains("old"));
        assert_eq!(with_integrity(HTML, "other.js", "x"), None);
        let both = with_preload(
            HTML,
            "zerostep-0a1b.js",
            "zerostep-0a1b_split.js",
            "sha384-l",
        )
        .expect("the glue's tag");
        assert!(both.contains(r#"integrity="sha384-old1"><link rel="modulepreload" href="/zerostep-0a1b_split.js" crossorigin="anonymous" integrity="sha384-l"><link rel="preload""#), "{both}");
    }
}
