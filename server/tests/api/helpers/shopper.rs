//! The shopper's endpoints: health, products, quotes, orders and their abandonment.

use super::TestApp;

/// The idempotency key a test names `name`: padded with `-` to the 32
/// characters the server asks for at least.
pub fn key(name: &str) -> String {
    format!("{name:-<32}")
}

impl TestApp {
    /// `GET /api/health`.
    pub async fn health(&self) -> reqwest::Response {
        self.get("/api/health").await
    }

    /// `GET /api/products`.
    pub async fn products(&self) -> reqwest::Response {
        self.get("/api/products").await
    }

    /// `POST /api/quotes`.
    pub async fn quote(&self, body: serde_json::Value) -> reqwest::Response {
        self.post_json("/api/quotes", &body).await
    }

    /// `POST /api/orders/abandon` with the idempotency key `name` (see
    /// [`key`]), from no session.
    pub async fn abandon(&self, name: &str) -> reqwest::Response {
        self.abandon_from(name, "").await
    }

    /// `POST /api/orders/abandon` with the idempotency key `name`, from
    /// browser session `session`.
    pub async fn abandon_from(&self, name: &str, session: &str) -> reqwest::Response {
        self.client
            .post(format!("{}/api/orders/abandon", self.address))
            .header("Idempotency-Key", key(name))
            .header("X-Zerostep-Session", session)
            .send()
            .await
            .expect("request sent")
    }

    /// `GET /api/checkout/config`: the settings the purchase page reads.
    pub async fn checkout_config(&self) -> serde_json::Value {
        self.get("/api/checkout/config")
            .await
            .json()
            .await
            .expect("json")
    }

    /// A session the server issued, as the purchase page gets it
    /// (`GET /api/checkout/config`).
    pub async fn shopper_session(&self) -> String {
        self.session_presenting("").await
    }

    /// The session `GET /api/checkout/config` answers a page presenting
    /// `presented` (`X-Zerostep-Session`; empty: none) with. The answer is
    /// never stored by a cache.
    pub async fn session_presenting(&self, presented: &str) -> String {
        let response = self
            .client
            .get(format!("{}/api/checkout/config", self.address))
            .header("X-Zerostep-Session", presented)
            .send()
            .await
            .expect("sent");
        assert_no_store(&response);
        let config: serde_json::Value = response.json().await.expect("json");
        config["session"].as_str().expect("a session").to_owned()
    }
}

/// The answer is the requester's own: `Cache-Control: no-store`.
pub fn assert_no_store(response: &reqwest::Response) {
    let cache = response.headers().get("cache-control");
    assert_eq!(cache.and_then(|v| v.to_str().ok()), Some("no-store"));
}

impl TestApp {
    /// `POST /api/orders` with the idempotency key `name` (see [`key`]),
    /// from a session the server issued, as the purchase page sends it.
    pub async fn order(&self, name: &str, body: &serde_json::Value) -> reqwest::Response {
        let session = self.shopper_session().await;
        self.order_request(name, &session, body)
            .send()
            .await
            .expect("request sent")
    }

    /// `POST /api/orders` with the idempotency key `name` (see [`key`]),
    /// from browser session `session`, to be sent (with more headers, or
    /// from another task).
    pub fn order_request(
        &self,
        name: &str,
        session: &str,
        body: &serde_json::Value,
    ) -> reqwest::RequestBuilder {
        self.client
            .post(format!("{}/api/orders", self.address))
            .header("Idempotency-Key", key(name))
            .header("X-Zerostep-Session", session)
            .json(body)
    }
}
