//! Where a wasm module's bytes go: every function body by its demangled
//! name, grouped by crate and, for our own crates, by module; and the data
//! segments. Read from the module rustc wrote (before wasm-bindgen and
//! wasm-opt), whose name section still names every function, so the figures
//! are raw bytes before optimisation: the shares, not the totals, carry over
//! to the shipped module.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use wasmparser::{KnownCustom, Name, Parser, Payload};

use crate::util::target_dir;

/// How much of a function's name the table shows.
const SHOWN_CHARS: usize = 110;

/// Our crates: grouped by module rather than as one line.
const OURS: [&str; 2] = ["zerostep", "zerostep_domain"];

/// The group of wasm-bindgen's descriptor functions, which wasm-bindgen
/// reads and removes: not part of the shipped module.
const DESCRIPTORS: &str = "(wasm-bindgen descriptors, removed)";

/// One module's bytes, by where they come from.
#[derive(Debug, Default)]
pub struct Breakdown {
    /// Bytes of every function body (but wasm-bindgen's descriptors).
    pub code: usize,
    /// Bytes of the data segments (read-only data: strings, tables).
    pub data: usize,
    /// Code bytes by crate (our crates by module), largest first.
    pub groups: Vec<(String, usize, usize)>,
    /// The largest functions: demangled name and bytes.
    pub largest: Vec<(String, usize)>,
}

/// Reads `wasm` and breaks its bytes down, naming its `largest` functions.
pub fn breakdown(wasm: &[u8], largest: usize) -> Result<Breakdown, String> {
    let mut imported = 0_u32;
    let mut bodies: Vec<usize> = Vec::new();
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut data = 0_usize;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| format!("not a wasm module: {e}"))? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body.range().len()),
            Payload::DataSection(reader) => {
                for segment in reader {
                    data += segment.map_err(|e| e.to_string())?.data.len();
                }
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Ok(Name::Function(map)) = name {
                            for naming in map.into_iter().flatten() {
                                names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut groups: HashMap<String, (usize, usize)> = HashMap::new();
    let mut functions: Vec<(String, usize)> = Vec::with_capacity(bodies.len());
    for (i, size) in bodies.iter().enumerate() {
        let index = imported + u32::try_from(i).map_err(|e| e.to_string())?;
        let name = names.get(&index).map_or_else(
            || format!("function {index} (unnamed)"),
            |n| format!("{:#}", rustc_demangle::demangle(n)),
        );
        let group = group_of(&name);
        if group == DESCRIPTORS {
            continue;
        }
        let entry = groups.entry(group).or_default();
        entry.0 += size;
        entry.1 += 1;
        functions.push((name, *size));
    }
    let code = functions.iter().map(|f| f.1).sum();
    let mut groups: Vec<(String, usize, usize)> = groups
        .into_iter()
        .map(|(group, (bytes, count))| (group, bytes, count))
        .collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    functions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    functions.truncate(largest);
    Ok(Breakdown {
        code,
        data,
        groups,
        largest: functions,
    })
}

/// The group a demangled function name counts toward: the crate its path
/// starts with (for `<A as B>::f`, the crate of `A`, as a size profiler
/// does), and for our crates the crate and the module under it.
fn group_of(name: &str) -> String {
    if name.starts_with("__wbindgen_describe") {
        return DESCRIPTORS.to_owned();
    }
    // `<T as Trait>::f`, `<str as Trait>::f`: a blanket or primitive impl,
    // counted toward the trait's crate.
    let name = match name.strip_prefix('<').and_then(|n| n.split_once(" as ")) {
        Some((ty, rest)) if !ty.contains("::") => rest,
        _ => name,
    };
    let path = name.trim_start_matches(['<', '&', '*', '(', '[']);
    let path = path
        .strip_prefix("mut ")
        .or_else(|| path.strip_prefix("dyn "))
        .or_else(|| path.strip_prefix("const "))
        .unwrap_or(path);
    let path = path.trim_start_matches(['<', '&']);
    let end = path
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(path.len());
    let segments: Vec<&str> = path[..end].split("::").filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => "(other)".to_owned(),
        [krate, module, _, ..] if OURS.contains(krate) => format!("{krate}::{module}"),
        [krate, ..] if OURS.contains(krate) => (*krate).to_owned(),
        [krate, ..] => (*krate).to_owned(),
    }
}

/// Every function of `bin`, largest first, as tab-separated lines of
/// bytes, group and whole name: for comparing two builds.
pub fn tsv(target: &Path, bin: &str) -> Result<String, String> {
    let b = read_breakdown(target, bin, usize::MAX)?;
    Ok(b.largest
        .iter()
        .map(|(name, bytes)| format!("{bytes}\t{}\t{name}\n", group_of(name)))
        .collect())
}

/// Reads the module rustc wrote for `bin` (before wasm-bindgen).
fn read_breakdown(target: &Path, bin: &str, largest: usize) -> Result<Breakdown, String> {
    let file = target
        .join("wasm32-unknown-unknown/wasm-release")
        .join(format!("{bin}.wasm"));
    let wasm =
        std::fs::read(&file).map_err(|e| format!("{}: {e} (build it first)", file.display()))?;
    breakdown(&wasm, largest)
}

/// The breakdown of `bin` as Markdown: its crates (ours by module), each
/// beside what the floor app `floor` holds of it when one is given and
/// sorted by what `bin` adds to it (`rows` of them), then its `largest`
/// functions.
pub fn markdown(
    target: &Path,
    bin: &str,
    floor: Option<&str>,
    rows: usize,
    largest: usize,
) -> Result<String, String> {
    let b = read_breakdown(target, bin, largest)?;
    let base = match floor {
        Some(floor) => Some(read_breakdown(target, floor, 0)?),
        None => None,
    };
    let in_floor = |group: &str| -> usize {
        base.as_ref()
            .and_then(|f| f.groups.iter().find(|g| g.0 == group))
            .map_or(0, |g| g.1)
    };
    let total = (b.code + b.data).max(1);
    let pct = |n: usize| {
        #[allow(clippy::cast_precision_loss)]
        let p = n as f64 * 100.0 / total as f64;
        p
    };
    let mut groups: Vec<(&str, usize, usize, usize)> = b
        .groups
        .iter()
        .map(|(g, bytes, count)| {
            (
                g.as_str(),
                *bytes,
                *count,
                bytes.saturating_sub(in_floor(g)),
            )
        })
        .collect();
    if base.is_some() {
        groups.sort_by(|a, b| b.3.cmp(&a.3).then_with(|| a.0.cmp(b.0)));
    }
    let mut out = format!(
        "`{bin}`: {} B of function bodies and {} B of data before wasm-bindgen and wasm-opt",
        b.code, b.data
    );
    let floor_data = base.as_ref().map_or(0, |f| f.data);
    match (floor, &base) {
        (Some(floor), Some(f)) => out.push_str(&format!(
            "; the floor app `{floor}` has {} B and {} B.\n\n| crate (ours by module) | functions | bytes | share | in the floor | added |\n|---|---:|---:|---:|---:|---:|\n",
            f.code, f.data
        )),
        _ => out.push_str(".\n\n| crate (ours by module) | functions | bytes | share |\n|---|---:|---:|---:|\n"),
    }
    let with_floor = base.is_some();
    let row = |out: &mut String, name: &str, count: String, bytes: usize, floor_bytes: usize| {
        out.push_str(&format!(
            "| {name} | {count} | {bytes} | {:.1}% |",
            pct(bytes)
        ));
        if with_floor {
            out.push_str(&format!(
                " {floor_bytes} | {} |",
                bytes.saturating_sub(floor_bytes)
            ));
        }
        out.push('\n');
    };
    for (group, bytes, count, _) in groups.iter().take(rows) {
        row(
            &mut out,
            &format!("`{group}`"),
            count.to_string(),
            *bytes,
            in_floor(group),
        );
    }
    let rest = &groups[rows.min(groups.len())..];
    row(
        &mut out,
        &format!("the other {} groups", rest.len()),
        rest.iter().map(|g| g.2).sum::<usize>().to_string(),
        rest.iter().map(|g| g.1).sum(),
        rest.iter().map(|g| in_floor(g.0)).sum(),
    );
    row(&mut out, "data segments", String::new(), b.data, floor_data);
    out.push_str("\n| largest functions | bytes |\n|---|---:|\n");
    for (name, bytes) in &b.largest {
        let mut shown: String = name.chars().take(SHOWN_CHARS).collect();
        if shown.len() < name.len() {
            shown.push('…');
        }
        out.push_str(&format!("| `{}` | {bytes} |\n", shown.replace('|', "\\|")));
    }
    out.push('\n');
    Ok(out)
}

/// The `size` command: the breakdown of one built module, printed.
pub fn size(args: &[String]) -> Result<ExitCode, String> {
    let mut bin = "zerostep".to_owned();
    let mut floor = None;
    let mut rows = 25;
    let mut largest = 15;
    let mut as_tsv = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rows" => {
                rows = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--rows takes a number")?;
            }
            "--tsv" => as_tsv = true,
            "--largest" => {
                largest = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--largest takes a number")?;
            }
            "--floor" => floor = Some(args.next().ok_or("--floor takes a floor app")?.clone()),
            name if !name.starts_with('-') => name.clone_into(&mut bin),
            other => return Err(format!("size: unknown option {other}")),
        }
    }
    if as_tsv {
        print!("{}", tsv(&target_dir(), &bin)?);
        return Ok(ExitCode::SUCCESS);
    }
    let floor = floor.map(|f| format!("floor-{}", f.trim_start_matches("floor-")));
    print!(
        "{}",
        markdown(&target_dir(), &bin, floor.as_deref(), rows, largest)?
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_group_by_crate_and_ours_by_module() {
        for (name, group) in [
            ("core::fmt::write", "core"),
            ("<alloc::vec::Vec<T> as core::clone::Clone>::clone", "alloc"),
            (
                "zerostep::checkout::flow::placement::place",
                "zerostep::checkout",
            ),
            ("zerostep::main", "zerostep"),
            (
                "<&mut serde_json::de::Deserializer<R>>::parse",
                "serde_json",
            ),
            (
                "zerostep_domain::kana::is_katakana",
                "zerostep_domain::kana",
            ),
            ("dlmalloc::Dlmalloc::malloc", "dlmalloc"),
            ("function 12 (unnamed)", "function"),
            (
                "<T as leptos_router::matching::IntoAnyNestedRoute>::f",
                "leptos_router",
            ),
            ("<str as core::fmt::Display>::fmt", "core"),
            ("__wbindgen_describe___wbg_new_96baed", DESCRIPTORS),
        ] {
            assert_eq!(group_of(name), group, "{name}");
        }
    }

    #[test]
    fn a_file_that_is_not_wasm_is_refused_with_a_reason() {
        let err = breakdown(b"not wasm", 15).expect_err("refused");
        assert!(err.starts_with("not a wasm module"), "{err}");
    }

    #[test]
    fn a_module_is_broken_down_by_function_and_data() {
        // (module (func) (func (drop (i32.const 1))) (memory 1) (data (i32.const 0) "abcd"))
        // with a name section naming both functions.
        let wasm: Vec<u8> = [
            &b"\0asm\x01\0\0\0"[..],
            &[1, 4, 1, 0x60, 0, 0], // type section: () -> ()
            &[3, 3, 2, 0, 0],       // two functions of that type
            &[5, 3, 1, 0, 1],       // one memory
            &[10, 10, 2, 2, 0, 0x0b, 5, 0, 0x41, 1, 0x1a, 0x0b], // bodies of 2 and 5 bytes
            &[11, 10, 1, 0, 0x41, 0, 0x0b, 4],
            b"abcd", // one data segment
            &[0, 33, 4],
            b"name",
            &[1, 26, 2], // function names
            &[0, 14],
            b"zerostep::main",
            &[1, 7],
            b"core::f",
        ]
        .concat();
        let b = breakdown(&wasm, 1).expect("parses");
        assert_eq!(b.data, 4);
        assert_eq!(b.code, 2 + 5);
        assert_eq!(b.largest, vec![("core::f".to_owned(), 5)]);
        assert!(b.groups.iter().any(|g| g.0 == "zerostep" && g.1 == 2));
    }
}
