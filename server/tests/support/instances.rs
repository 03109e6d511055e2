//! The real server binary as an operator runs it, on a data folder that
//! outlives it, beside a sandbox that lives in the test process (so it
//! outlives the server as Yamato's gateway would). Shared by the crash
//! tests and the backup tests.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::common;

/// The first admin's password.
pub const ADMIN_PASSWORD: &str = "crash-test-admin-password";

/// The sandbox, serving until dropped.
pub struct Gateway {
    pub url: String,
    pub client: reqwest::Client,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Gateway {
    pub async fn start() -> Gateway {
        let sandbox = zerostep_sandbox::Sandbox::bind(
            ([127, 0, 0, 1], 0).into(),
            zerostep_sandbox::Config {
                // The bulk runs re-authorize at any hour.
                nightly_window: zerostep_sandbox::NightlyWindow::WhenClockSet,
                ..zerostep_sandbox::Config::default()
            },
        )
        .await
        .expect("sandbox binds");
        let url = format!("http://{}", sandbox.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(sandbox.serve(async {
            let _ = stopped.await;
        }));
        Gateway {
            url,
            client: reqwest::Client::new(),
            _stop: stop,
        }
    }

    pub async fn control(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.client.request(method, format!("{}{path}", self.url));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("sandbox answers");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.unwrap_or(Value::Null)
    }

    pub async fn token(&self) -> String {
        self.token_for("4111111111111111").await
    }

    /// A token for the sandbox's test card `card_no` (its scenario: approve,
    /// decline…).
    pub async fn token_for(&self, card_no: &str) -> String {
        let minted = self
            .control(
                reqwest::Method::POST,
                "/__sandbox/tokens",
                Some(json!({"card_no": card_no})),
            )
            .await;
        minted["tokens"][0].as_str().expect("token").to_owned()
    }

    pub async fn fault(&self, fault: Value) {
        self.control(reqwest::Method::POST, "/__sandbox/faults", Some(fault))
            .await;
    }

    pub async fn transaction(&self, receipt_no: &str) -> Value {
        self.control(
            reqwest::Method::GET,
            &format!("/__sandbox/transactions/{receipt_no}"),
            None,
        )
        .await
    }

    pub async fn stats(&self) -> Value {
        self.control(reqwest::Method::GET, "/__sandbox/stats", None)
            .await
    }
}

/// Where the listener `what` (`zerostep-server`, `zerostep-admin`,
/// `zerostep-sandbox`, `zerostep-metrics`) listens, as the server's output
/// `log` says once it is bound.
pub fn listening(log: &str, what: &str) -> Option<String> {
    let prefix = format!("{what} listening on port ");
    log.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .map(|p| format!("http://127.0.0.1:{}", p.trim()))
}

/// A server process on a data folder that survives it.
pub struct Server {
    pub child: Child,
    pub url: String,
    /// The admin's own listener.
    pub admin_url: String,
    /// The metrics listener, when asked for.
    pub metrics_url: Option<String>,
}

impl Server {
    pub fn start(dir: &Path, gateway: &Gateway, failpoint: Option<&str>, run: usize) -> Server {
        Server::start_on(&common::database_url(dir), dir, gateway, failpoint, run)
    }

    /// A server on the database at `database_url`, its other files in `dir`.
    pub fn start_on(
        database_url: &str,
        dir: &Path,
        gateway: &Gateway,
        failpoint: Option<&str>,
        run: usize,
    ) -> Server {
        Server::start_with(database_url, dir, gateway, failpoint, run, &[])
    }

    /// As [`Server::start_on`], with the settings `extra` on top.
    pub fn start_with(
        database_url: &str,
        dir: &Path,
        gateway: &Gateway,
        failpoint: Option<&str>,
        run: usize,
        extra: &[(&str, &str)],
    ) -> Server {
        let log = dir.join(format!("server-{run}.log"));
        let out = std::fs::File::create(&log).expect("log file");
        let err = out.try_clone().expect("log file");
        let mut command = Command::new(env!("CARGO_BIN_EXE_zerostep-server"));
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("RUST_LOG", "warn")
            .env("ZEROSTEP_HOST", "127.0.0.1")
            .env("ZEROSTEP_PORT", "0")
            .env("ZEROSTEP_ADMIN_PORT", "0")
            .env("ZEROSTEP_DATABASE_URL", database_url)
            .env("ZEROSTEP_OUTBOX_DIR", dir.join("outbox"))
            .env("ZEROSTEP_SEALING_KEY_FILE", dir.join("sealing.key"))
            // Every order comes from 127.0.0.1, many in a minute.
            .env("ZEROSTEP_ORDER_RATE_PER_MINUTE", "1000000")
            .env("ZEROSTEP_ABANDON_RATE_PER_MINUTE", "1000000")
            .env("ZEROSTEP_CHECKOUT_DIST", dir.join("dist"))
            .env("ZEROSTEP_ADMIN_DIST", dir.join("admin-dist"))
            .env("ZEROSTEP_EMBED_DIST", dir.join("embed-dist"))
            .env("ZEROSTEP_SANDBOX_LISTEN", "off")
            .env("ZEROSTEP_SANDBOX_URL", &gateway.url)
            .env("ZEROSTEP_GATEWAY_TIMEOUT_SECS", "2")
            .env("ZEROSTEP_RECONCILE_INTERVAL_SECS", "1")
            .env("ZEROSTEP_RECONCILE_STALE_SECS", "3")
            .env("ZEROSTEP_RECONCILE_GRACE_SECS", "8")
            .env("ZEROSTEP_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err));
        if let Some(point) = failpoint {
            command.env("ZEROSTEP_FAILPOINT", point);
        }
        command.envs(extra.iter().copied());
        let metrics = extra.iter().any(|(k, _)| *k == "ZEROSTEP_METRICS_LISTEN");
        // Owned at once, so a failed start still kills and reaps it.
        let mut server = Server {
            child: command.spawn().expect("server starts"),
            url: String::new(),
            admin_url: String::new(),
            metrics_url: None,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            // Lossy: one stray byte must not hide the lines that are there.
            let text =
                String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).into_owned();
            let metrics_url = listening(&text, "zerostep-metrics");
            if let (Some(shop), Some(admin), true) = (
                listening(&text, "zerostep-server"),
                listening(&text, "zerostep-admin"),
                metrics_url.is_some() || !metrics,
            ) {
                server.url = shop;
                server.admin_url = admin;
                server.metrics_url = metrics_url;
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("server exited ({status}) before it listened:\n{text}");
            }
            assert!(
                Instant::now() < deadline,
                "server did not listen within 60 s ({} bytes of output):\n{text}",
                text.len()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the failpoint to kill it, and checks it died of SIGKILL.
    pub async fn killed(mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert_eq!(status.signal(), Some(9), "died of SIGKILL, not {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the failpoint was never reached");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Places an order with the card `token` under the idempotency key `key`.
pub async fn place(
    client: &reqwest::Client,
    server: &str,
    key: &str,
    token: &str,
) -> reqwest::Result<reqwest::Response> {
    client
        .post(format!("{server}/api/orders"))
        .header("Idempotency-Key", format!("{key:-<32}"))
        .header("X-Zerostep-Session", "crash-test")
        .json(&common::order_body(common::card(token), "taro@example.jp"))
        .send()
        .await
}
