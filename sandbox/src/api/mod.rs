//! The gateway API: `/api/<action>` and `/test_gateway/<action>.api`.
//!
//! POST only, form-encoded UTF-8, HTTP 200 with the XML `<return>` document
//! whatever the outcome (protocol §2). Field rules come from
//! `zerostep_webcollect::rules`, the transitions from protocol §7.2.

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use rand::distr::{Alphanumeric, SampleString};
use rand::Rng;
use zerostep_webcollect::rules::{self, Form, Limits};
use zerostep_webcollect::xml::ReturnDoc;
use zerostep_webcollect::Action;

use crate::cards::{acs_outcome, company_code, result_authorizes, scenario, Scenario};
use crate::state::{gateway_time, FaultMode, Slip, Stage, State as Memory, ThreeDSession, Txn};
use crate::Shared;

mod functions;
mod three_d;

use functions::*;
use three_d::credit_token_3d;

/// How long a token lives.
const TOKEN_TTL_MINUTES: i64 = 30;
/// Most slips per order.
const MAX_SLIPS: usize = 99;
/// How long `timeout` holds its answer unless told otherwise.
const DEFAULT_TIMEOUT_MS: u64 = 120_000;

/// Who called, as an API function needs to know.
struct Caller {
    /// The caller's address (H01).
    peer: SocketAddr,
    /// The sandbox's base URL as browsers reach it (the 3-D Secure start page).
    origin: String,
}

impl Caller {
    fn new(shared: &Shared, peer: SocketAddr, headers: &HeaderMap) -> Caller {
        let origin = shared.config.public_url.clone().unwrap_or_else(|| {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
                .map_or_else(|| peer.to_string(), str::to_owned);
            format!("http://{host}")
        });
        Caller {
            peer,
            origin: origin.trim_end_matches('/').to_owned(),
        }
    }
}

/// `POST /api/{action}`.
pub async fn production_style(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    headers: HeaderMap,
    Path(action): Path<String>,
    body: Bytes,
) -> Response {
    let caller = Caller::new(&shared, peer, &headers);
    handle(shared, caller, method, &action, body).await
}

/// `POST /test_gateway/{action}.api`.
pub async fn test_style(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    headers: HeaderMap,
    Path(file): Path<String>,
    body: Bytes,
) -> Response {
    let caller = Caller::new(&shared, peer, &headers);
    match file.strip_suffix(".api") {
        Some(action) => handle(shared, caller, method, action, body).await,
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
    caller: Caller,
    method: Method,
    path: &str,
    body: Bytes,
) -> Response {
    let now = shared.lock().clock.now();
    if method != Method::POST {
        return xml(&base(now, "Z012000001"));
    }
    // An action this gateway does not offer (card-on-file registration, …)
    // is refused in-band, as every error is (protocol §2, §9).
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
            FaultMode::Redirect | FaultMode::Flood => return fault_response(fault.mode),
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
        let doc = process(&worker_shared, &mut memory, action, &form, &caller, now);
        if !order_no.is_empty() {
            // An A08 that started 3-D Secure authorized nothing yet.
            let started = doc.get("threeDToken").is_some_and(|t| !t.is_empty());
            let result = doc
                .get("errorCode")
                .filter(|c| !c.is_empty())
                .unwrap_or(if started { "3ds" } else { "ok" })
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
        FaultMode::Redirect => (
            StatusCode::TEMPORARY_REDIRECT,
            [(header::LOCATION, "?redirected=1")],
        )
            .into_response(),
        FaultMode::Flood => {
            let start = futures_util::stream::once(async {
                Ok::<Bytes, std::io::Error>(Bytes::from_static(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<return>"))
            });
            let spaces = futures_util::stream::repeat_with(|| Ok(Bytes::from(vec![b' '; 64 * 1024])));
            (
                [(header::CONTENT_TYPE, "text/xml; charset=UTF-8")],
                Body::from_stream(futures_util::StreamExt::chain(start, spaces)),
            )
                .into_response()
        }
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
    caller: &Caller,
    now: DateTime<Utc>,
) -> ReturnDoc {
    if let Some(forced) = form.get("reserve_1") {
        return base(now, forced);
    }
    memory.expire_sessions(now);
    let limits = form
        .get("trader_code")
        .and_then(|t| shared.config.trader(t))
        .map_or_else(Limits::default, |t| Limits {
            max_amount: t.max_amount,
        });
    if let Err(err) = rules::check(action, form, limits) {
        let mut doc = base(now, &err.code);
        if matches!(action, Action::CreditToken | Action::CreditToken3D) {
            add_credit_fields(&mut doc, "", "");
        }
        return doc;
    }
    let trader = form.get("trader_code").unwrap_or_default().to_owned();
    let order_no = form.get("order_no").unwrap_or_default().to_owned();
    let key = (trader.clone(), order_no.clone());
    match action {
        Action::CreditToken => credit_token(shared, memory, form, key, &caller.origin, now),
        Action::CreditToken3D => credit_token_3d(shared, memory, form, &key, now),
        Action::CreditCancel => credit_cancel(shared, memory, &key, now),
        Action::CreditChangePrice => change_price(shared, memory, form, &key, now),
        Action::ReAuth => re_auth(shared, memory, &key, now),
        Action::ShipmentEntry => shipment_entry(memory, form, &key, now),
        Action::ShipmentCancel => shipment_cancel(memory, form, &key, now),
        Action::TradeInfo => trade_info(memory, &key, now),
        Action::TraderIp => {
            let mut doc = base(now, "");
            doc.push("ipAddress", caller.peer.ip().to_string());
            doc
        }
    }
}
