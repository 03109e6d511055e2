//! A Rust host: a Leptos product page that embeds the checkout as a
//! component, the way EMBEDDING.md describes for Rust frontends.
//!
//! Build it for the browser like any Leptos CSR app (for example with a Trunk
//! `index.html` whose `<link data-trunk rel="rust" data-bin="leptos_host"
//! data-type="main">` points at this example), serve it from an origin listed
//! in the backend's `ZEROSTEP_EMBED_ORIGINS`, and include the checkout's
//! stylesheets (`style/main.css`, `style/widget.css`) in the page.

use leptos::prelude::*;
use zerostep::widget::{item, ZeroStepCheckout};
use zerostep::OrderPlaced;

/// The backend that serves the checkout's API.
const API: &str = "http://127.0.0.1:8080";

#[component]
fn ProductPage() -> impl IntoView {
    let quantity = RwSignal::new(1_u8);
    let items = Signal::derive(move || item("SENCHA-100", quantity.get()).into_iter().collect());
    let order = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    view! {
        <h1>"静岡煎茶 深蒸し 100g"</h1>
        <label>"数量 "
            <input type="number" min="1" max="99" prop:value=move || quantity.get().to_string()
                on:input=move |ev| {
                    if let Ok(q) = event_target_value(&ev).parse::<u8>() {
                        quantity.set(q.clamp(1, 99));
                    }
                }/>
        </label>
        <ZeroStepCheckout api=API items=items
            on_complete=move |placed: OrderPlaced| order.set(Some(placed.order_number))
            on_error=move |e: zerostep::api::ApiError| problem.set(Some(e.message.ja.into_owned()))/>
        {move || order.get().map(|n| view! { <p>"Thank you! Order " {n}</p> })}
        {move || problem.get().map(|m| view! { <p role="alert">{m}</p> })}
    }
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ProductPage);
}
