//! `spawn_app`: a running server for one test, and one method per endpoint
//! (the shopper's in [`shopper`], the sandbox's control API in [`sandbox`],
//! the admin's on the session [`admin::AdminSession`]), with the orders and
//! slips the tests share in [`fixtures`].

pub mod admin;
pub mod fixtures;
pub mod sandbox;
pub mod shopper;

pub use admin::AdminSession;
pub use fixtures::{card_order, slip};

use std::path::Path;

use tempfile::TempDir;
use zerostep_server::{Application, Config};

/// A server running for one test. Dropping it stops the server and deletes
/// its database and SPA folders.
pub struct TestApp {
    /// The shop: `http://127.0.0.1:{port}`.
    pub address: String,
    /// The admin's own listener: `http://127.0.0.1:{admin_port}`.
    pub admin_address: String,
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
pub const INDEX_HTML: &str =
    r#"<!doctype html><title>Zerostep</title><meta name="application-name" content="" />"#;
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
pub async fn spawn_app_with(configure: impl FnOnce(&mut Config)) -> TestApp {
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
    // The entry script Trunk's hook puts beside it (here as written).
    write(
        &embed.join("embed.js"),
        include_bytes!("../../../../embed/embed.js"),
    );
    write(
        &embed.join("zerostep-embed-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    );

    let mut settings = Config {
        port: 0,
        admin_port: 0,
        database_url: {
            crate::common::create_database(dir.path()).await;
            crate::common::database_url(dir.path())
        },
        checkout_dist: checkout,
        admin_dist: admin,
        embed_dist: embed,
        embed_origins: vec![EMBED_ORIGIN.to_owned()],
        postal_data: Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postal.tsv"),
        sealing_key_file: dir.path().join("sealing.key"),
        ..Config::default()
    };
    settings.gateway.sandbox_listen = Some(std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
    settings.gateway.timeout_secs = 2;
    // Yamato's nightly window only where a test sets the sandbox's clock: the suite passes at any hour.
    settings.gateway.sandbox_nightly_window = zerostep_sandbox::NightlyWindow::WhenClockSet;
    settings.reconcile_grace_secs = 0;
    // Every test shopper comes from 127.0.0.1: the rate limits are proven
    // where a test lowers them (orders::rate_limits).
    settings.orders_per_minute = 1_000_000;
    settings.abandons_per_minute = 1_000_000;
    settings.admin_password = Some(secrecy::SecretString::from(ADMIN_PASSWORD.to_owned()));
    settings.outbox_dir = dir.path().join("outbox");
    configure(&mut settings);

    let app = Application::build(settings)
        .await
        .expect("application builds");
    let state = app.state();
    let address = format!("http://127.0.0.1:{}", app.port());
    let admin_address = format!("http://127.0.0.1:{}", app.admin_port());
    let sandbox_port = app.sandbox_port().expect("sandbox hosted");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    TestApp {
        address,
        admin_address,
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

    /// `GET {path}` on the admin's listener.
    pub async fn admin_get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.admin_address))
            .send()
            .await
            .expect("request sent")
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

    /// The app's own database pool (migrated when the app was built).
    pub async fn pool(&self) -> zerostep_server::store::Pool {
        self.state.services.pool.clone()
    }

    /// The database's URL.
    pub fn database_url(&self) -> String {
        self.state.services.config.database_url.clone()
    }
}
