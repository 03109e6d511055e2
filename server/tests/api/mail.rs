//! Mail delivery through an SMTP relay: a minimal SMTP server on loopback
//! receives what the outbox holds.

use std::sync::{Arc, Mutex};

use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use zerostep_server::config::{SmtpConfig, SmtpTls};

use crate::helpers::spawn_app_with;

/// Accepts SMTP sessions and keeps each message's DATA.
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let received: Arc<Mutex<Vec<String>>> = Arc::default();
    let store = Arc::clone(&received);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                let _ = write.write_all(b"220 fake ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(buf) = data.as_mut() {
                        if line == "." {
                            if let Ok(mut s) = store.lock() {
                                s.push(std::mem::take(buf));
                            }
                            data = None;
                            let _ = write.write_all(b"250 queued\r\n").await;
                        } else {
                            buf.push_str(&line);
                            buf.push('\n');
                        }
                        continue;
                    }
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250-fake\r\n250 OK\r\n"
                    } else if upper.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    } else if upper.starts_with("QUIT") {
                        let _ = write.write_all(b"221 bye\r\n").await;
                        break;
                    } else {
                        b"250 OK\r\n"
                    };
                    let _ = write.write_all(reply).await;
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn the_outbox_is_delivered_through_the_configured_relay() {
    let (port, received) = fake_smtp().await;
    let app = spawn_app_with(|s| {
        s.smtp = Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: SmtpTls::None,
            username: None,
            password: None,
        });
    })
    .await;
    let body = crate::common::order_body(json!({"method": "bank_transfer"}), "taro@example.jp");
    assert_eq!(app.order("k-mail", &body).await.status(), 201);
    let mut delivered = 0;
    for _ in 0..100 {
        delivered = received.lock().map(|r| r.len()).unwrap_or(0);
        if delivered >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(delivered, 2, "サンクスメール and 受注通知メール");
    let all = received.lock().map(|r| r.join("\n")).unwrap_or_default();
    assert!(all.contains("To: taro@example.jp"), "{all}");
    assert!(all.contains("To: shop@example.jp"), "{all}");
    let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&app.pool().await)
        .await
        .expect("count");
    assert_eq!(unsent, 0);
}
