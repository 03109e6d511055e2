//! The HTTP client: typed requests in, typed replies or a typed error out.
//!
//! Every call is a form-encoded UTF-8 POST to the action's URL (protocol §2).
//! Fields are checked with [`crate::rules`] before anything is sent. A reply
//! with `returnCode=1` is a [`GatewayError`]; a timeout, a dropped
//! connection, a non-200 status or an unreadable body is a
//! [`TransportError`]: the outcome is unknown, and it is never a decline.

mod error;
mod send;
mod types;

use error::transport;
pub use error::{Error, GatewayError, TransportError, TransportKind};
use send::result_label;
pub use types::{
    A08Reply, Authorized, CreditToken, CreditToken3D, DeliveryService, DeviceDiv, ShipmentEntered,
    ThreeDRequest, ThreeDSecureStart, TradeInfo,
};

use std::time::Duration;

use crate::endpoints::{Action, Endpoints};
use crate::rules::{self, Form, Limits};
use crate::three_d::strip_cdata;
use crate::xml::ReturnDoc;

/// The authorization a successful A08 or A09 reports.
fn authorized(doc: &ReturnDoc, function_div: &str) -> Result<Authorized, Error> {
    let crd_c_res_cd = doc
        .get("crdCResCd")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            transport(
                TransportKind::BadReply,
                format!("{function_div} success without crdCResCd"),
            )
        })?;
    Ok(Authorized {
        crd_c_res_cd: crd_c_res_cd.to_owned(),
        return_date: doc.get("returnDate").unwrap_or_default().to_owned(),
    })
}

/// Client settings.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Where the gateway lives.
    pub endpoints: Endpoints,
    /// 加盟店コード.
    pub trader_code: String,
    /// How long to wait for a reply.
    pub timeout: Duration,
    /// Contract limits checked before sending.
    pub limits: Limits,
}

/// A Web Collect client.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
}

impl Client {
    /// A client for `config`.
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            // The gateway answers where it was asked: a redirect is not an
            // answer, and following one would send the form (token, buyer)
            // somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| transport(TransportKind::Connect, e))?;
        Ok(Client { http, config })
    }

    /// The same client for another 加盟店コード (the HTTP connection pool is shared).
    pub fn for_trader(&self, trader_code: &str) -> Client {
        let mut config = self.config.clone();
        config.trader_code = trader_code.to_owned();
        Client {
            http: self.http.clone(),
            config,
        }
    }

    /// The client's settings.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    fn base_form(&self, action: Action) -> Form {
        let mut form = Form::default();
        form.push("function_div", action.function_div());
        form.push("trader_code", self.config.trader_code.clone());
        form
    }

    /// Checks, sends and reads one call; `Ok` only for `returnCode=0`.
    /// Each call is counted by function and result
    /// (`zerostep_gateway_requests_total`) and timed
    /// (`zerostep_gateway_request_duration_seconds`) for the metrics.
    pub async fn call(&self, action: Action, form: Form) -> Result<ReturnDoc, Error> {
        let started = std::time::Instant::now();
        let result = self.send(action, form).await;
        let function = action.function_div();
        metrics::counter!("zerostep_gateway_requests_total", "function" => function, "result" => result_label(&result))
            .increment(1);
        metrics::histogram!("zerostep_gateway_request_duration_seconds", "function" => function)
            .record(started.elapsed().as_secs_f64());
        result
    }

    fn with_reserve(mut form: Form, reserve_1: Option<&str>) -> Form {
        if let Some(code) = reserve_1 {
            form.push("reserve_1", code);
        }
        form
    }

    /// A08 クレジット決済登録(トークン) without 3-D Secure. A reply that asks
    /// for an authentication (a 3-D Secure token) is a broken reply here.
    pub async fn credit_token(&self, req: &CreditToken) -> Result<Authorized, Error> {
        match self.a08(req, None).await? {
            A08Reply::Authorized(auth) => Ok(auth),
            A08Reply::ThreeDSecure(_) => Err(transport(
                TransportKind::BadReply,
                "A08 asked for 3-D Secure, but no trader_ec_url was sent",
            )),
        }
    }

    /// A08 with a token that may be a 3-D Secure one: `trader_ec_url` and
    /// the risk data are sent (and `trader_ec_url` checked first).
    pub async fn credit_token_3ds(
        &self,
        req: &CreditToken,
        three_d: &ThreeDRequest,
    ) -> Result<A08Reply, Error> {
        self.a08(req, Some(three_d)).await
    }

    async fn a08(
        &self,
        req: &CreditToken,
        three_d: Option<&ThreeDRequest>,
    ) -> Result<A08Reply, Error> {
        let mut form = self.base_form(Action::CreditToken);
        form.push("device_div", req.device_div.code());
        form.push("order_no", req.order_no.clone());
        form.push("settle_price", req.settle_price.to_string());
        form.push("buyer_name_kanji", req.buyer_name_kanji.clone());
        form.push("buyer_tel", req.buyer_tel.clone());
        form.push("buyer_email", req.buyer_email.clone());
        form.push("pay_way", req.pay_way.to_string());
        if let Some(goods) = &req.goods_name {
            form.push("goods_name", goods.clone());
        }
        form.push("token", req.token.clone());
        if let Some(three_d) = three_d {
            form.push("trader_ec_url", three_d.trader_ec_url.clone());
            rules::check_trader_ec_url(&form).map_err(Error::Invalid)?;
            for (name, value) in three_d.risk.fields() {
                form.push(&name, value);
            }
        }
        let doc = self
            .call(
                Action::CreditToken,
                Self::with_reserve(form, req.reserve_1.as_deref()),
            )
            .await?;
        let present = |name| doc.get(name).filter(|v| !v.is_empty());
        // Without 3-D Secure the two elements are absent or empty (§4.1).
        if let Some(html) = present("threeDAuthHtml") {
            let three_d_token = present("threeDToken")
                .filter(|t| {
                    t.len() == rules::THREE_D_TOKEN_LEN
                        && t.bytes().all(|b| b.is_ascii_alphanumeric())
                })
                .ok_or_else(|| {
                    transport(
                        TransportKind::BadReply,
                        "A08 threeDAuthHtml without a 32-character threeDToken",
                    )
                })?;
            return Ok(A08Reply::ThreeDSecure(ThreeDSecureStart {
                html: strip_cdata(html).to_owned(),
                three_d_token: three_d_token.to_owned(),
                return_date: doc.get("returnDate").unwrap_or_default().to_owned(),
            }));
        }
        authorized(&doc, "A08").map(A08Reply::Authorized)
    }

    /// A09 クレジット決済登録 3Dセキュア結果用(トークン): the return POST's
    /// fields unchanged, with the A08's order number and `threeDToken`.
    pub async fn credit_token_3d(&self, req: &CreditToken3D) -> Result<Authorized, Error> {
        let mut form = self.base_form(Action::CreditToken3D);
        form.push("order_no", req.order_no.clone());
        for (field, value) in req.result.fields() {
            form.push(field.param, value);
        }
        form.push("three_d_token", req.three_d_token.clone());
        let doc = self
            .call(
                Action::CreditToken3D,
                Self::with_reserve(form, req.reserve_1.as_deref()),
            )
            .await?;
        authorized(&doc, "A09")
    }

    fn order_form(&self, action: Action, order_no: &str) -> Form {
        let mut form = self.base_form(action);
        form.push("order_no", order_no);
        form
    }

    /// A06 クレジット決済取消.
    pub async fn credit_cancel(
        &self,
        order_no: &str,
        reserve_1: Option<&str>,
    ) -> Result<(), Error> {
        let form = Self::with_reserve(self.order_form(Action::CreditCancel, order_no), reserve_1);
        self.call(Action::CreditCancel, form).await.map(|_| ())
    }

    /// A07 クレジット金額変更.
    pub async fn credit_change_price(
        &self,
        order_no: &str,
        new_price: u64,
        reserve_1: Option<&str>,
    ) -> Result<(), Error> {
        let mut form = self.order_form(Action::CreditChangePrice, order_no);
        form.push("new_price", new_price.to_string());
        self.call(
            Action::CreditChangePrice,
            Self::with_reserve(form, reserve_1),
        )
        .await
        .map(|_| ())
    }

    /// A11 クレジット再与信.
    pub async fn re_auth(&self, order_no: &str, reserve_1: Option<&str>) -> Result<(), Error> {
        let form = Self::with_reserve(self.order_form(Action::ReAuth, order_no), reserve_1);
        self.call(Action::ReAuth, form).await.map(|_| ())
    }

    /// E01 出荷情報登録. Hyphens in a Yamato slip number are removed.
    pub async fn shipment_entry(
        &self,
        order_no: &str,
        slip_no: &str,
        service: DeliveryService,
        reserve_1: Option<&str>,
    ) -> Result<ShipmentEntered, Error> {
        let slip = match service {
            DeliveryService::Yamato => rules::normalize_slip(slip_no),
            DeliveryService::Other => slip_no.to_owned(),
        };
        let mut form = self.order_form(Action::ShipmentEntry, order_no);
        form.push("slip_no", slip);
        form.push("delivery_service_code", service.code());
        let doc = self
            .call(Action::ShipmentEntry, Self::with_reserve(form, reserve_1))
            .await?;
        let url = |name| doc.get(name).filter(|v| !v.is_empty()).map(str::to_owned);
        Ok(ShipmentEntered {
            slip_url_pc: url("slipUrlPc"),
            slip_url_mobile: url("slipUrlMobile"),
        })
    }

    /// E02 出荷情報取消.
    pub async fn shipment_cancel(
        &self,
        order_no: &str,
        slip_no: &str,
        reserve_1: Option<&str>,
    ) -> Result<(), Error> {
        let mut form = self.order_form(Action::ShipmentCancel, order_no);
        form.push("slip_no", rules::normalize_slip(slip_no));
        self.call(Action::ShipmentCancel, Self::with_reserve(form, reserve_1))
            .await
            .map(|_| ())
    }

    /// E04 取引情報照会: `None` when the gateway has no such order.
    pub async fn trade_info(&self, order_no: &str) -> Result<Option<TradeInfo>, Error> {
        let doc = self
            .call(
                Action::TradeInfo,
                self.order_form(Action::TradeInfo, order_no),
            )
            .await?;
        let Some(group) = doc.groups_named("resultData").next() else {
            return Ok(None);
        };
        let field = |name: &str| {
            group
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let number = |name: &str| -> Result<u64, Error> {
            field(name).and_then(|v| v.parse().ok()).ok_or_else(|| {
                transport(
                    TransportKind::BadReply,
                    format!("E04 resultData without a numeric {name}"),
                )
            })
        };
        Ok(Some(TradeInfo {
            order_no: field("orderNo").unwrap_or(order_no).to_owned(),
            status_info: u8::try_from(number("statusInfo")?)
                .map_err(|_| transport(TransportKind::BadReply, "statusInfo out of range"))?,
            settle_price: number("settlePrice")?,
            crd_c_res_cd: field("crdCResCd")
                .filter(|v| !v.is_empty())
                .map(str::to_owned),
            slip_nos: group
                .iter()
                .filter(|(k, v)| (k == "slipNo" || k == "extraSlipNo") && !v.is_empty())
                .map(|(_, v)| v.clone())
                .collect(),
            raw: group.to_vec(),
        }))
    }

    /// H01 グローバルIPアドレス照会.
    pub async fn trader_ip(&self) -> Result<String, Error> {
        let doc = self
            .call(Action::TraderIp, self.base_form(Action::TraderIp))
            .await?;
        Ok(doc.get("ipAddress").unwrap_or_default().to_owned())
    }
}
