//! Why tests failed, said again before the summary: a failing test's panic
//! message is printed where the test ran, often thousands of lines before
//! the end of a CI log, which is the part a reader (or CI's own report) sees.

use std::sync::Mutex;

/// The lines kept of one panic: its `panicked at` line and what follows,
/// up to the backtrace.
const LINES_PER_PANIC: usize = 6;
/// How long a kept line may be.
const LINE_CHARS: usize = 300;

/// The panics read so far in this layer's output.
static PANICS: Mutex<Vec<Vec<String>>> = Mutex::new(Vec::new());

/// Reads a test runner's output line by line, keeping each panic's message.
#[derive(Default)]
pub(crate) struct PanicReader {
    current: Option<Vec<String>>,
}

impl PanicReader {
    /// Takes the next line of output.
    pub(crate) fn line(&mut self, line: &str) {
        let starts = line.starts_with("thread '") && line.contains("panicked at");
        if starts {
            self.flush();
            self.current = Some(vec![short(line)]);
            return;
        }
        let Some(current) = self.current.as_mut() else {
            return;
        };
        let ends = line.trim().is_empty()
            || line.starts_with("stack backtrace:")
            || line.starts_with("note: ");
        if ends || current.len() >= LINES_PER_PANIC {
            self.flush();
        } else {
            current.push(short(line));
        }
    }

    /// Keeps the panic being read, if any (at the end of the output).
    pub(crate) fn flush(&mut self) {
        if let Some(panic) = self.current.take() {
            if let Ok(mut panics) = PANICS.lock() {
                panics.push(panic);
            }
        }
    }
}

fn short(line: &str) -> String {
    match line.char_indices().nth(LINE_CHARS) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_owned(),
    }
}

/// The panics read since the last call.
pub(crate) fn take() -> Vec<Vec<String>> {
    PANICS
        .lock()
        .map(|mut p| std::mem::take(&mut *p))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{take, PanicReader};

    #[test]
    fn keeps_each_panics_message_up_to_its_backtrace() {
        let output = "test a ... FAILED\n\
            ---- a stdout ----\n\
            thread 'a' (753) panicked at server/tests/crash.rs:487:9:\n\
            assertion `left == right` failed: our books follow the gateway\n  left: true\n right: false\n\
            stack backtrace:\n   0: __rustc::rust_begin_unwind\n\
            thread 'b' panicked at src/lib.rs:1:1:\nboom";
        let mut reader = PanicReader::default();
        for line in output.lines() {
            reader.line(line);
        }
        reader.flush();
        let panics = take();
        assert_eq!(panics.len(), 2, "{panics:?}");
        assert_eq!(panics[0].len(), 4);
        assert!(panics[0][0].contains("crash.rs:487:9"));
        assert_eq!(panics[0][3], " right: false");
        assert_eq!(
            panics[1],
            vec!["thread 'b' panicked at src/lib.rs:1:1:", "boom"]
        );
        assert!(take().is_empty(), "taken once");
    }
}
