//! Failpoints for the crash tests: with `ZEROSTEP_FAILPOINT=name` (or
//! `name:n`) the server kills itself with SIGKILL the first (or n-th) time it
//! reaches the named point, as a power cut or the OOM killer would: no
//! destructor, no flush, no graceful shutdown. Unset, a point costs one
//! atomic load.
//!
//! | point | where |
//! |---|---|
//! | `key_claimed` | an order's idempotency key claimed, before its order row is written |
//! | `a08_sent` | 100 ms after the A08 request goes out (the test holds the gateway's answer) |
//! | `a08_answered` | A08 answered, before the order's row records it |
//! | `a09_sent` | 100 ms after a 3-D Secure return's A09 goes out |
//! | `a09_answered` | A09 answered, before the order's row records it |
//! | `slip_claimed` | a slip claimed and its E01 recorded, before the E01 goes out |
//! | `bulk_item` | a bulk re-authorization item answered, before its result is recorded |

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

/// The environment variable naming the armed point.
pub const ENV: &str = "ZEROSTEP_FAILPOINT";

struct Armed {
    name: String,
    at: u64,
    hits: AtomicU64,
}

fn armed() -> Option<&'static Armed> {
    static ARMED: OnceLock<Option<Armed>> = OnceLock::new();
    ARMED
        .get_or_init(|| {
            let value = std::env::var(ENV).ok()?;
            let (name, at) = match value.split_once(':') {
                Some((name, n)) => (name.to_owned(), n.parse().ok()?),
                None => (value, 1),
            };
            Some(Armed {
                name,
                at,
                hits: AtomicU64::new(0),
            })
        })
        .as_ref()
}

/// Whether this pass through `name` is the one to die at.
fn due(name: &str) -> bool {
    armed().is_some_and(|a| a.name == name && a.hits.fetch_add(1, Ordering::SeqCst) + 1 == a.at)
}

fn kill(name: &str) {
    eprintln!("failpoint {name}: SIGKILL");
    let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGKILL);
    std::process::abort();
}

/// Dies here if `name` is armed and due.
pub fn hit(name: &str) {
    if due(name) {
        kill(name);
    }
}

/// Dies `after` from now if `name` is armed and due, letting the request
/// being made go out first.
pub fn hit_after(name: &'static str, after: Duration) {
    if due(name) {
        std::thread::spawn(move || {
            std::thread::sleep(after);
            kill(name);
        });
    }
}
