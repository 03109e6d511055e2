//! Helpers shared by the commands: paths, running programs, ports, waiting.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The workspace root (xtask lives one level below it).
pub fn project_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Cargo's target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| project_root().join("target"), PathBuf::from)
}

/// Where `cargo install` puts binaries.
fn cargo_bin_dir() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin"))
}

/// `PATH` with npm's `wasm-opt` (binaryen 132) first, then cargo's bin dir.
pub fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![project_root().join("end2end/node_modules/.bin")];
    dirs.extend(cargo_bin_dir());
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command with the project's tool `PATH` and Trunk never phoning home.
pub fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command
        .env("PATH", tool_path())
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// Prints what xtask is doing.
pub fn say(message: impl std::fmt::Display) {
    println!("xtask: {message}");
    let _ = std::io::stdout().flush();
}

/// Runs `command`, failing with `what` if it cannot start or exits non-zero.
pub fn run_ok(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("{what}: cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// The trimmed standard output of `command`, if it ran and succeeded.
pub fn output_of(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Whether `program` is found on the tool `PATH`.
pub fn on_path(program: &str) -> bool {
    std::env::split_paths(&tool_path()).any(|dir| dir.join(program).is_file())
}

/// A port that was free a moment ago on 127.0.0.1.
pub fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// Waits until `GET http://127.0.0.1:{port}{path}` answers 200.
pub fn wait_for_ok(port: u16, path: &str, timeout: Duration) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    loop {
        if http_get_status(port, path) == Some(200) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "http://127.0.0.1:{port}{path} did not answer 200 within {timeout:?}"
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn http_get_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(head.get(9..12)?).ok()?.parse().ok()
}

/// Asks a child process to stop (SIGTERM), waits up to 10 s, then kills it.
pub fn stop_child(child: &mut std::process::Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Whether Trunk runs this post-build hook for a release build.
pub fn trunk_release() -> bool {
    std::env::var("TRUNK_PROFILE").is_ok_and(|p| p == "release")
}

/// The names of the files in `dir` for which `keep` holds, sorted.
pub fn file_names(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| keep(name))
        .collect();
    names.sort();
    Ok(names)
}

/// The bytes of `path`, or an error that names it.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The text of `path`, or an error that names it.
pub fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes `bytes` to `path`, or an error that names it.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
