//! The gateway API: `/api/<action>` and `/test_gateway/<action>.api`.
//!
//! POST only, form-encoded UTF-8, HTTP 200 with the XML `<return>` document
//! whatever the outcome (protocol §2). Field rules come from
//! `zerostep_webcollect::rules`, the transitions from protocol §7.2.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rand::Rng;
use zerostep_webcollect::rules::{self, Form, Limits};
use zerostep_webcollect::xml::ReturnDoc;
use zerostep_webcollect::Action;

use crate::cards::{company_code, scenario, Scenario};
use crate::state::{gateway_time, FaultMode, Slip, State as Memory, Txn};
use crate::Shared;

/// How long a token lives.
const TOKEN_TTL_MINUTES: i64 = 30;
/// Most slips per order.
const MAX_SLIPS: usize = 99;
/// How long `timeout` holds its answer unless told otherwise.
const DEFAULT_TIMEOUT_MS: u64 = 120_000;

/// `POST /api/{action}`.
pub async fn production_style(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    Path(action): Path<String>,
    body: Bytes,
) -> Response {
    handle(shared, peer, method, &action, body).await
}

/// `POST /test_gateway/{action}.api`.
pub async fn test_style(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    Path(file): Path<String>,
    body: Bytes,
) -> Response {
    match file.strip_suffix(".api") {
        Some(action) => handle(shared, peer, method, action, body).await,
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn xml(doc: &ReturnDoc) -> Response {
    (
        [(header::CONTENT_TYPE, "text/xml; charset=UTF-8")],
        doc.to_xml(),
    )
        .into_response()
}

fn base(now: DateTime<Utc>, code: &str) -> ReturnDoc {
    let mut doc = ReturnDoc::default();
    doc.push("returnCode", if code.is_empty() { "0" } else { "1" });
    doc.push("errorCode", code);
    doc.push("returnDate", gateway_time(now));
    doc
}

/// Removes an order from the in-flight set when the request ends, however it ends.
struct InFlight {
    shared: Shared,
    key: (String, String),
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.shared.lock().in_flight.remove(&self.key);
    }
}

async fn handle(
    shared: Shared,
    peer: SocketAddr,
    method: Method,
    path: &str,
    body: Bytes,
) -> Response {
    let now = shared.lock().clock.now();
    if method != Method::POST {
        return xml(&base(now, "Z012000001"));
    }
    // An action this gateway does not offer (A09 3-D Secure, card-on-file
    // registration, …) is refused in-band, as every error is (protocol §2, §9).
    let Some(action) = Action::from_path(path) else {
        return xml(&base(now, "Z012000003"));
    };
    let form = Form::from_urlencoded(&body);
    match form.get("function_div") {
        None => return xml(&base(now, "Z012000002")),
        Some(fd) if fd != action.function_div() => return xml(&base(now, "Z012000003")),
        Some(_) => {}
    }
    if let Some(code) = form.get("trader_code") {
        if shared.config.trader(code).is_none() {
            return xml(&base(now, "Z012000007"));
        }
    }

    let fault = shared.lock().take_fault(action.path());
    let mut apply_first = false;
    if let Some(fault) = &fault {
        match fault.mode {
            FaultMode::Maintenance => return xml(&base(now, "Z010000000")),
            FaultMode::InFlight => return xml(&base(now, "Z012000004")),
            FaultMode::Http500 | FaultMode::Malformed | FaultMode::Reset if !fault.apply => {
                return fault_response(fault.mode);
            }
            FaultMode::Timeout | FaultMode::Http500 | FaultMode::Malformed | FaultMode::Reset => {
                apply_first = true
            }
            FaultMode::Delay => {}
        }
    }

    // A08s for one order may not overlap (Z012000004).
    let trader = form.get("trader_code").unwrap_or_default().to_owned();
    let order_no = form.get("order_no").unwrap_or_default().to_owned();
    let in_flight = if action == Action::CreditToken && !order_no.is_empty() {
        let key = (trader.clone(), order_no.clone());
        if !shared.lock().in_flight.insert(key.clone()) {
            return xml(&base(now, "Z012000004"));
        }
        Some(InFlight {
            shared: shared.clone(),
            key,
        })
    } else {
        None
    };
    let delay = fault
        .as_ref()
        .filter(|f| f.mode == FaultMode::Delay)
        .map(|f| f.delay_ms);

    // Like a real gateway, a call keeps going when the caller hangs up: the
    // work runs in its own task, so a client that timed out during a delay
    // still finds its A08 authorized later (and E04 meanwhile finds nothing).
    let worker_shared = shared.clone();
    let work = tokio::spawn(async move {
        let _in_flight = in_flight;
        if let Some(ms) = delay {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        let mut memory = worker_shared.lock();
        let now = memory.clock.now();
        let doc = process(&worker_shared, &mut memory, action, &form, peer, now);
        if !order_no.is_empty() {
            let result = doc
                .get("errorCode")
                .filter(|c| !c.is_empty())
                .unwrap_or("ok")
                .to_owned();
            memory.record(&trader, &order_no, action.function_div(), &result);
        }
        doc
    });
    let Ok(doc) = work.await else {
        return xml(&base(now, "Z019999999"));
    };

    match fault {
        Some(fault) if apply_first && fault.mode == FaultMode::Timeout => {
            let wait = if fault.delay_ms == 0 {
                DEFAULT_TIMEOUT_MS
            } else {
                fault.delay_ms
            };
            tokio::time::sleep(Duration::from_millis(wait)).await;
            xml(&doc)
        }
        Some(fault) if apply_first => fault_response(fault.mode),
        _ => xml(&doc),
    }
}

fn fault_response(mode: FaultMode) -> Response {
    match mode {
        FaultMode::Http500 => (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response(),
        FaultMode::Malformed => (
            [(header::CONTENT_TYPE, "text/xml; charset=UTF-8")],
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<return>\n  <returnCode>0</returnCode>\n  <errorCode>",
        )
            .into_response(),
        _ => {
            // Headers go out, then the body fails: the connection is cut mid-reply.
            let stream = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "sandbox fault: reset"))
            });
            ([(header::CONTENT_TYPE, "text/xml; charset=UTF-8")], Body::from_stream(stream)).into_response()
        }
    }
}

fn process(
    shared: &Shared,
    memory: &mut Memory,
    action: Action,
    form: &Form,
    peer: SocketAddr,
    now: DateTime<Utc>,
) -> ReturnDoc {
    if let Some(forced) = form.get("reserve_1") {
        return base(now, forced);
    }
    let limits = form
        .get("trader_code")
        .and_then(|t| shared.config.trader(t))
        .map_or_else(Limits::default, |t| Limits {
            max_amount: t.max_amount,
        });
    let checked = match action {
        Action::CreditToken => rules::check_credit_token(form, limits),
        Action::CreditChangePrice => rules::check_change_price(form, limits),
        Action::ShipmentEntry => rules::check_shipment_entry(form),
        Action::ShipmentCancel => rules::check_shipment_cancel(form),
        Action::TraderIp => rules::check_trader_ip(form),
        Action::CreditCancel | Action::ReAuth | Action::TradeInfo => {
            rules::check_order_ref(action.function_div(), form)
        }
    };
    if let Err(err) = checked {
        let mut doc = base(now, &err.code);
        if action == Action::CreditToken {
            add_credit_fields(&mut doc, "", "");
        }
        return doc;
    }
    let trader = form.get("trader_code").unwrap_or_default().to_owned();
    let order_no = form.get("order_no").unwrap_or_default().to_owned();
    let key = (trader.clone(), order_no.clone());
    match action {
        Action::CreditToken => credit_token(shared, memory, form, key, now),
        Action::CreditCancel => credit_cancel(shared, memory, &key, now),
        Action::CreditChangePrice => change_price(shared, memory, form, &key, now),
        Action::ReAuth => re_auth(shared, memory, &key, now),
        Action::ShipmentEntry => shipment_entry(memory, form, &key, now),
        Action::ShipmentCancel => shipment_cancel(memory, form, &key, now),
        Action::TradeInfo => trade_info(memory, &key, now),
        Action::TraderIp => {
            let mut doc = base(now, "");
            doc.push("ipAddress", peer.ip().to_string());
            doc
        }
    }
}

/// The common reply plus `creditErrorCode` (A07, A11).
fn with_credit_code(now: DateTime<Utc>, code: &str, credit: &str) -> ReturnDoc {
    let mut doc = base(now, code);
    doc.push("creditErrorCode", credit);
    doc
}

fn add_credit_fields(doc: &mut ReturnDoc, crd_c_res_cd: &str, credit_error_code: &str) {
    doc.push("crdCResCd", crd_c_res_cd);
    doc.push("creditErrorCode", credit_error_code);
    doc.push("threeDAuthHtml", "");
    doc.push("threeDToken", "");
}

fn approval_number() -> String {
    format!("{:07}", rand::rng().random_range(0..10_000_000u32))
}

fn credit_token(
    shared: &Shared,
    memory: &mut Memory,
    form: &Form,
    key: (String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let fail = |code: &str, credit: &str| {
        let mut doc = base(now, code);
        add_credit_fields(&mut doc, "", credit);
        doc
    };
    if memory.txns.contains_key(&key) {
        return fail("A082000003", "");
    }
    // Card-on-file (the option service) is not contracted here (protocol §9):
    // an A08 naming a member is refused before its token is used.
    if ["member_id", "authentication_key"]
        .iter()
        .any(|f| form.get(f).is_some_and(|v| !v.is_empty()))
    {
        return fail("A082000005", "");
    }
    let token = form.get("token").unwrap_or_default();
    let card_no = match memory.tokens.get_mut(token) {
        Some(t)
            if t.trader == key.0
                && !t.used
                && now - t.issued_at <= chrono::Duration::minutes(TOKEN_TTL_MINUTES) =>
        {
            t.used = true;
            t.card_no.clone()
        }
        Some(t) => {
            t.used = true;
            return fail("A082000004", "");
        }
        None => return fail("A082000004", ""),
    };
    let card_scenario = scenario(&card_no);
    if let Scenario::Decline(code) = card_scenario {
        return fail("A082000010", code);
    }
    let crd_c_res_cd = approval_number();
    let stamp = gateway_time(now);
    memory.txns.insert(
        key.clone(),
        Txn {
            trader_code: key.0,
            order_no: key.1,
            status: 4,
            amount: form
                .get("settle_price")
                .and_then(|p| p.parse().ok())
                .unwrap_or(0),
            device_div: form.get("device_div").unwrap_or_default().to_owned(),
            pay_way: form.get("pay_way").unwrap_or_default().to_owned(),
            settle_method: company_code(&card_no),
            scenario: card_scenario,
            crd_c_res_cd: crd_c_res_cd.clone(),
            crd_c_res_date: stamp.clone(),
            settle_date: stamp,
            authorized_until: now + chrono::Duration::days(i64::from(shared.config.hold_days)),
            slips: Vec::new(),
            cancel_date: None,
            renewal_date: None,
        },
    );
    let mut doc = base(now, "");
    add_credit_fields(&mut doc, &crd_c_res_cd, "");
    doc
}

fn credit_cancel(
    shared: &Shared,
    memory: &mut Memory,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let Some(txn) = memory.txns.get_mut(key) else {
        return base(now, "A062010001");
    };
    match txn.status {
        40 => base(now, "A062010003"),
        31 if !shared.config.cancel_settled => base(now, "A062010004"),
        _ => {
            txn.status = 40;
            txn.slips.clear(); // shipment info is removed with the cancellation
            txn.cancel_date = Some(gateway_time(now));
            base(now, "")
        }
    }
}

fn change_price(
    shared: &Shared,
    memory: &mut Memory,
    form: &Form,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let with_credit = |code: &str, credit: &str| with_credit_code(now, code, credit);
    if memory.clock.in_nightly_window(shared.config.nightly_window) {
        return with_credit("A070000000", "");
    }
    let new_price: u64 = form
        .get("new_price")
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let Some(txn) = memory.txns.get_mut(key) else {
        return with_credit("A073000001", "");
    };
    if txn.status == 40 || now > txn.authorized_until {
        return with_credit("A073000001", "");
    }
    if txn.amount == new_price {
        return with_credit("A074000001", "");
    }
    if txn.scenario == Scenario::ReauthFails {
        // 金額変更NG (17) replaces 与信完了 only (protocol §7.2): a shipped
        // or settled sale (30, 31) keeps its state and its slips.
        if txn.status == 4 {
            txn.status = 17;
        }
        return with_credit("A076000001", "G12");
    }
    txn.amount = new_price;
    if txn.status == 17 {
        txn.status = 4;
    }
    txn.crd_c_res_cd = approval_number();
    txn.crd_c_res_date = gateway_time(now);
    txn.renewal_date = Some(gateway_time(now));
    with_credit("", "")
}

fn re_auth(
    shared: &Shared,
    memory: &mut Memory,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let with_credit = |code: &str, credit: &str| with_credit_code(now, code, credit);
    if memory.clock.in_nightly_window(shared.config.nightly_window) {
        return with_credit("A110000000", "");
    }
    let Some(txn) = memory.txns.get_mut(key) else {
        return with_credit("A112000002", "");
    };
    // A lapsed authorization cannot be renewed (the guide: 与信が切れてしまうと
    // 再与信できません); the gateway's code for it is not documented, so the
    // one for an order not eligible.
    if now > txn.authorized_until {
        return with_credit("A112000002", "");
    }
    let yamato_slips_only = txn.slips.iter().all(|s| s.delivery_service_code == "00");
    let next = match txn.status {
        4 | 40 => 4,
        30 if yamato_slips_only => 30,
        _ => return with_credit("A112000002", ""),
    };
    if txn.scenario == Scenario::ReauthFails {
        return with_credit("A112000004", "G12");
    }
    txn.status = next;
    txn.cancel_date = None;
    txn.crd_c_res_cd = approval_number();
    txn.crd_c_res_date = gateway_time(now);
    txn.authorized_until = now + chrono::Duration::days(i64::from(shared.config.hold_days));
    txn.renewal_date = Some(gateway_time(now));
    with_credit("", "")
}

fn tracking_url(slip_no: &str) -> String {
    format!("https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01={slip_no}")
}

fn shipment_entry(
    memory: &mut Memory,
    form: &Form,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let slip_no = form.get("slip_no").unwrap_or_default().to_owned();
    let service = form
        .get("delivery_service_code")
        .unwrap_or_default()
        .to_owned();
    let shippable = memory.txns.get(key).is_some_and(|t| {
        (t.status == 4 && now <= t.authorized_until)
            || (t.status == 30 && t.slips.iter().all(|s| s.delivery_service_code == service))
    });
    if !shippable {
        return base(now, "E011010351");
    }
    if memory.slip_in_use(&slip_no) {
        return base(now, "E012000001");
    }
    let Some(txn) = memory.txns.get_mut(key) else {
        return base(now, "E011010351");
    };
    if txn.slips.len() >= MAX_SLIPS {
        return base(now, "E012000002");
    }
    txn.slips.push(Slip {
        slip_no: slip_no.clone(),
        delivery_service_code: service.clone(),
        registered_at: gateway_time(now),
    });
    // Yamato confirms the sale on the pickup scan; another carrier's slip
    // confirms it at once (no scan will ever come).
    txn.status = if service == "00" { 30 } else { 31 };
    let mut doc = base(now, "");
    let url = if service == "00" {
        tracking_url(&slip_no)
    } else {
        String::new()
    };
    doc.push("slipUrlPc", url.clone());
    doc.push("slipUrlMobile", url);
    doc
}

fn shipment_cancel(
    memory: &mut Memory,
    form: &Form,
    key: &(String, String),
    now: DateTime<Utc>,
) -> ReturnDoc {
    let slip_no = rules::normalize_slip(form.get("slip_no").unwrap_or_default());
    let Some(txn) = memory.txns.get_mut(key).filter(|t| t.status == 30) else {
        return base(now, "E021010351");
    };
    let Some(index) = txn.slips.iter().position(|s| s.slip_no == slip_no) else {
        return base(now, "E022000001");
    };
    txn.slips.remove(index);
    if txn.slips.is_empty() {
        txn.status = 4;
    }
    base(now, "")
}

fn trade_info(memory: &Memory, key: &(String, String), now: DateTime<Utc>) -> ReturnDoc {
    let mut doc = base(now, "");
    let Some(txn) = memory.txns.get(key) else {
        doc.push("resultCount", "0");
        return doc;
    };
    doc.push("resultCount", "1");
    let mut data: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: String| data.push((k.to_owned(), v));
    put("orderNo", txn.order_no.clone());
    put("deviceDiv", txn.device_div.clone());
    put("settleDate", txn.settle_date.clone());
    put("settlePrice", txn.amount.to_string());
    put("settleMethodDiv", "0".to_owned());
    put("settleMethod", txn.settle_method.to_string());
    put("statusInfo", txn.status.to_string());
    put("payWay", txn.pay_way.clone());
    put("crdCResCd", txn.crd_c_res_cd.clone());
    put("crdCResDate", txn.crd_c_res_date.clone());
    let mut slips = txn.slips.iter();
    if let Some(first) = slips.next() {
        put("slipNo", first.slip_no.clone());
        put("deliveryServiceCode", first.delivery_service_code.clone());
        put("slipDate", first.registered_at.clone());
    }
    for extra in slips {
        put("extraSlipNo", extra.slip_no.clone());
    }
    if let Some(d) = &txn.cancel_date {
        put("cancelDate", d.clone());
    }
    if let Some(d) = &txn.renewal_date {
        put("renewalDate", d.clone());
    }
    doc.groups.push(("resultData".to_owned(), data));
    doc
}
