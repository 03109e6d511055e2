//! Entry point of the admin SPA: panic hook, then mount into `#zerostep-admin`.

use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("zerostep-admin"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match host {
        Some(host) => leptos::mount::mount_to(host, zerostep_admin::AdminApp).forget(),
        None => leptos::mount::mount_to_body(zerostep_admin::AdminApp),
    }
}
