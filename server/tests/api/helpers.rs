//! `spawn_app`: a running server for one test, and one method per endpoint.

use std::path::Path;

use tempfile::TempDir;
use zerostep_server::{Application, Settings};

/// A server running for one test. Dropping it stops the server and deletes
/// its database and SPA folders.
pub struct TestApp {
    /// `http://127.0.0.1:{port}`.
    pub address: String,
    /// The port of the sandbox the server hosts.
    pub sandbox_port: u16,
    /// Folder holding the database and the fake SPA builds.
    pub dir: TempDir,
    /// HTTP client.
    pub client: reqwest::Client,
    /// The running application's state (to run the reconciler).
    pub state: zerostep_server::AppState,
    _stop: tokio::sync::oneshot::Sender<()>,
}

/// The first admin's password in tests.
pub const ADMIN_PASSWORD: &str = "correct horse battery staple";

/// The files a Trunk build would leave in `dist/`, small enough to read in tests.
pub const INDEX_HTML: &str = "<!doctype html><title>checkout</title>";
pub const ADMIN_INDEX_HTML: &str = "<!doctype html><title>admin</title>";
pub const HASHED_WASM: &str = "zerostep-0123456789abcdef_bg.wasm";
/// Stands for the brotli'd wasm in tests.
pub const PRECOMPRESSED_BR: &str = "brotli bytes";
/// The origin allowed to embed the checkout in tests.
pub const EMBED_ORIGIN: &str = "https://shop.example.jp";
/// What Trunk leaves in `embed/dist/index.html` (the parts the server reads).
pub const EMBED_INDEX_HTML: &str = r#"<script type="module">import init, * as bindings from '/embed/zerostep-embed-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/embed/zerostep-embed-0123456789abcdef_bg.wasm' });</script>
<link rel="stylesheet" href="/embed/main-0123456789abcdef.css" integrity="sha384-x"/>
<link rel="stylesheet" href="/embed/widget-fedcba9876543210.css" integrity="sha384-y"/>"#;

fn write(path: &Path, contents: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create folder");
    }
    std::fs::write(path, contents).expect("write file");
}

/// Starts the server with `configure` applied to test settings.
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let checkout = dir.path().join("dist");
    let admin = dir.path().join("admin-dist");
    write(&checkout.join("index.html"), INDEX_HTML.as_bytes());
    write(&checkout.join(HASHED_WASM), b"\0asm\x01\0\0\0");
    // What `cargo xtask` writes beside it (the bytes only need to differ).
    write(
        &checkout.join(format!("{HASHED_WASM}.br")),
        PRECOMPRESSED_BR.as_bytes(),
    );
    write(&admin.join("index.html"), ADMIN_INDEX_HTML.as_bytes());
    let embed = dir.path().join("embed-dist");
    write(&embed.join("index.html"), EMBED_INDEX_HTML.as_bytes());
    write(
        &embed.join("zerostep-embed-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    );

    let mut settings = Settings {
        port: 0,
        database_url: {
            crate::common::create_database(dir.path()).await;
            crate::common::database_url(dir.path())
        },
        checkout_dist: checkout,
        admin_dist: admin,
        embed_dist: embed,
        embed_origins: vec![EMBED_ORIGIN.to_owned()],
        postal_data: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postal.tsv"),
        ..Settings::default()
    };
    settings.gateway.sandbox_listen = Some(std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
    settings.gateway.timeout_secs = 2;
    // Yamato's nightly window only where a test sets the sandbox's clock: the suite passes at any hour.
    settings.gateway.sandbox_nightly_window = zerostep_sandbox::NightlyWindow::WhenClockSet;
    settings.reconcile_grace_secs = 0;
    settings.admin_password = Some(secrecy::SecretString::from(ADMIN_PASSWORD.to_owned()));
    settings.outbox_dir = dir.path().join("outbox");
    configure(&mut settings);

    let app = Application::build(settings)
        .await
        .expect("application builds");
    let state = app.state();
    let address = format!("http://127.0.0.1:{}", app.port());
    let sandbox_port = app.sandbox_port().expect("sandbox hosted");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    TestApp {
        address,
        sandbox_port,
        dir,
        client: reqwest::Client::new(),
        state,
        _stop: stop,
    }
}

/// Starts the server with the demo catalogue seeded.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

impl TestApp {
    /// `GET {path}`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// `GET /api/health`.
    pub async fn health(&self) -> reqwest::Response {
        self.get("/api/health").await
    }

    /// `GET /api/products`.
    pub async fn products(&self) -> reqwest::Response {
        self.get("/api/products").await
    }

    /// `POST {path}` with a JSON body.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// `POST /api/quotes`.
    pub async fn quote(&self, body: serde_json::Value) -> reqwest::Response {
        self.post_json("/api/quotes", &body).await
    }

    /// A connection to the app's database.
    pub async fn pool(&self) -> zerostep_server::store::Pool {
        zerostep_server::store::connect_and_migrate(&self.database_url())
            .await
            .expect("db")
    }

    /// The sandbox's base URL.
    pub fn sandbox(&self) -> String {
        format!("http://127.0.0.1:{}", self.sandbox_port)
    }

    /// Mints a token for `card_no` through the sandbox's control API.
    pub async fn token(&self, card_no: &str) -> String {
        let minted: serde_json::Value = self
            .client
            .post(format!("{}/__sandbox/tokens", self.sandbox()))
            .json(&serde_json::json!({"card_no": card_no}))
            .send()
            .await
            .expect("mint")
            .json()
            .await
            .expect("json");
        minted["tokens"][0].as_str().expect("token").to_owned()
    }

    /// Queues a sandbox fault.
    pub async fn fault(&self, body: serde_json::Value) {
        let response = self
            .client
            .post(format!("{}/__sandbox/faults", self.sandbox()))
            .json(&body)
            .send()
            .await
            .expect("fault");
        assert_eq!(response.status(), 204);
    }

    /// The sandbox's view of a 受付番号.
    pub async fn sandbox_transaction(&self, receipt_no: &str) -> serde_json::Value {
        self.client
            .get(format!(
                "{}/__sandbox/transactions/{receipt_no}",
                self.sandbox()
            ))
            .send()
            .await
            .expect("inspect")
            .json()
            .await
            .unwrap_or(serde_json::Value::Null)
    }

    /// `POST /api/orders/abandon` with an idempotency key.
    pub async fn abandon(&self, key: &str) -> reqwest::Response {
        self.client
            .post(format!("{}/api/orders/abandon", self.address))
            .header("Idempotency-Key", key)
            .send()
            .await
            .expect("request sent")
    }

    /// `POST /api/orders` with an idempotency key.
    pub async fn order(&self, key: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/orders", self.address))
            .header("Idempotency-Key", key)
            .header("X-Zerostep-Session", "test-session")
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// The database's URL.
    pub fn database_url(&self) -> String {
        self.state.services.settings.database_url.clone()
    }
}
