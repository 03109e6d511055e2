//! Connections (security review M7): a client that sends its request head
//! slowly, or keeps a connection idle, is cut off at the header-read
//! timeout, and at most `max_connections` are served at once, so slow
//! clients cannot hold the shop for longer than that.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{spawn_app_with, TestApp};

async fn app_with_limits() -> TestApp {
    spawn_app_with(|c| {
        c.header_read_timeout_secs = 1;
        c.max_connections = 3;
    })
    .await
}

async fn connect(app: &TestApp) -> TcpStream {
    let address = app.address.trim_start_matches("http://");
    TcpStream::connect(address).await.expect("connected")
}

/// Whether the server closes `stream` within `within` (reads to its end).
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test]
async fn slowloris_clients_are_cut_off_and_a_shopper_is_answered() {
    let app = app_with_limits().await;
    // Three clients take every slot, each with half a request head; one
    // trickles a header line every 200 ms, as slowloris does.
    let mut slow = Vec::new();
    for _ in 0..3 {
        let mut stream = connect(&app).await;
        stream
            .write_all(b"GET /api/health HTTP/1.1\r\nHost: shop\r\n")
            .await
            .expect("written");
        slow.push(stream);
    }
    let mut trickler = slow.pop().expect("three");
    let trickle = tokio::spawn(async move {
        for i in 0..50 {
            let line = format!("X-Slow-{i}: a\r\n");
            if trickler.write_all(line.as_bytes()).await.is_err() {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        false
    });
    // A shopper still gets an answer: the slow clients' slots free up at
    // the timeout. Not before it: the cap held the fourth connection back
    // (without one, it would be answered at once).
    let asked = std::time::Instant::now();
    let health = tokio::time::timeout(Duration::from_secs(10), app.health())
        .await
        .expect("answered while slow clients held every connection");
    assert_eq!(health.status(), 200);
    assert!(
        asked.elapsed() >= Duration::from_millis(500),
        "answered after {:?}: no connection cap",
        asked.elapsed()
    );
    for stream in &mut slow {
        assert!(
            closed_within(stream, Duration::from_secs(5)).await,
            "a slow head is cut off"
        );
    }
    assert!(
        trickle.await.expect("trickler"),
        "trickling header lines does not keep the connection"
    );
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let app = app_with_limits().await;
    let mut stream = connect(&app).await;
    stream
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: shop\r\n\r\n")
        .await
        .expect("written");
    let mut answer = vec![0u8; 4096];
    let n = stream.read(&mut answer).await.expect("an answer");
    assert!(
        answer[..n].starts_with(b"HTTP/1.1 200"),
        "{:?}",
        String::from_utf8_lossy(&answer[..n])
    );
    // The connection is kept alive, then closed once idle past the timeout.
    assert!(closed_within(&mut stream, Duration::from_secs(5)).await);
}
