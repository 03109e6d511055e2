//! A throwaway PostgreSQL server for the API suite's second run: Debian's
//! programs, a temporary data folder, a free port on loopback, trust
//! authentication, no fsync for tests. Stopped and deleted when dropped.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::setup::{is_root, postgres_bin};
use crate::util::{cmd, free_port, say};

/// A running server.
pub struct TempPostgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

/// Runs a PostgreSQL program as its own user when we are root (initdb and
/// the server refuse to run as root).
fn as_owner(program: PathBuf) -> Command {
    if is_root() {
        let mut c = cmd("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        cmd(program)
    }
}

impl TempPostgres {
    /// Creates the cluster and starts the server, without disk syncs (tests).
    pub fn start() -> Result<TempPostgres, String> {
        Self::start_with(false)
    }

    /// Creates the cluster and starts the server; `durable` keeps PostgreSQL's
    /// default syncs (benchmarks), otherwise `fsync` is off.
    pub fn start_with(durable: bool) -> Result<TempPostgres, String> {
        let bin = postgres_bin()
            .ok_or("no PostgreSQL under /usr/lib/postgresql (cargo xtask setup installs it)")?;
        let dir = std::env::temp_dir().join(format!("zerostep-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if is_root() {
            let status = cmd("chown")
                .args(["-R", "postgres:"])
                .arg(&dir)
                .status()
                .map_err(|e| format!("chown: {e}"))?;
            if !status.success() {
                return Err(format!("chown postgres {} failed", dir.display()));
            }
        }
        let port = free_port()?;
        let server = TempPostgres { bin, dir, port };
        let data = server.dir.join("data");
        let out = as_owner(server.bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args([
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ])
            .output()
            .map_err(|e| format!("initdb: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "initdb failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let syncs = if durable {
            ""
        } else {
            " -c fsync=off -c synchronous_commit=off"
        };
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300{syncs}",
            server.dir.display()
        );
        let out = as_owner(server.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(server.dir.join("server.log"))
            .args(["-w", "-t", "60", "start"])
            .output()
            .map_err(|e| format!("pg_ctl start: {e}"))?;
        if !out.status.success() {
            let log = std::fs::read_to_string(server.dir.join("server.log")).unwrap_or_default();
            return Err(format!(
                "pg_ctl start failed: {}\n{log}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        server.wait_ready()?;
        say(format!(
            "PostgreSQL running on 127.0.0.1:{port} (data in {})",
            server.dir.display()
        ));
        Ok(server)
    }

    fn wait_ready(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("PostgreSQL did not listen on port {}", self.port));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    /// `postgres://postgres@127.0.0.1:PORT` (no database: the tests make their own).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let _ = as_owner(self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
