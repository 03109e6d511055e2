//! The e2e layer: both SPAs and the widget built in release (and the
//! checkout's first load and the widget's held to their ceilings), the server with its sandbox
//! and the example host site on free ports with a fresh SQLite file, then
//! Playwright in Chromium.

use super::*;

/// Builds the SPAs, starts server + sandbox with a fresh database, runs
/// Playwright, stops the server.
pub(super) fn end_to_end() -> Counts {
    match try_end_to_end() {
        Ok(counts) => counts,
        Err(err) => {
            eprintln!("xtask: e2e: {err}");
            Counts {
                passed: 0,
                failed: 1,
            }
        }
    }
}

fn try_end_to_end() -> Result<Counts, String> {
    build_spas()?;
    // The bundle-size budget is a check of its own: one pass or one failure.
    let size = crate::bench::check_first_loads();
    if let Err(err) = &size {
        eprintln!("xtask: {err}");
    }
    let work = target_dir().join("e2e");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let (port, admin_port) = (free_port()?, free_port()?);
    let (sandbox_port, host_port) = (free_port()?, free_port()?);
    let database = format!("sqlite://{}", work.join("zerostep.db").display());
    let log_path = work.join("server.log");
    let log =
        std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    let outbox = work.join("outbox");
    let host_log =
        std::fs::File::create(work.join("host-example.log")).map_err(|e| e.to_string())?;
    let mut host = host_example_command(host_port, port, sandbox_port)?
        .stdout(host_log.try_clone().map_err(|e| e.to_string())?)
        .stderr(host_log)
        .spawn()
        .map_err(|e| format!("cannot start the example host site: {e}"))?;
    let server = server_command(false, port, admin_port, sandbox_port, host_port, &database)
        .and_then(|mut c| {
            c.env("ZEROSTEP_OUTBOX_DIR", &outbox)
                .env("ZEROSTEP_SEALING_KEY_FILE", work.join("sealing.key"))
                .env("ZEROSTEP_ADMIN_PASSWORD", E2E_ADMIN_PASSWORD)
                // Yamato's nightly window only where a test sets the sandbox's clock.
                .env("ZEROSTEP_SANDBOX_NIGHTLY_WINDOW", "when_clock_set")
                // The reconciler settles a lost answer within seconds, so a
                // journey can wait for the mail that follows 確認中.
                .env("ZEROSTEP_RECONCILE_INTERVAL_SECS", "2")
                .env("ZEROSTEP_RECONCILE_GRACE_SECS", "3")
                // An authentication the shopper leaves is closed after 60 s,
                // far above any test's own (the gateway's 30 minutes pass on
                // the sandbox's clock).
                .env("ZEROSTEP_AUTHENTICATION_SECS", "60")
                // Every journey runs from 127.0.0.1: the declines the suite
                // makes on purpose must not lock out the ones after them.
                // The limit itself is proven by the API tests (card_defence).
                .env("ZEROSTEP_CARD_FAILURE_LIMIT", "100")
                // So do its orders, far more than a shopper's in a minute
                // (the rate limits are proven by the API tests).
                .env("ZEROSTEP_ORDER_RATE_PER_MINUTE", "1000000")
                .env("ZEROSTEP_ABANDON_RATE_PER_MINUTE", "1000000")
                .stdout(log)
                .stderr(log_err)
                .spawn()
                .map_err(|e| format!("cannot start the server: {e}"))
        });
    let mut server = match server {
        Ok(server) => server,
        Err(err) => {
            stop_child(&mut host);
            return Err(err);
        }
    };
    let result = wait_for_ok(port, "/api/health", Duration::from_secs(60))
        .and_then(|()| wait_for_ok(host_port, "/", Duration::from_secs(30)))
        .and_then(|()| {
            say(format!("server on http://127.0.0.1:{port}/, sandbox on port {sandbox_port}, example host on port {host_port}; running Playwright"));
            playwright(port, admin_port, sandbox_port, host_port, &outbox, &log_path)
        });
    stop_child(&mut server);
    stop_child(&mut host);
    // No secret at rest: the database (and its WAL), the server's log and the
    // mails must not hold the test card numbers the browser journeys typed,
    // the admin password, or the gateway's access key (the database may: the
    // admin can save the key there, for the checkSum).
    let result = result.map(|mut counts| {
        let mut leaked = Vec::new();
        let mut files = vec![
            (work.join("zerostep.db"), true),
            (work.join("zerostep.db-wal"), true),
            (log_path.clone(), false),
        ];
        if let Ok(entries) = std::fs::read_dir(&outbox) {
            files.extend(entries.filter_map(Result::ok).map(|e| (e.path(), false)));
        }
        let mails = files.len() - 3;
        for (file, is_database) in &files {
            let bytes = std::fs::read(file).unwrap_or_default();
            let mut secrets = vec![
                "4111111111111111",
                "4000000000000002",
                "4000000000009995",
                E2E_ADMIN_PASSWORD,
            ];
            if !is_database {
                secrets.push(SANDBOX_ACCESS_KEY);
            }
            for secret in secrets {
                if bytes.windows(secret.len()).any(|w| w == secret.as_bytes()) {
                    leaked.push(format!("{} holds {secret}", file.display()));
                }
            }
        }
        if size.is_ok() {
            counts.passed += 1;
        } else {
            counts.failed += 1;
        }
        if leaked.is_empty() {
            say(format!("no card number, admin password or access key in the database, its WAL, the server log or the {mails} mails: ok"));
            counts.passed += 1;
        } else {
            eprintln!("xtask: secrets at rest: {}", leaked.join("; "));
            counts.failed += 1;
        }
        counts
    });
    if result.as_ref().map_or(true, |c| c.failed > 0) {
        say(format!("server log: {}", log_path.display()));
    }
    result
}

fn playwright(
    port: u16,
    admin_port: u16,
    sandbox_port: u16,
    host_port: u16,
    outbox: &std::path::Path,
    server_log: &std::path::Path,
) -> Result<Counts, String> {
    let end2end = project_root().join("end2end");
    let report = end2end.join("playwright-report/results.json");
    let _ = std::fs::remove_file(&report);
    // `E2E_SPEC="three-step admin"` runs the specs whose file names match
    // (Playwright file filters), for working on some of them.
    let only = std::env::var("E2E_SPEC").unwrap_or_default();
    let status = cmd(end2end.join("node_modules/.bin/playwright"))
        .arg("test")
        .args(only.split_whitespace())
        .current_dir(&end2end)
        .env("E2E_BASE_URL", format!("http://127.0.0.1:{port}"))
        // The admin on another host name than the shop's (localhost, not
        // 127.0.0.1): another origin and another site, as in production,
        // so the browser keeps the admin's cookie from the shop.
        .env("E2E_ADMIN_URL", format!("http://localhost:{admin_port}"))
        .env(
            "E2E_SANDBOX_URL",
            format!("http://127.0.0.1:{sandbox_port}"),
        )
        .env("E2E_HOST_URL", format!("http://127.0.0.1:{host_port}"))
        .env("E2E_OUTBOX_DIR", outbox)
        .env("E2E_ADMIN_PASSWORD", E2E_ADMIN_PASSWORD)
        .env("E2E_SERVER_LOG", server_log)
        .status()
        .map_err(|e| format!("cannot start Playwright: {e}"))?;
    let text = std::fs::read_to_string(&report)
        .map_err(|e| format!("no Playwright report ({status}): {e}"))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("bad Playwright report: {e}"))?;
    let stat = |k: &str| json["stats"][k].as_u64().unwrap_or(0);
    let mut counts = Counts {
        passed: stat("expected") + stat("flaky"),
        failed: stat("unexpected"),
    };
    if !status.success() && counts.failed == 0 {
        counts.failed = 1;
    }
    Ok(counts)
}
