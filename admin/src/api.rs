//! The admin SPA's one client of `/api/admin/...`: one function per
//! endpoint, taking and giving the shapes of `zerostep_domain::api::admin`,
//! so components never build a path or parse JSON. The session cookie
//! travels by itself (same origin); state-changing calls add the session's
//! CSRF token.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zerostep_domain::api::admin::{
    AmountRequest, BasicSettings, CardSettings, CardSettingsView, DeliverySettings, OrderDetail,
    OrderRow, OutboxMail, PaymentAttempt, PaymentMethodSummary, SlipRequest,
};
use zerostep_domain::api::{ApiErrorBody, ErrorCode};

use crate::text;

/// A failed call, with the server's code and message as received.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// Stable code (`not_authenticated`, `gateway_refused`, …).
    pub code: ErrorCode,
    /// The message to show (both languages, as the admin shows them).
    pub message: String,
}

pub(crate) fn network(e: impl std::fmt::Display) -> ApiError {
    ApiError {
        code: ErrorCode::Network,
        message: text::shown(&text::unreachable(&e.to_string())),
    }
}

/// The logged-in session.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Session {
    /// Login name.
    pub login: String,
    /// CSRF token for state-changing calls.
    pub csrf_token: String,
    /// The password was made by the server or another admin: nothing else
    /// works until the admin chooses their own.
    #[serde(default)]
    pub must_change_password: bool,
}

/// The app's session, known to the client so that a session the server
/// ended (15 idle minutes, another browser's 「終了」) brings the login back
/// from whichever screen noticed it.
static SESSION: std::sync::OnceLock<leptos::prelude::RwSignal<Option<Session>>> =
    std::sync::OnceLock::new();

/// Tells the client the app's session signal (once, at the root).
pub fn watch_session(session: leptos::prelude::RwSignal<Option<Session>>) {
    let _ = SESSION.set(session);
}

async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    let error = response
        .json::<ApiErrorBody>()
        .await
        .map(|b| ApiError {
            code: b.code,
            message: text::shown(&b.message),
        })
        .unwrap_or_else(|_| ApiError {
            code: ErrorCode::BadResponse,
            message: format!("HTTP {status}"),
        });
    if error.code == ErrorCode::NotAuthenticated {
        if let Some(session) = SESSION.get() {
            leptos::prelude::Set::set(session, None);
        }
    }
    error
}

pub(crate) async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        response.json::<T>().await.map_err(network)
    } else {
        Err(error_of(response).await)
    }
}

/// `Ok(())` on any 2xx, else the server's error.
async fn nothing_or_error(response: Response) -> Result<(), ApiError> {
    if response.ok() {
        Ok(())
    } else {
        Err(error_of(response).await)
    }
}

/// `GET` a JSON resource.
pub(crate) async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(
        Request::get(&format!("/api/admin{path}"))
            .send()
            .await
            .map_err(network)?,
    )
    .await
}

/// Sends JSON with the CSRF token (the builder names the method); `Ok(())` on any 2xx.
async fn send_json(
    request: gloo_net::http::RequestBuilder,
    csrf: &str,
    body: &impl Serialize,
) -> Result<(), ApiError> {
    let response = request
        .header("X-CSRF-Token", csrf)
        .json(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    nothing_or_error(response).await
}

/// `POST` with the CSRF token; `Ok(())` on any 2xx.
pub(crate) async fn post(path: &str, csrf: &str, body: &impl Serialize) -> Result<(), ApiError> {
    send_json(Request::post(&format!("/api/admin{path}")), csrf, body).await
}

/// `PUT` JSON with the CSRF token; `Ok(())` on any 2xx.
async fn put(path: &str, csrf: &str, body: &impl Serialize) -> Result<(), ApiError> {
    send_json(Request::put(&format!("/api/admin{path}")), csrf, body).await
}

/// `POST` JSON with the CSRF token, and the JSON it answers.
pub(crate) async fn post_for<T: DeserializeOwned>(
    path: &str,
    csrf: &str,
    body: &impl Serialize,
) -> Result<T, ApiError> {
    let response = Request::post(&format!("/api/admin{path}"))
        .header("X-CSRF-Token", csrf)
        .json(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    decode(response).await
}

/// `GET /api/admin/session`: `None` when not logged in.
pub async fn session() -> Result<Option<Session>, ApiError> {
    match get::<Session>("/session").await {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.code == ErrorCode::NotAuthenticated => Ok(None),
        Err(e) => Err(e),
    }
}

/// `POST /api/admin/logout`.
pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    post("/logout", csrf, &serde_json::json!({})).await
}

/// 受注一覧's filters, each sent only when not blank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderFilter {
    /// 注文番号, 受付番号 or part of the buyer's name or e-mail.
    pub q: String,
    /// A payment status key (`PaymentStatus::as_str`).
    pub status: String,
    /// A payment method code.
    pub payment_method: String,
    /// Ordered on or after (`YYYY-MM-DD`).
    pub from: String,
    /// Ordered on or before (`YYYY-MM-DD`).
    pub to: String,
}

/// `GET /api/admin/orders` with `filter`.
pub async fn orders(filter: &OrderFilter) -> Result<Vec<OrderRow>, ApiError> {
    let pairs = [
        ("q", &filter.q),
        ("status", &filter.status),
        ("payment_method", &filter.payment_method),
        ("from", &filter.from),
        ("to", &filter.to),
    ];
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| {
            format!(
                "{k}={}",
                String::from(js_sys::encode_uri_component(v.trim()))
            )
        })
        .collect();
    let query = if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    };
    get(&format!("/orders{query}")).await
}

/// `GET /api/admin/orders/{number}`: 受注明細.
pub async fn order(number: &str) -> Result<OrderDetail, ApiError> {
    get(&format!("/orders/{}", encode(number))).await
}

/// A payment operation on an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderOperation {
    /// 問い合わせ番号 → E01.
    Ship(SlipRequest),
    /// 出荷情報取消 (E02): withdraws the slip.
    WithdrawSlip,
    /// 再与信 (A11).
    Reauthorize,
    /// 取消を取り消して再与信 (A11 on a cancelled order).
    UndoCancel,
    /// 取消 (A06).
    Cancel,
    /// 金額変更 (A07).
    ChangeAmount(AmountRequest),
    /// 状態を更新 (E04).
    Sync,
    /// 配送通知メールを送信.
    ShippingNotice,
}

/// `POST /api/admin/orders/{number}/…`: one payment operation.
pub async fn operate(csrf: &str, number: &str, operation: &OrderOperation) -> Result<(), ApiError> {
    let base = format!("/orders/{}", encode(number));
    match operation {
        OrderOperation::Ship(slip) => post(&format!("{base}/shipment"), csrf, slip).await,
        OrderOperation::Reauthorize => {
            post(&format!("{base}/reauth"), csrf, &serde_json::json!({})).await
        }
        OrderOperation::WithdrawSlip => {
            post(
                &format!("{base}/shipment/withdraw"),
                csrf,
                &serde_json::json!({}),
            )
            .await
        }
        OrderOperation::UndoCancel => {
            post(&format!("{base}/undo-cancel"), csrf, &serde_json::json!({})).await
        }
        OrderOperation::Cancel => {
            post(&format!("{base}/cancel"), csrf, &serde_json::json!({})).await
        }
        OrderOperation::ChangeAmount(amount) => post(&format!("{base}/amount"), csrf, amount).await,
        OrderOperation::Sync => post(&format!("{base}/sync"), csrf, &serde_json::json!({})).await,
        OrderOperation::ShippingNotice => {
            post(
                &format!("{base}/shipping-notice"),
                csrf,
                &serde_json::json!({}),
            )
            .await
        }
    }
}

/// `GET /api/admin/settings/card`.
pub async fn card_settings() -> Result<CardSettingsView, ApiError> {
    get("/settings/card").await
}

/// `GET /api/admin/settings/basic`.
pub async fn basic_settings() -> Result<BasicSettings, ApiError> {
    get("/settings/basic").await
}

/// `PUT /api/admin/settings/basic`.
pub async fn save_basic_settings(csrf: &str, settings: &BasicSettings) -> Result<(), ApiError> {
    put("/settings/basic", csrf, settings).await
}

/// `PUT /api/admin/settings/card`.
pub async fn save_card_settings(csrf: &str, settings: &CardSettings) -> Result<(), ApiError> {
    put("/settings/card", csrf, settings).await
}

/// `PUT /api/admin/settings/card/logo` with the image's bytes.
pub async fn upload_logo(csrf: &str, bytes: js_sys::Uint8Array) -> Result<(), ApiError> {
    let response = Request::put("/api/admin/settings/card/logo")
        .header("X-CSRF-Token", csrf)
        .body(bytes)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    nothing_or_error(response).await
}

/// `DELETE /api/admin/settings/card/logo`: 「画像削除」.
pub async fn delete_logo(csrf: &str) -> Result<(), ApiError> {
    let response = Request::delete("/api/admin/settings/card/logo")
        .header("X-CSRF-Token", csrf)
        .send()
        .await
        .map_err(network)?;
    nothing_or_error(response).await
}

/// `GET /api/admin/settings/delivery`.
pub async fn delivery_settings() -> Result<Vec<DeliverySettings>, ApiError> {
    get("/settings/delivery").await
}

/// `POST /api/admin/settings/delivery`: adds a delivery method.
pub async fn add_delivery(csrf: &str, settings: &DeliverySettings) -> Result<(), ApiError> {
    post("/settings/delivery", csrf, settings).await
}

/// `DELETE /api/admin/settings/delivery/{code}`.
pub async fn delete_delivery(csrf: &str, code: &str) -> Result<(), ApiError> {
    let response = Request::delete(&format!("/api/admin/settings/delivery/{}", encode(code)))
        .header("X-CSRF-Token", csrf)
        .send()
        .await
        .map_err(network)?;
    nothing_or_error(response).await
}

/// `GET /api/admin/settings/payment-methods`.
pub async fn payment_methods() -> Result<Vec<PaymentMethodSummary>, ApiError> {
    get("/settings/payment-methods").await
}

/// 「他社連携」: puts the card method on the shop's list (`true`) or takes it off.
pub async fn link_card(csrf: &str, linked: bool) -> Result<(), ApiError> {
    let path = "/api/admin/settings/payment-methods/card/link";
    let request = if linked {
        Request::put(path)
    } else {
        Request::delete(path)
    };
    let response = request
        .header("X-CSRF-Token", csrf)
        .send()
        .await
        .map_err(network)?;
    nothing_or_error(response).await
}

/// `PUT /api/admin/settings/delivery/{code}`.
pub async fn save_delivery_settings(
    csrf: &str,
    settings: &DeliverySettings,
) -> Result<(), ApiError> {
    put(
        &format!("/settings/delivery/{}", encode(&settings.code)),
        csrf,
        settings,
    )
    .await
}

/// `GET /api/admin/outbox`.
pub async fn outbox() -> Result<Vec<OutboxMail>, ApiError> {
    get("/outbox").await
}

/// `GET /api/admin/payment-errors`: 決済エラー履歴.
pub async fn payment_errors() -> Result<Vec<PaymentAttempt>, ApiError> {
    get("/payment-errors").await
}

/// `GET /api/admin/csp-reports`: 改ざん検知.
pub async fn csp_reports() -> Result<Vec<zerostep_domain::api::csp::CspReport>, ApiError> {
    get("/csp-reports").await
}

/// A path segment, percent-encoded.
pub(crate) fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}
