//! One message catalogue per side: no Rust file in the workspace writes a
//! bilingual 「日本語 / English」 string (clients pick a language from a
//! `Text { ja, en }` instead of splitting one), and in the server only the
//! catalogue (`src/messages.rs`) writes Japanese texts for the API.

#[path = "support/sources.rs"]
mod tree;

fn japanese(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c)
        || ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// The string literals of a Rust source (ordinary ones; good enough for
/// ours, which put no `"` in raw strings with Japanese).
fn literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = source.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        match c {
            // A line comment (outside a literal) is skipped whole.
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            // A char literal such as '"' is not the start of a string.
            '\'' if prev != '\\' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\"'") || rest.starts_with("\\\"'") {
                    chars.next();
                    if rest.starts_with('\\') {
                        chars.next();
                    }
                    chars.next();
                }
            }
            '"' => {
                let mut text = String::new();
                while let Some(n) = chars.next() {
                    match n {
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                text.push('\\');
                                text.push(escaped);
                            }
                        }
                        '"' => break,
                        _ => text.push(n),
                    }
                }
                out.push(text);
            }
            _ => {}
        }
        prev = c;
    }
    out
}

/// Whether `text` is Japanese, then `/ `, then English: the part after the
/// last `/ ` has no Japanese and has a word outside `{…}` placeholders.
fn bilingual(text: &str) -> bool {
    let Some(at) = text.rfind("/ ") else {
        return false;
    };
    let (before, after) = (&text[..at], &text[at + 2..]);
    let mut depth = 0_u32;
    let mut word = false;
    for c in after.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_ascii_alphabetic() => word = true,
            _ => {}
        }
    }
    before.chars().any(japanese) && !after.chars().any(japanese) && word
}

#[test]
fn no_rust_file_writes_a_bilingual_string() {
    let files = tree::workspace_sources();
    let found: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).unwrap_or_default();
            // A module's tests may quote the old form (to prove it is read).
            let code = source.split("\n#[cfg(test)]").next().unwrap_or_default();
            literals(code)
                .into_iter()
                .filter(|l| bilingual(l))
                .map(move |l| format!("{}: {l}", path.display()))
        })
        .collect();
    assert!(
        found.is_empty(),
        "write these as Text {{ ja, en }} in a catalogue: {found:#?}"
    );
}

#[test]
fn only_the_catalogue_writes_the_servers_japanese_texts() {
    let mut files = Vec::new();
    tree::rust_files(&tree::workspace().join("server/src"), &mut files);
    let found: Vec<String> = files
        .iter()
        .filter(|path| !path.ends_with("messages.rs"))
        .filter_map(|path| {
            let source = std::fs::read_to_string(path).ok()?;
            let texts = ["Text::fixed(", "Text::new("].iter().any(|call| {
                source.match_indices(call).any(|(at, _)| {
                    let call = &source[at..];
                    let end = call.find(");").unwrap_or(call.len());
                    call[..end].chars().any(japanese)
                })
            });
            texts.then(|| path.display().to_string())
        })
        .collect();
    assert!(
        found.is_empty(),
        "move these texts into src/messages.rs: {found:?}"
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    assert!(bilingual("注文が見つかりません。/ No such order."));
    assert!(bilingual(
        "注文 {number} はありません。/ No order {number}."
    ));
    assert!(!bilingual("{method} / お届け日指定なし / {slot}"));
    assert!(!bilingual("{}：{} / {} 件（成功 {} 件）"));
    assert!(!bilingual("https://example.jp/ path"));
    let source = "let a = '\"'; let b = \"日本語。/ English\"; // \"コメント / Comment\"\n";
    assert_eq!(literals(source), vec!["日本語。/ English".to_owned()]);
}
