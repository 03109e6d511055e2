//! The embeddable widget's WebAssembly entry. `embed/embed.js` (served as
//! `/embed.js`) loads this module and calls [`mount`] for every
//! `<zerostep-checkout>` element and every `Zerostep.mount(...)`; the element
//! then receives the `zerostep:*` events (bubbling, composed).

use std::any::Any;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use zerostep::api::ApiError;
use zerostep::cart::CartLine;
use zerostep::checkout::{AuthenticationEvent, CheckoutStatus};
use zerostep::i18n::{self as i18n, Locale, Text};
use zerostep::widget::ZeroStepCheckout;
use zerostep::OrderPlaced;
use zerostep_domain::api::ErrorCode;

fn main() {
    console_error_panic_hook::set_once();
}

/// One entry of the `items` attribute: `{"sku": "SENCHA-100G", "qty": 2}`.
#[derive(Deserialize)]
struct Item {
    sku: String,
    #[serde(default)]
    qty: serde_json::Value,
}

/// Reads the `items` JSON; an error names the entry and the rule, in
/// Japanese and English.
fn parse_items(json: &str) -> Result<Vec<CartLine>, Text> {
    let json = if json.trim().is_empty() { "[]" } else { json };
    let items: Vec<Item> =
        serde_json::from_str(json).map_err(|e| i18n::items_not_a_list(&e.to_string()))?;
    if items.len() > zerostep_domain::checkout::MAX_LINES {
        return Err(i18n::too_many_items(zerostep_domain::checkout::MAX_LINES));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let qty = match &item.qty {
                serde_json::Value::Null => Some(1),
                v => v.as_u64().and_then(|q| u8::try_from(q).ok()),
            };
            let qty = qty
                .filter(|q| (1..=zerostep_domain::checkout::MAX_QUANTITY).contains(q))
                .ok_or_else(|| i18n::bad_quantity(i))?;
            zerostep::widget::item(&item.sku, qty).ok_or_else(|| i18n::bad_sku(i, &item.sku))
        })
        .collect()
}

fn parse_locale(text: &str) -> Locale {
    if text.trim().eq_ignore_ascii_case("en") {
        Locale::En
    } else {
        Locale::Ja
    }
}

/// Dispatches `name` on the host element, bubbling out of any shadow root.
fn emit(host: &web_sys::HtmlElement, name: &str, detail: &serde_json::Value) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&js_sys::JSON::parse(&detail.to_string()).unwrap_or(JsValue::NULL));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn emit_error(host: &web_sys::HtmlElement, code: &str, message: &Text) {
    emit(
        host,
        "zerostep:error",
        &serde_json::json!({ "code": code, "message": message }),
    );
}

/// A mounted checkout: `embed.js` keeps it to pass on changes and to unmount.
#[wasm_bindgen]
pub struct Widget {
    items: ArcRwSignal<Vec<CartLine>>,
    locale: ArcRwSignal<Locale>,
    host: web_sys::HtmlElement,
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl Widget {
    /// New items (`[{sku, qty}]` as JSON) and/or a new locale (`ja` | `en`).
    /// Invalid items leave the cart as it was and raise `zerostep:error`.
    pub fn update(&self, items: Option<String>, locale: Option<String>) {
        if let Some(json) = items {
            match parse_items(&json) {
                Ok(lines) => self.items.set(lines),
                Err(message) => emit_error(&self.host, ErrorCode::InvalidItems.as_str(), &message),
            }
        }
        if let Some(l) = locale {
            self.locale.set(parse_locale(&l));
        }
    }

    /// Unmounts the checkout (nothing typed survives).
    pub fn destroy(&mut self) {
        self.mounted = None;
    }
}

/// Renders the checkout into `container` (inside `host`'s shadow root) and
/// sends the `zerostep:*` events to `host`.
#[wasm_bindgen]
pub fn mount(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    api: String,
    items: String,
    locale: String,
) -> Widget {
    let lines = match parse_items(&items) {
        Ok(lines) => lines,
        Err(message) => {
            emit_error(&host, ErrorCode::InvalidItems.as_str(), &message);
            Vec::new()
        }
    };
    let items = ArcRwSignal::new(lines);
    let locale = ArcRwSignal::new(parse_locale(&locale));
    let target = SendWrapper::new(host.clone());
    let (items_in, locale_in) = (items.clone(), locale.clone());
    let handle = leptos::mount::mount_to(container, move || {
        let host = target.clone();
        let on_complete = Callback::new({
            let host = host.clone();
            move |order: OrderPlaced| {
                emit(
                    &host,
                    "zerostep:order-completed",
                    &serde_json::json!({
                        "orderNumber": order.order_number,
                        "total": order.total.get(),
                        "paymentMethod": order.payment_method,
                        "pending": order.outcome == zerostep_domain::order::OrderOutcome::PendingReview,
                    }),
                );
            }
        });
        let on_change = Callback::new({
            let host = host.clone();
            move |status: CheckoutStatus| {
                emit(
                    &host,
                    "zerostep:change",
                    &serde_json::json!({
                        "valid": status.valid,
                        "total": status.total.map(|t| t.get()),
                        "currency": "JPY",
                        "items": status.items,
                    }),
                );
            }
        });
        let on_authentication = Callback::new({
            let host = host.clone();
            move |event: AuthenticationEvent| match event {
                AuthenticationEvent::Started => {
                    emit(
                        &host,
                        "zerostep:authentication-started",
                        &serde_json::json!({}),
                    );
                }
                AuthenticationEvent::Ended { completed } => emit(
                    &host,
                    "zerostep:authentication-ended",
                    &serde_json::json!({ "completed": completed }),
                ),
            }
        });
        let on_error = Callback::new(move |e: ApiError| emit_error(&host, &e.code, &e.message));
        view! {
            <ZeroStepCheckout api=api.clone()
                items=Signal::from(items_in.clone())
                locale=Signal::from(locale_in.clone())
                on_complete on_change on_error on_authentication/>
        }
    });
    emit(&host, "zerostep:ready", &serde_json::json!({}));
    Widget {
        items,
        locale,
        host,
        mounted: Some(Box::new(handle)),
    }
}
