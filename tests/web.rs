//! Components of the checkout SPA, mounted in headless Chromium
//! (`cargo test --target wasm32-unknown-unknown --test web`).

#![cfg(target_arch = "wasm32")]

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use zerostep::components::product_card::ProductCard;
use zerostep::i18n::{Locale, LocaleCtx};
use zerostep_domain::Product;

wasm_bindgen_test_configure!(run_in_browser);

fn host() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let host = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    host.unchecked_into()
}

fn product(json: &str) -> Product {
    serde_json::from_str(json).expect("valid product")
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn product_card_shows_the_price_and_reports_add_to_cart() {
    let host = host();
    let added: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = Arc::clone(&added);
    let locale = LocaleCtx::new();
    let tea = product(r#"{"sku":"SENCHA-100","name":"静岡煎茶","price":1080,"tax_rate":8}"#);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_context(zerostep::Shell::new(locale));
        let seen = Arc::clone(&seen);
        view! { <ProductCard product=tea.clone() on_add=move |p: Product| seen.lock().expect("lock").push(p.sku.to_string())/> }
    });

    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("静岡煎茶"), "{text}");
    assert!(text.contains("¥1,080（税込）"), "{text}");
    assert!(text.contains("※軽減税率対象"), "{text}");

    let button: web_sys::HtmlElement = host
        .query_selector("button")
        .expect("query")
        .expect("button")
        .unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("カゴに入れる"));
    button.click();
    button.click();
    assert_eq!(*added.lock().expect("lock"), ["SENCHA-100", "SENCHA-100"]);

    locale.0.set(Locale::En);
    next_tick().await;
    assert_eq!(button.text_content().as_deref(), Some("Add to cart"));
    assert!(host
        .text_content()
        .unwrap_or_default()
        .contains("(tax incl.)"));
}

#[wasm_bindgen_test]
fn standard_rate_products_have_no_reduced_mark() {
    let host = host();
    let cup = product(r#"{"sku":"YUNOMI","name":"湯呑み","price":3300,"tax_rate":10}"#);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_context(zerostep::Shell::new(LocaleCtx::new()));
        view! { <ProductCard product=cup.clone() on_add=|_| ()/> }
    });
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("¥3,300"), "{text}");
    assert!(!text.contains("軽減税率"), "{text}");
}

#[wasm_bindgen_test]
async fn the_widget_renders_in_a_shadow_root_and_follows_its_items() {
    use zerostep::widget::{item, ZeroStepCheckout};

    let outer = host();
    let shadow = outer
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .expect("shadow root");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let container: web_sys::HtmlElement = document
        .create_element("div")
        .expect("div")
        .unchecked_into();
    shadow.append_child(&container).expect("append");
    let anchor: web_sys::Node = container.clone().unchecked_into();
    // The page has its own element with one of the checkout's ids.
    let decoy = document.create_element("input").expect("input");
    decoy.set_id("buyer-family");
    outer.append_child(&decoy).expect("append");

    let items = RwSignal::new(Vec::new());
    // Port 9 (discard): API calls fail fast; the cart and the form do not need them.
    let _mounted = leptos::mount::mount_to(container, move || {
        view! { <ZeroStepCheckout api="http://127.0.0.1:9" items=items/> }
    });
    next_tick().await;

    // An empty cart says so, with no link back to a shop the host does not have.
    let text = shadow.text_content().unwrap_or_default();
    assert!(text.contains("買い物カゴに商品がありません。"), "{text}");
    assert!(!text.contains("ショップに戻る"), "{text}");
    // Ids are found inside the widget's own shadow root (focus relies on it).
    assert!(zerostep::platform::dom::element_near(&anchor, "cart-heading").is_some());

    items.set(vec![item("SENCHA-100", 3).expect("valid item")]);
    next_tick().await;
    let lines = shadow
        .query_selector_all("[data-testid=cart-line]")
        .expect("query");
    assert_eq!(lines.length(), 1);
    let quantity = shadow
        .query_selector("[data-testid=quantity]")
        .expect("query")
        .and_then(|e| e.text_content());
    assert_eq!(quantity.as_deref(), Some("3"));
    // The widget's field, not the page's element with the same id.
    let field = zerostep::platform::dom::element_near(&anchor, "buyer-family").expect("field");
    assert!(shadow.contains(Some(&field)));
    assert!(!decoy.is_same_node(Some(&field)));
}
