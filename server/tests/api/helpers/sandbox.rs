//! The sandbox's control API: tokens for test cards, faults, and its view of a transaction.

use super::TestApp;

impl TestApp {
    /// The sandbox's base URL.
    pub fn sandbox(&self) -> String {
        format!("http://127.0.0.1:{}", self.sandbox_port)
    }

    /// Mints a token for `card_no` through the sandbox's control API.
    pub async fn token(&self, card_no: &str) -> String {
        self.token_with(card_no, "2").await
    }

    /// Mints a token with this authDiv (`3`: 3-D Secure and security code).
    pub async fn token_with(&self, card_no: &str, auth_div: &str) -> String {
        let minted: serde_json::Value = self
            .client
            .post(format!("{}/__sandbox/tokens", self.sandbox()))
            .json(&serde_json::json!({"card_no": card_no, "auth_div": auth_div}))
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

    /// The parcel with `slip_no` scanned at pickup: the sale settles.
    pub async fn scan(&self, slip_no: &str) {
        let response = self
            .client
            .post(format!("{}/__sandbox/scan/{slip_no}", self.sandbox()))
            .send()
            .await
            .expect("scan");
        assert_eq!(response.status(), 200);
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
}
