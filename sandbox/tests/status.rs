//! The sandbox answers on its own port.

use std::net::SocketAddr;

use zerostep_sandbox::{Config, Sandbox};

#[tokio::test]
async fn answers_with_its_status_on_its_port() {
    let sandbox = Sandbox::bind(SocketAddr::from(([127, 0, 0, 1], 0)), Config::default())
        .await
        .expect("bind");
    let addr = sandbox.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(sandbox.serve(async {
        let _ = stopped.await;
    }));

    let status: serde_json::Value = reqwest::get(format!("http://{addr}/"))
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(status["service"], "zerostep-sandbox");
    assert_eq!(status["traders"], serde_json::json!(["888888709"]));
    let health = reqwest::get(format!("http://{addr}/__sandbox/health"))
        .await
        .expect("request");
    assert_eq!(health.status(), 200);

    let _ = stop.send(());
    server.await.expect("join").expect("clean shutdown");
}
