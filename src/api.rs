//! The one typed client of our backend's API. Components never build URLs or
//! parse JSON; every failure becomes an [`ApiError`] with a stable `code`.

use gloo_net::http::Request;
use zerostep_domain::api::proof::ProofChallenge;
use zerostep_domain::api::{ApiErrorBody, ErrorCode, Text};
use zerostep_domain::checkout::{CheckoutConfig, PostalLookup, Quote, QuoteRequest};
use zerostep_domain::order::{OrderPlaced, OrderRequest};
use zerostep_domain::{PostalCode, Product};

use crate::platform::storage::{self, Store};
use crate::wire::FromJson;

/// A failed API call: the server's `{code, message}`, or a local code for a
/// network or decoding failure.
///
/// The code is kept as written: compared with [`ErrorCode`]'s names (which
/// the compiler folds to the few this page branches on), it spares the
/// first load the table of every code that decoding it into the enum needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} ({code})")]
pub struct ApiError {
    /// Stable identifier: the server's, or `network` / `bad_response`.
    pub code: String,
    /// What went wrong, in both languages.
    pub message: Text,
}

impl ApiError {
    /// The error as the shopper reads it: the message in `locale`, with
    /// its code for support.
    pub fn shown(&self, locale: crate::i18n::Locale) -> String {
        format!("{} ({})", locale.of(&self.message), self.code)
    }

    fn network(err: gloo_net::Error) -> Self {
        ApiError {
            code: ErrorCode::Network.as_str().to_owned(),
            message: crate::i18n::unreachable(&detail(err)),
        }
    }

    /// A body gloo-net could not make (the request's) or read (the answer's).
    fn bad_body(err: gloo_net::Error) -> Self {
        Self::bad_response(detail(err))
    }

    fn bad_response(err: impl std::fmt::Display) -> Self {
        ApiError {
            code: ErrorCode::BadResponse.as_str().to_owned(),
            message: crate::i18n::unreadable(&err.to_string()),
        }
    }
}

/// What a gloo-net error says. Not its `Display`, which would bring
/// serde_json's error messages into the module for bodies that cannot fail
/// to serialise (strings, numbers and lists).
fn detail(err: gloo_net::Error) -> String {
    match err {
        gloo_net::Error::JsError(e) => e.to_string(),
        gloo_net::Error::GlooError(text) => text,
        gloo_net::Error::SerdeError(_) => "JSON".to_owned(),
    }
}

/// Our backend as this checkout reaches it: the one way components call
/// it. Provided as context near the root (the shop's own origin, or the
/// widget's `api` option), so two widgets on one page can each talk to
/// their own backend.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiClient {
    /// The origin (optionally with a path prefix), without a trailing `/`;
    /// empty for the page's own origin.
    base: std::sync::Arc<str>,
}

impl ApiClient {
    /// A client of the backend at `base` (an origin, optionally with a path
    /// prefix; a trailing `/` is ignored). Empty means the page's own origin.
    pub fn new(base: &str) -> Self {
        ApiClient {
            base: base.trim().trim_end_matches('/').into(),
        }
    }

    /// The client provided near the root (the page's own origin if none is).
    pub fn from_context() -> Self {
        crate::Shell::provided().map(|s| s.api).unwrap_or_default()
    }

    /// `path` (which starts with `/`) on our backend: the URL to fetch, or
    /// an asset's address such as a payment logo. Absolute URLs pass unchanged.
    pub fn url(&self, path: &str) -> String {
        if !path.starts_with('/') || path.starts_with("//") {
            return path.to_owned();
        }
        format!("{}{path}", self.base)
    }

    fn api_url(&self, path: &str) -> String {
        self.url(&format!("/api{path}"))
    }

    /// The body of `GET path`'s answer. Not generic: one copy of the
    /// asynchronous code serves every reader.
    async fn get(&self, path: &str) -> Result<String, ApiError> {
        // A request that cannot be built (a bad base address) cannot reach the server.
        send(
            Request::get(&self.api_url(path))
                .build()
                .map_err(ApiError::network),
        )
        .await
    }

    /// The body of the answer to `body` posted to `path`.
    async fn post(&self, path: &str, body: &impl serde::Serialize) -> Result<String, ApiError> {
        send(
            Request::post(&self.api_url(path))
                .json(body)
                .map_err(ApiError::bad_body),
        )
        .await
    }

    /// `GET /api/products`: the catalogue, tax-included prices.
    pub async fn products(&self) -> Result<Vec<Product>, ApiError> {
        parse(&self.get("/products").await?)
    }

    /// `GET /api/checkout/config`: payment and delivery choices.
    pub async fn checkout_config(&self) -> Result<CheckoutConfig, ApiError> {
        let config: CheckoutConfig = parse(&self.get("/checkout/config").await?)?;
        keep_session(&config.session);
        Ok(config)
    }

    /// `POST /api/quotes`: the server's prices for the cart and address.
    pub async fn quote(&self, request: QuoteRequest) -> Result<Quote, ApiError> {
        parse(&self.post("/quotes", &request).await?)
    }

    /// `GET /api/postal-codes/{code}`: `Ok(None)` when the code is unknown.
    pub async fn postal_lookup(&self, code: PostalCode) -> Result<Option<PostalLookup>, ApiError> {
        match self.get(&format!("/postal-codes/{}", code.digits())).await {
            Ok(found) => parse(&found).map(Some),
            Err(e) if e.code == ErrorCode::PostalCodeNotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `POST /api/orders` with an idempotency key and the browser session
    /// id: places `order`.
    ///
    /// While the shop is under a card-testing attack, the server asks for a
    /// proof of work first (`proof_required`): it is solved here and the
    /// same order sent again under the same key, once more should the
    /// solution have expired meanwhile (`proof_invalid`).
    pub async fn place_order(
        &self,
        key: &str,
        order: &OrderRequest,
    ) -> Result<OrderPlaced, ApiError> {
        const NEEDS_PROOF: [&str; 2] = [
            ErrorCode::ProofRequired.as_str(),
            ErrorCode::ProofInvalid.as_str(),
        ];
        let mut proof: Option<String> = None;
        let mut solved = 0;
        loop {
            let mut request = self.order_request("/orders", key);
            if let Some(proof) = &proof {
                request = request.header("X-Zerostep-Proof", proof.as_str());
            }
            match send(request.json(order).map_err(ApiError::bad_body)).await {
                Err(e) if NEEDS_PROOF.contains(&e.code.as_str()) && solved < 2 => {
                    solved += 1;
                    proof = Some(self.proof().await.ok_or(e)?);
                }
                answer => return parse(&answer?),
            }
        }
    }

    /// A solved proof of work, as `X-Zerostep-Proof` carries it.
    async fn proof(&self) -> Option<String> {
        let challenge: ProofChallenge = parse(&self.get("/checkout/challenge").await.ok()?).ok()?;
        let number = crate::platform::proof::solve(&challenge).await?;
        crate::platform::proof::header(&challenge, number)
    }

    /// `POST /api/orders/abandon`: what became of the order sent with `key`
    /// whose answer never arrived: the order, its refusal, or
    /// `order_withdrawn` when it never arrived (and now never will be
    /// placed).
    pub async fn abandon_order(&self, key: &str) -> Result<OrderPlaced, ApiError> {
        let request = self
            .order_request("/orders/abandon", key)
            .build()
            .map_err(ApiError::network);
        parse(&send(request).await?)
    }

    fn order_request(&self, path: &str, key: &str) -> gloo_net::http::RequestBuilder {
        Request::post(&self.api_url(path))
            .header("Idempotency-Key", key)
            .header("X-Zerostep-Session", &session_id())
    }
}

/// Sends `request` and returns the body of a 2xx answer; any other answer
/// becomes the server's `{code, message}`. Not generic, so every call
/// shares one copy of the asynchronous code, and only the synchronous
/// [`parse`] is built per type.
async fn send(request: Result<Request, ApiError>) -> Result<String, ApiError> {
    let request = request?;
    let response = request.send().await.map_err(ApiError::network)?;
    if response.ok() {
        return response.text().await.map_err(ApiError::bad_body);
    }
    let status = response.status();
    let body = response.text().await.ok();
    match body.and_then(|b| crate::wire::read::<ApiErrorBody<String>>(&b).ok()) {
        Some(body) => Err(ApiError {
            code: body.code,
            message: body.message,
        }),
        None => Err(ApiError::bad_response(format!("HTTP {status}"))),
    }
}

/// A 2xx answer's body as a `T`.
fn parse<T: FromJson>(body: &str) -> Result<T, ApiError> {
    crate::wire::read(body).map_err(ApiError::bad_response)
}

/// Whether a failed order request may still have been placed: its answer
/// was lost or is not known yet.
pub fn outcome_unknown(code: &str) -> bool {
    // Names worked out at compile time: looking a code's name up at run
    // time would bring the table of every name into the first load.
    const UNKNOWN: [&str; 4] = [
        ErrorCode::Network.as_str(),
        ErrorCode::BadResponse.as_str(),
        ErrorCode::RequestInProgress.as_str(),
        ErrorCode::InternalError.as_str(),
    ];
    UNKNOWN.contains(&code)
}

const PENDING_ORDER: &str = "zerostep.pending-order";

thread_local! {
    /// The pending order's key in memory too: storage may be blocked.
    static PENDING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// How long a pending order is remembered: a day, in seconds. A shared
/// browser opened the next day does not show the previous shopper's order.
const PENDING_FOR_SECS: u64 = 24 * 60 * 60;

/// Now, in whole Unix seconds.
fn unix_secs() -> u64 {
    // Whole seconds: parsing a float would bring its parser into the module.
    (js_sys::Date::now() / 1000.0) as u64
}

/// The idempotency key of the order sent last whose outcome the page has not
/// learnt. Kept in `localStorage` beside the cart (as `<key> <sent at>`,
/// for a day), so a reload, another tab or a tab opened later knows it too.
pub fn pending_order() -> Option<String> {
    PENDING.with(|p| p.borrow().clone()).or_else(|| {
        let kept = storage::get(Store::Local, PENDING_ORDER)?;
        let (key, sent) = kept.split_once(' ').unwrap_or((&kept, ""));
        let expired = sent
            .parse::<u64>()
            .is_ok_and(|sent| sent + PENDING_FOR_SECS < unix_secs());
        (!expired).then(|| key.to_owned())
    })
}

/// Remembers (`Some`) or forgets (`None`) the order whose outcome is unknown.
pub fn set_pending_order(key: Option<&str>) {
    PENDING.with(|p| *p.borrow_mut() = key.map(str::to_owned));
    let kept = key.map(|key| format!("{key} {}", unix_secs()));
    storage::set(Store::Local, PENDING_ORDER, kept.as_deref());
}

/// A random identifier (for idempotency keys): 24 bytes from the browser's
/// cryptographic generator, in hex. Empty where there is none (the server
/// then refuses the key): never a guessable fallback.
pub fn random_id() -> String {
    use wasm_bindgen::JsCast;
    let bytes = js_sys::Uint8Array::new_with_length(24);
    let filled = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"crypto".into()).ok())
        .and_then(|crypto| {
            let f = js_sys::Reflect::get(&crypto, &"getRandomValues".into()).ok()?;
            let f: js_sys::Function = f.dyn_into().ok()?;
            f.call1(&crypto, &bytes).ok()
        });
    if filled.is_none() {
        return String::new();
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes
        .to_vec()
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

const SESSION: &str = "zerostep.session";

thread_local! {
    /// The session in memory too: storage may be blocked.
    static SESSION_MEMORY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// This tab's session for the card-testing defence, as the server issued it
/// (kept in `sessionStorage`); empty before the settings are read.
pub fn session_id() -> String {
    storage::get(Store::Session, SESSION)
        .unwrap_or_else(|| SESSION_MEMORY.with(|m| m.borrow().clone()))
}

/// Keeps the session the server `issued` with the settings, unless this tab
/// holds one good for another half day (a session starts with its expiry,
/// in Unix seconds): a reload stays the same session.
fn keep_session(issued: &str) {
    let half_day_on = unix_secs() + 43_200;
    let fresh = session_id()
        .split('.')
        .next()
        .and_then(|expiry| expiry.parse::<u64>().ok())
        .is_some_and(|expiry| expiry > half_day_on);
    if fresh || issued.is_empty() {
        return;
    }
    SESSION_MEMORY.with(|m| issued.clone_into(&mut m.borrow_mut()));
    storage::set(Store::Session, SESSION, Some(issued));
}
