//! The binary `cargo xtask dist` packs, as a shop installs it: copied alone
//! into an empty folder and started there with nothing but a few settings,
//! it serves the checkout, the admin and the widget from inside itself
//! (precompressed), autofills an address from the postal data it carries,
//! and sells through the sandbox it hosts. `cargo xtask test`'s `dist`
//! layer builds the package and runs this with `ZEROSTEP_PACKED` naming it.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

// Shared with the API suite, which uses all of it.
#[allow(dead_code)]
mod common;
#[allow(dead_code)]
#[path = "support/instances.rs"]
mod instances;

use instances::listening;

/// The packed binary, killed when dropped.
struct Packed(Child);

impl Drop for Packed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
#[ignore = "needs the package (ZEROSTEP_PACKED): the dist layer of cargo xtask test runs it"]
async fn the_packed_binary_alone_in_an_empty_folder_serves_the_shop_and_sells() {
    let packed = PathBuf::from(
        std::env::var_os("ZEROSTEP_PACKED").expect("ZEROSTEP_PACKED names the package"),
    );
    for file in [
        "zerostep-server",
        "zerostep.toml.example",
        "zerostep.service",
    ] {
        assert!(packed.join(file).is_file(), "{file} is packed");
    }
    let folder = tempfile::tempdir().expect("an empty folder");
    let binary = folder.path().join("zerostep-server");
    std::fs::copy(packed.join("zerostep-server"), &binary).expect("copied alone");
    let log_path = folder.path().join("server.log");
    let log = std::fs::File::create(&log_path).expect("log");
    let child = Command::new(&binary)
        .current_dir(folder.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("ZEROSTEP_PORT", "0")
        .env("ZEROSTEP_ADMIN_PORT", "0")
        .env("ZEROSTEP_SANDBOX_LISTEN", "127.0.0.1:0")
        .env("ZEROSTEP_ADMIN_PASSWORD", "packed-admin-password")
        .stdout(Stdio::from(log.try_clone().expect("log")))
        .stderr(Stdio::from(log))
        .spawn()
        .expect("the packed binary starts");
    let _server = Packed(child);
    // The postal data is imported before it listens: give it time.
    let deadline = Instant::now() + Duration::from_secs(120);
    let (shop, admin, sandbox) = loop {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        if let (Some(shop), Some(admin), Some(sandbox)) = (
            listening(&text, "zerostep-server"),
            listening(&text, "zerostep-admin"),
            listening(&text, "zerostep-sandbox"),
        ) {
            break (shop, admin, sandbox);
        }
        assert!(Instant::now() < deadline, "it did not start:\n{text}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let client = reqwest::Client::new();
    let get = |url: String, encoding: &'static str| {
        let client = client.clone();
        async move {
            client
                .get(url)
                .header("accept-encoding", encoding)
                .send()
                .await
                .expect("answered")
        }
    };

    // The checkout's page and module, from inside the binary, precompressed.
    let page = get(format!("{shop}/"), "identity").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("zerostep-checkout"), "{html}");
    let wasm = html
        .split('"')
        .find(|s| s.ends_with("_bg.wasm"))
        .unwrap_or_else(|| panic!("the page names its module: {html}"))
        .to_owned();
    let module = get(format!("{shop}{wasm}"), "br").await;
    assert_eq!(module.status(), 200, "{wasm}");
    assert_eq!(
        module
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("br"),
        "sent as the .br written at build time"
    );
    let admin_page = get(format!("{admin}/admin/"), "identity").await;
    assert_eq!(admin_page.status(), 200);
    assert!(admin_page.text().await.expect("html").contains("<html"));
    let loader = get(format!("{shop}/embed.js"), "identity").await;
    assert_eq!(loader.status(), 200);
    assert!(loader.text().await.expect("js").contains("/embed/"));

    // Japan Post's data came with it.
    let postal = get(format!("{shop}/api/postal-codes/1000001"), "identity").await;
    assert_eq!(postal.status(), 200, "postal autofill works");

    // A purchase through the sandbox it hosts.
    let minted: Value = client
        .post(format!("{sandbox}/__sandbox/tokens"))
        .json(&json!({"card_no": "4111111111111111"}))
        .send()
        .await
        .expect("minted")
        .json()
        .await
        .expect("json");
    let token = minted["tokens"][0].as_str().expect("a token");
    let order = client
        .post(format!("{shop}/api/orders"))
        .header("Idempotency-Key", format!("{:-<32}", "packed-order"))
        .header("X-Zerostep-Session", "packed")
        .json(&common::order_body(common::card(token), "taro@example.jp"))
        .send()
        .await
        .expect("answered");
    let status = order.status();
    let body: Value = order.json().await.expect("json");
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["outcome"], "complete", "{body}");

    // What it wrote stays in its own folder: the database, and the parts it carries.
    assert!(folder.path().join("data/zerostep.db").is_file());
    let bundle = folder.path().join("data/bundle");
    let builds: Vec<_> = std::fs::read_dir(&bundle)
        .expect("written out")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(builds.len(), 1, "one build, nothing partial");
}
