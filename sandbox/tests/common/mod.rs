//! The sandbox on a free port with the real client, for the integration tests.
#![allow(dead_code)] // each test binary uses its own share of the helpers

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::{json, Value};
use zerostep_sandbox::{Config, Sandbox};
use zerostep_webcollect::rules::Limits;
use zerostep_webcollect::{
    Client, ClientConfig, CreditToken, DeviceDiv, Endpoints, Error, ErrorKind, GatewayMode,
};

pub struct Gateway {
    pub base: String,
    pub http: reqwest::Client,
    pub client: Client,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub async fn start_with(mut config: Config, timeout: Duration) -> Gateway {
    // The nightly window only where a test sets the clock: these tests pass at any hour.
    config.nightly_window = zerostep_sandbox::NightlyWindow::WhenClockSet;
    let sandbox = Sandbox::bind(SocketAddr::from(([127, 0, 0, 1], 0)), config)
        .await
        .expect("bind");
    let base = format!("http://{}", sandbox.local_addr().expect("addr"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(sandbox.serve(async {
        let _ = stopped.await;
    }));
    let client = Client::new(ClientConfig {
        endpoints: Endpoints::new(GatewayMode::Sandbox, &base),
        trader_code: "888888709".to_owned(),
        timeout,
        limits: Limits::default(),
    })
    .expect("client");
    Gateway {
        base,
        http: reqwest::Client::new(),
        client,
        _stop: stop,
    }
}

pub async fn start() -> Gateway {
    start_with(Config::default(), Duration::from_secs(10)).await
}

pub fn order(n: &str) -> String {
    format!("ZS-TEST-{n}")
}

impl Gateway {
    /// Issues a token the way embeddedTokenLib.js does.
    pub async fn token(&self, card_no: &str) -> String {
        self.token_for(card_no, "2").await
    }

    /// Issues a token with this 認証区分 (`3`: 3-D Secure and security code).
    pub async fn token_for(&self, card_no: &str, auth_div: &str) -> String {
        let check_sum = zerostep_sandbox::token::check_sum("", "", "1111111", auth_div);
        let reply: Value = self
            .http
            .post(format!("{}/api/token/issue", self.base))
            .json(&json!({
                "traderCode": "888888709", "authDiv": auth_div, "optServDiv": "00", "memberId": "", "authKey": "",
                "checkSum": check_sum, "cardNo": card_no, "cardOwner": "TARO YAMADA", "cardExp": "1240",
                "securityCode": "123"
            }))
            .send()
            .await
            .expect("token request")
            .json()
            .await
            .expect("token json");
        reply["token"]
            .as_str()
            .unwrap_or_else(|| panic!("no token: {reply}"))
            .to_owned()
    }

    pub fn a08(&self, order_no: &str, token: String, amount: u64) -> CreditToken {
        CreditToken {
            device_div: DeviceDiv::Pc,
            order_no: order_no.to_owned(),
            settle_price: amount,
            buyer_name_kanji: "山田　太郎".to_owned(),
            buyer_tel: "090-1234-5678".to_owned(),
            buyer_email: "taro@example.jp".to_owned(),
            pay_way: 1,
            goods_name: Some("静岡煎茶 深蒸し 100g".to_owned()),
            token,
            reserve_1: None,
        }
    }

    pub async fn authorize(
        &self,
        order_no: &str,
        card: &str,
        amount: u64,
    ) -> Result<String, Error> {
        let token = self.token(card).await;
        self.client
            .credit_token(&self.a08(order_no, token, amount))
            .await
            .map(|a| a.crd_c_res_cd)
    }

    pub async fn status(&self, order_no: &str) -> Option<u8> {
        self.client
            .trade_info(order_no)
            .await
            .expect("E04")
            .map(|t| t.status_info)
    }

    /// `GET /__sandbox/stats`: what the gateway did, and the tokens it keeps.
    pub async fn stats(&self) -> Value {
        self.http
            .get(format!("{}/__sandbox/stats", self.base))
            .send()
            .await
            .expect("stats")
            .json()
            .await
            .expect("json")
    }

    pub async fn control(&self, path: &str, body: Value) -> reqwest::Response {
        self.http
            .post(format!("{}/__sandbox/{path}", self.base))
            .json(&body)
            .send()
            .await
            .expect("control call")
    }

    pub async fn fault(&self, action: &str, mode: &str, extra: Value) {
        let mut body = json!({"action": action, "mode": mode});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        let response = self.control("faults", body).await;
        assert_eq!(response.status(), 204, "fault accepted");
    }

    pub async fn set_jst(&self, time: &str) {
        let response = self
            .control("clock", json!({"now": format!("{time}+09:00")}))
            .await;
        assert_eq!(response.status(), 200);
    }

    pub async fn raw(&self, path: &str, form: &[(&str, &str)]) -> String {
        self.http
            .post(format!("{}{path}", self.base))
            .form(form)
            .send()
            .await
            .expect("post")
            .text()
            .await
            .expect("body")
    }
}

pub fn gateway_code(
    result: Result<impl std::fmt::Debug, Error>,
) -> (String, Option<String>, ErrorKind) {
    match result {
        Err(Error::Gateway(g)) => (g.code, g.credit_error_code, g.kind),
        other => panic!("expected a gateway error, got {other:?}"),
    }
}

/// A valid Yamato slip number from an 11-digit body.
pub fn yamato_slip(body: u64) -> String {
    format!("{body:011}{}", body % 7)
}
