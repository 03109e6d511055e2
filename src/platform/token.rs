//! Yamato's token JavaScript from Rust: loading `embeddedTokenLib.js` on first
//! need, and `WebcollectTokenLib.createToken` as an async function that
//! returns the token or the errors per field.
//!
//! The card details go from the inputs straight into the JavaScript object
//! handed to Yamato's library; nothing here can serialise them for our API.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = WebcollectTokenLib, js_name = createToken, catch)]
    fn create_token_js(info: &JsValue, success: &JsValue, failure: &JsValue)
        -> Result<(), JsValue>;
}

/// How long loading the script, or one `createToken` call, may take.
const TIMEOUT_MS: i32 = 20_000;

/// What `createToken` needs besides the card.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    /// 加盟店コード.
    pub trader_code: String,
    /// `2`.
    pub auth_div: String,
    /// Computed by the server.
    pub check_sum: String,
}

/// The card as typed, checked, in the gateway's formats. No `Serialize`,
/// no `Debug` that prints it: it lives only until the token exists.
pub struct CardDetails {
    /// Digits only.
    pub number: String,
    /// `MMYY`.
    pub expiry: String,
    /// Half-width letters.
    pub holder: String,
    /// 3 or 4 digits.
    pub cvc: String,
}

/// One error the token library reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenFieldError {
    /// Yamato's code, e.g. `Y021010904`.
    pub code: String,
    /// Yamato's message (Japanese).
    pub message: String,
    /// `cardNo`, `cardOwner`, `cardExp`, `securityCode`, or another item.
    pub item: String,
}

/// Why no token was created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// The library refused the card or the settings, per field.
    Rejected(Vec<TokenFieldError>),
    /// The script could not be loaded.
    LoadFailed,
    /// No answer in time.
    Timeout,
}

fn window() -> Result<web_sys::Window, TokenError> {
    web_sys::window().ok_or(TokenError::LoadFailed)
}

fn is_loaded() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("WebcollectTokenLib")).ok())
        .is_some_and(|lib| !lib.is_undefined() && !lib.is_null())
}

/// The value a timed-out race resolves with.
const TIMED_OUT: &str = "__zerostep_timeout__";

/// A promise resolving with [`TIMED_OUT`] after `ms` (never, if no timer can be set).
fn timer(ms: i32) -> Promise {
    Promise::new(&mut |resolve, _| {
        let fire = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(TIMED_OUT));
        });
        if let Some(w) = web_sys::window() {
            let _ =
                w.set_timeout_with_callback_and_timeout_and_arguments_0(fire.unchecked_ref(), ms);
        }
    })
}

/// Waits for `promise`, or fails with `Timeout` after `ms`.
async fn with_timeout(promise: Promise, ms: i32) -> Result<JsValue, TokenError> {
    let race = Promise::race(&js_sys::Array::of2(&promise, &timer(ms)));
    match JsFuture::from(race).await {
        Ok(v) if v.as_string().as_deref() == Some(TIMED_OUT) => Err(TokenError::Timeout),
        Ok(v) => Ok(v),
        Err(_) => Err(TokenError::LoadFailed),
    }
}

/// Loads `embeddedTokenLib.js` from `url` unless it is already there.
pub async fn ensure_loaded(url: &str) -> Result<(), TokenError> {
    if is_loaded() {
        return Ok(());
    }
    let document = window()?.document().ok_or(TokenError::LoadFailed)?;
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|_| TokenError::LoadFailed)?
        .unchecked_into();
    script.set_src(url);
    script.set_class_name("webcollect-embedded-token");
    let loaded = Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    let head = document.head().ok_or(TokenError::LoadFailed)?;
    head.append_child(&script)
        .map_err(|_| TokenError::LoadFailed)?;
    match with_timeout(loaded, TIMEOUT_MS).await {
        Ok(_) if is_loaded() => Ok(()),
        Ok(_) => Err(TokenError::LoadFailed),
        Err(TokenError::Timeout) => Err(TokenError::Timeout),
        Err(_) => {
            // Let a later attempt load it afresh.
            let _ = head.remove_child(&script);
            Err(TokenError::LoadFailed)
        }
    }
}

fn set(obj: &Object, key: &str, value: &str) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &JsValue::from_str(value));
}

fn read(obj: &JsValue, key: &str) -> String {
    Reflect::get(obj, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn parse_errors(response: &JsValue) -> Vec<TokenFieldError> {
    let list =
        Reflect::get(response, &JsValue::from_str("errorInfo")).unwrap_or(JsValue::UNDEFINED);
    let array: js_sys::Array = if js_sys::Array::is_array(&list) {
        list.unchecked_into()
    } else {
        js_sys::Array::new()
    };
    array
        .iter()
        .map(|e| TokenFieldError {
            code: read(&e, "errorCode"),
            message: read(&e, "errorMsg"),
            item: read(&e, "errorItem"),
        })
        .collect()
}

/// What one of the two callbacks delivered.
type Answer = Result<String, Vec<TokenFieldError>>;

/// Calls `WebcollectTokenLib.createToken` (the script must be loaded).
pub async fn create_token(
    settings: &TokenSettings,
    card: CardDetails,
) -> Result<String, TokenError> {
    let info = Object::new();
    set(&info, "traderCode", &settings.trader_code);
    set(&info, "authDiv", &settings.auth_div);
    set(&info, "optServDiv", "00");
    set(&info, "memberId", "");
    set(&info, "authKey", "");
    set(&info, "checkSum", &settings.check_sum);
    set(&info, "cardNo", &card.number);
    set(&info, "cardOwner", &card.holder);
    set(&info, "cardExp", &card.expiry);
    set(&info, "securityCode", &card.cvc);
    drop(card);

    let outcome: Rc<RefCell<Option<Answer>>> = Rc::new(RefCell::new(None));
    let done = Promise::new(&mut |resolve, _| {
        let (ok_slot, err_slot) = (outcome.clone(), outcome.clone());
        let (ok_resolve, err_resolve) = (resolve.clone(), resolve);
        let success = Closure::once_into_js(move |response: JsValue| {
            *ok_slot.borrow_mut() = Some(Ok(read(&response, "token")));
            let _ = ok_resolve.call0(&JsValue::NULL);
        });
        let failure = Closure::once_into_js(move |response: JsValue| {
            *err_slot.borrow_mut() = Some(Err(parse_errors(&response)));
            let _ = err_resolve.call0(&JsValue::NULL);
        });
        if create_token_js(&info, &success, &failure).is_err() {
            *outcome.borrow_mut() = Some(Err(Vec::new()));
        }
    });
    // Forget the card fields in the JS object as soon as the library has them.
    for key in ["cardNo", "cardOwner", "cardExp", "securityCode"] {
        set(&info, key, "");
    }
    if outcome.borrow().is_none() {
        with_timeout(done, TIMEOUT_MS).await?;
    }
    let result = outcome.borrow_mut().take();
    match result {
        Some(Ok(token)) if !token.is_empty() => Ok(token),
        Some(Err(errors)) if !errors.is_empty() => Err(TokenError::Rejected(errors)),
        Some(_) | None => Err(TokenError::LoadFailed),
    }
}
