//! The scale-out step: two release instances on one throwaway PostgreSQL
//! server, the order load spread over both.

use super::*;

/// Two server instances on one throwaway PostgreSQL server (the first hosts
/// the sandbox, the second uses it), and `bench/run.mjs`'s `scale` step
/// spreading the order load over both.
pub(super) fn scale_out(work: &std::path::Path) -> Result<serde_json::Value, String> {
    let postgres = crate::postgres::TempPostgres::start_with(true)?;
    let database = format!("{}/postgres", postgres.url());
    let mut sandbox_port = free_port()?;
    let mut servers = Vec::new();
    let mut ports = Vec::new();
    for i in 0..2 {
        // A port found free can be taken before the instance listens on it
        // (another process of the run): then again on new ports, twice.
        let mut attempt = 0;
        let (server, port) = loop {
            match start_instance(i, work, &database, sandbox_port) {
                Ok(started) => break started,
                Err(err) if attempt < 2 => {
                    say(format!(
                        "scale-out: instance {i}: {err}; again on other ports"
                    ));
                    attempt += 1;
                    if i == 0 {
                        sandbox_port = free_port()?;
                    }
                }
                Err(err) => {
                    for server in &mut servers {
                        stop_child(server);
                    }
                    return Err(err);
                }
            }
        };
        servers.push(server);
        ports.push(port);
    }
    let out = work.join("scale.json");
    say("running bench/run.mjs scale (two instances on PostgreSQL)");
    let ran = run_ok(
        cmd("node")
            .arg("run.mjs")
            .current_dir(project_root().join("bench"))
            .env("BENCH_ONLY", "scale")
            .env(
                "BENCH_BASE_URLS",
                ports
                    .iter()
                    .map(|p| format!("http://127.0.0.1:{p}"))
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .env(
                "BENCH_SANDBOX_URL",
                format!("http://127.0.0.1:{sandbox_port}"),
            )
            .env("BENCH_OUT", &out),
        "bench/run.mjs scale",
    );
    for server in &mut servers {
        stop_child(server);
    }
    drop(postgres);
    ran?;
    std::fs::read_to_string(&out)
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("scale").cloned())
        .ok_or_else(|| "the scale step wrote no figures".to_owned())
}

/// Starts scale-out instance `i` on a free port (the first hosts the
/// sandbox on `sandbox_port`, the second uses it) and waits until it
/// answers; one that does not is stopped.
fn start_instance(
    i: usize,
    work: &std::path::Path,
    database: &str,
    sandbox_port: u16,
) -> Result<(std::process::Child, u16), String> {
    let port = free_port()?;
    let log =
        std::fs::File::create(work.join(format!("scale-{i}.log"))).map_err(|e| e.to_string())?;
    let mut command = crate::run::server_command(true, port, 0, sandbox_port, 0, database)?;
    command
        .env(
            "ZEROSTEP_OUTBOX_DIR",
            work.join(format!("scale-outbox-{i}")),
        )
        .env("ZEROSTEP_ADMIN_PASSWORD", BENCH_ADMIN_PASSWORD)
        // Both instances seal with one key, as a deployment shares it.
        .env("ZEROSTEP_SEALING_KEY_FILE", work.join("scale-sealing.key"))
        .env("ZEROSTEP_CARD_FAILURE_LIMIT", "1000000000")
        .env("ZEROSTEP_ORDER_RATE_PER_MINUTE", "1000000000")
        .env("ZEROSTEP_ABANDON_RATE_PER_MINUTE", "1000000000")
        .env("RUST_LOG", "warn")
        .stdout(log.try_clone().map_err(|e| e.to_string())?)
        .stderr(log);
    if i > 0 {
        command.env("ZEROSTEP_SANDBOX_LISTEN", "off").env(
            "ZEROSTEP_SANDBOX_URL",
            format!("http://127.0.0.1:{sandbox_port}"),
        );
    }
    let mut server = command
        .spawn()
        .map_err(|e| format!("cannot start instance {i}: {e}"))?;
    match wait_for_ok(port, "/api/health", Duration::from_secs(60)) {
        Ok(()) => Ok((server, port)),
        Err(err) => {
            stop_child(&mut server);
            Err(err)
        }
    }
}
