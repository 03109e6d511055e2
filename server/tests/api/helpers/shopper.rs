//! The shopper's endpoints: health, products, quotes, orders and their abandonment.

use super::TestApp;

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
        self.order_request(key, "test-session", body)
            .send()
            .await
            .expect("request sent")
    }

    /// `POST /api/orders` with an idempotency key, from browser session
    /// `session`, to be sent (with more headers, or from another task).
    pub fn order_request(
        &self,
        key: &str,
        session: &str,
        body: &serde_json::Value,
    ) -> reqwest::RequestBuilder {
        self.client
            .post(format!("{}/api/orders", self.address))
            .header("Idempotency-Key", key)
            .header("X-Zerostep-Session", session)
            .json(body)
    }
}
