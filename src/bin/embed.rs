//! The embeddable widget's WebAssembly entry. `embed/embed.js` (served as
//! `/embed.js`) loads this module and calls [`mount`] for every
//! `<zerostep-checkout>` element and every `Zerostep.mount(...)`; the element
//! then receives the `zerostep:*` events (bubbling, composed).

use std::any::Any;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use zerostep::api::ApiError;
use zerostep::cart::CartLine;
use zerostep::checkout::{AuthenticationEvent, CheckoutStatus};
use zerostep::i18n::{self as i18n, Locale, Text};
use zerostep::widget::ZeroStepCheckout;
use zerostep::wire::{FromJson, Json, Unreadable};
use zerostep::OrderPlaced;
use zerostep_domain::api::ErrorCode;

fn main() {
    zerostep::platform::panic::install();
}

/// One entry of the `items` attribute: `{"sku": "SENCHA-100G", "qty": 2}`.
struct Item {
    sku: String,
    qty: Qty,
}

impl FromJson for Item {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        Ok(Item {
            sku: json.field("sku")?,
            qty: json.field("qty")?,
        })
    }
}

/// An entry's `qty`: 1 when missing or `null`, `None` when it is not a
/// count (the entry's own error, not the list's).
struct Qty(Option<u8>);

impl FromJson for Qty {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        Ok(Qty(match Option::<u8>::from_json(json) {
            Ok(None) => Some(1),
            Ok(Some(q)) => Some(q),
            Err(_) => None,
        }))
    }
}

/// Reads the `items` JSON; an error names the entry and the rule, in
/// Japanese and English.
fn parse_items(json: &str) -> Result<Vec<CartLine>, Text> {
    let json = if json.trim().is_empty() { "[]" } else { json };
    let items: Vec<Item> =
        zerostep::wire::read(json).map_err(|e| i18n::items_not_a_list(&e.to_string()))?;
    if items.len() > zerostep_domain::checkout::MAX_LINES {
        return Err(i18n::too_many_items(zerostep_domain::checkout::MAX_LINES));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let qty = item
                .qty
                .0
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

/// An event's `detail`: a plain object, built member by member.
struct Detail(js_sys::Object);

impl Detail {
    fn new() -> Detail {
        Detail(js_sys::Object::new())
    }

    /// With the member `key` set to `value`.
    fn with(self, key: &str, value: impl Into<JsValue>) -> Detail {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), &value.into());
        self
    }
}

/// A number of yen or items as JavaScript's number (not a BigInt).
fn number(n: u64) -> JsValue {
    JsValue::from_f64(n as f64)
}

/// Dispatches `name` on the host element, bubbling out of any shadow root.
fn emit(host: &web_sys::HtmlElement, name: &str, detail: Detail) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail.0);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

fn emit_error(host: &web_sys::HtmlElement, code: &str, message: &Text) {
    let message = Detail::new()
        .with("ja", message.ja.as_str())
        .with("en", message.en.as_str());
    emit(
        host,
        "zerostep:error",
        Detail::new().with("code", code).with("message", message.0),
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
                    Detail::new()
                        .with("orderNumber", order.order_number)
                        .with("total", number(order.total.get()))
                        .with("paymentMethod", order.payment_method.as_str())
                        .with(
                            "pending",
                            order.outcome == zerostep_domain::order::OrderOutcome::PendingReview,
                        ),
                );
            }
        });
        let on_change = Callback::new({
            let host = host.clone();
            move |status: CheckoutStatus| {
                emit(
                    &host,
                    "zerostep:change",
                    Detail::new()
                        .with("valid", status.valid)
                        .with(
                            "total",
                            status.total.map_or(JsValue::NULL, |t| number(t.get())),
                        )
                        .with("currency", "JPY")
                        .with("items", number(status.items.into())),
                );
            }
        });
        let on_authentication = Callback::new({
            let host = host.clone();
            move |event: AuthenticationEvent| match event {
                AuthenticationEvent::Started => {
                    emit(&host, "zerostep:authentication-started", Detail::new());
                }
                AuthenticationEvent::Ended { completed } => emit(
                    &host,
                    "zerostep:authentication-ended",
                    Detail::new().with("completed", completed),
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
    emit(&host, "zerostep:ready", Detail::new());
    Widget {
        items,
        locale,
        host,
        mounted: Some(Box::new(handle)),
    }
}
