//! Short names for the functions a module imports from its wasm-bindgen
//! glue.
//!
//! wasm-bindgen names each import after the function and a hash
//! (`__wbg_appendChild_8204974b7328bf98`), once in the module and once in
//! the glue's import object. The hashes do not compress: for the widget's
//! 165 imports they were 4 KB of its first load (brotli). Renaming them
//! `a`, `b`, … in both files changes nothing else: the glue's import object
//! is the only place that names them.
//!
//! `cargo xtask short-imports` is Trunk's post-build hook for the modules
//! built without a split (the widget, the admin, the floor apps), and
//! `split-wasm` does the same for the shop's main module.

use std::path::PathBuf;

use wasmparser::{BinaryReader, ImportSectionReader, Imports};

use crate::util::{file_names, read, read_text, write};

/// The import section's id.
const IMPORT_SECTION: u8 = 2;

/// `wasm` and its glue `js` with every import from the glue renamed, or
/// why not (the glue does not name an import exactly once: then nothing
/// can be renamed safely).
pub fn shorten(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String), String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut js = js.to_owned();
    let mut at = 8;
    let mut renamed = 0usize;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body_at) = leb128(wasm, at + 1).ok_or("a section's size is cut off")?;
        let end = body_at
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or("a section runs past the module's end")?;
        if id == IMPORT_SECTION {
            let body = rename_imports(&wasm[body_at..end], body_at, &mut js, &mut renamed)?;
            out.push(id);
            out.extend(encode_u32(body.len()));
            out.extend(body);
        } else {
            out.extend(&wasm[at..end]);
        }
        at = end;
    }
    Ok((out, js))
}

/// The import section `body` (at `offset` in the module) with the glue's
/// imports renamed, each renamed in `js` too.
fn rename_imports(
    body: &[u8],
    offset: usize,
    js: &mut String,
    renamed: &mut usize,
) -> Result<Vec<u8>, String> {
    let reader = ImportSectionReader::new(BinaryReader::new(body, offset))
        .map_err(|e| format!("the import section: {e}"))?;
    let count = reader.count();
    let mut items = Vec::new();
    for item in reader.into_iter_with_offsets() {
        let (at, imports) = item.map_err(|e| format!("an import: {e}"))?;
        match imports {
            Imports::Single(_, import) => items.push((at - offset, import.module, import.name)),
            _ => return Err("compact imports: not wasm-bindgen's output".into()),
        }
    }
    let mut out = encode_u32(count as usize);
    for (i, &(at, module, name)) in items.iter().enumerate() {
        let next = items.get(i + 1).map_or(body.len(), |n| n.0);
        // The item's kind and type follow its two names, unchanged.
        let names = encoded_len(module.len()) + module.len() + encoded_len(name.len()) + name.len();
        let kind = &body[at + names..next];
        let new = if module == "wbg" || module.ends_with("_bg.js") {
            let short = short_name(*renamed);
            rename_in_glue(js, name, &short)?;
            *renamed += 1;
            short
        } else {
            name.to_owned()
        };
        out.extend(encode_u32(module.len()));
        out.extend(module.as_bytes());
        out.extend(encode_u32(new.len()));
        out.extend(new.as_bytes());
        out.extend(kind);
    }
    Ok(out)
}

/// Renames the import object's key `name:` to `short:` in the glue.
fn rename_in_glue(js: &mut String, name: &str, short: &str) -> Result<(), String> {
    let key = format!("{name}:");
    let mut found = js.match_indices(&key).filter(|(at, _)| {
        // A whole key: not the tail of a longer name.
        js[..*at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
    });
    let (at, _) = found
        .next()
        .ok_or_else(|| format!("the glue does not name the import {name}"))?;
    if found.next().is_some() {
        return Err(format!("the glue names the import {name} twice"));
    }
    js.replace_range(at..at + name.len(), short);
    Ok(())
}

/// `a` … `z`, `A` … `Z`, then `ba`, `bb`, …: a JavaScript name for the
/// `n`th import.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % 52]);
        n /= 52;
        if n == 0 {
            break;
        }
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// An unsigned LEB128 at `at`: its value and where it ends.
fn leb128(bytes: &[u8], mut at: usize) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at)?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some((value, at));
        }
    }
    None
}

fn encode_u32(mut n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

fn encoded_len(n: usize) -> usize {
    encode_u32(n).len()
}

/// The hook: shortens the imports of the one module in Trunk's staging
/// directory, minifies its scripts and stylesheets (`minify.rs`; with
/// `--entry FILE`, also the widget's entry script into `embed.js`) and
/// writes the new `integrity` of each into `index.html`.
pub fn run(args: &[String]) -> Result<std::process::ExitCode, String> {
    let entry = match args {
        [] => None,
        [flag, file] if flag == "--entry" => Some(PathBuf::from(file)),
        _ => return Err("short-imports takes no arguments but --entry FILE".into()),
    };
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("short-imports is Trunk's post-build hook: TRUNK_STAGING_DIR is not set")?;
    let modules = file_names(&staging, |name| name.ends_with("_bg.wasm"))?;
    let [module] = modules.as_slice() else {
        return Err(format!(
            "{}: {} modules, not one",
            staging.display(),
            modules.len()
        ));
    };
    let glue = format!("{}.js", module.trim_end_matches("_bg.wasm"));
    let wasm = read(&staging.join(module))?;
    let js = read_text(&staging.join(&glue))?;
    let (wasm, js) = shorten(&wasm, &js).map_err(|e| format!("{module}: {e}"))?;
    write(&staging.join(module), &wasm)?;
    write(&staging.join(&glue), js.as_bytes())?;
    // The module, and the glue unless the minified files name it already.
    let mut changed = crate::minify::staging(&staging)?;
    if !changed.contains(&glue) {
        changed.push(glue);
    }
    changed.push(module.clone());
    if let Some(entry) = entry {
        crate::minify::entry_script(&entry, &staging)?;
    }
    let html_path = staging.join("index.html");
    let mut html = read_text(&html_path)?;
    for file in &changed {
        // Trunk writes an integrity for each unless the page turns it off.
        let sri = crate::split::sri(&read(&staging.join(file))?);
        if let Some(with) = crate::split::with_integrity(&html, file, &sri) {
            html = with;
        }
    }
    write(&html_path, html.as_bytes())?;
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a function type, and imports `imports` (module, name)
    /// of it.
    fn module(imports: &[(&str, &str)]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        let mut body = encode_u32(imports.len());
        for (module, name) in imports {
            body.extend(encode_u32(module.len()));
            body.extend(module.as_bytes());
            body.extend(encode_u32(name.len()));
            body.extend(name.as_bytes());
            body.extend([0, 0]);
        }
        wasm.push(IMPORT_SECTION);
        wasm.extend(encode_u32(body.len()));
        wasm.extend(body);
        // A custom section after it, kept as it is.
        wasm.extend([0, 3, 1, b'x', 7]);
        wasm
    }

    fn imports_of(wasm: &[u8]) -> Vec<(String, String)> {
        let mut names = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(wasm) {
            if let wasmparser::Payload::ImportSection(reader) = payload.expect("a valid module") {
                for import in reader.into_imports() {
                    let import = import.expect("an import");
                    names.push((import.module.to_owned(), import.name.to_owned()));
                }
            }
        }
        names
    }

    #[test]
    fn the_glues_imports_get_short_names_in_the_module_and_the_glue() {
        let wasm = module(&[
            ("./app_bg.js", "__wbg_append_0123456789abcdef"),
            ("env", "__wbg_kept_0123456789abcdef"),
            ("./app_bg.js", "__wbg_appendChild_fedcba9876543210"),
        ]);
        let js = "const import0 = {\n  __proto__: null,\n  __wbg_append_0123456789abcdef: function(a) {},\n  __wbg_appendChild_fedcba9876543210: function(b) {},\n};\nfunction x() { __wbg_appendChild_fedcba9876543210_y(); }\n";
        let (short, glue) = shorten(&wasm, js).expect("renamed");
        assert_eq!(
            imports_of(&short),
            [
                ("./app_bg.js".to_owned(), "a".to_owned()),
                ("env".to_owned(), "__wbg_kept_0123456789abcdef".to_owned()),
                ("./app_bg.js".to_owned(), "b".to_owned()),
            ]
        );
        assert!(
            glue.contains("\n  a: function(a) {},\n  b: function(b) {},\n"),
            "{glue}"
        );
        // A longer name that starts with an import's is not touched.
        assert!(glue.contains("__wbg_appendChild_fedcba9876543210_y()"));
        assert!(short.ends_with(&[0, 3, 1, b'x', 7]));
        assert!(short.len() < wasm.len());
    }

    #[test]
    fn an_import_the_glue_does_not_name_once_stops_the_renaming() {
        let wasm = module(&[("./app_bg.js", "__wbg_gone_0123456789abcdef")]);
        let err = shorten(&wasm, "const import0 = {};").expect_err("not named");
        assert!(err.contains("__wbg_gone_0123456789abcdef"), "{err}");
        let twice = "__wbg_gone_0123456789abcdef: 1, __wbg_gone_0123456789abcdef: 2";
        assert!(shorten(&wasm, twice).expect_err("twice").contains("twice"));
        assert!(shorten(b"not wasm", "").is_err());
    }

    #[test]
    fn short_names_are_letters_and_never_repeat() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "ba");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }
}
