//! Entry point of the checkout SPA: panic hook, then mount into the host
//! element `#zerostep-checkout` (or `<body>` when the page has none).

use wasm_bindgen::JsCast;

fn main() {
    zerostep::platform::panic::install();
    // Mount in a task of its own: the task that loads the module (compiling
    // and instantiating it) then ends before the first render starts, so
    // neither blocks the page for long.
    leptos::prelude::set_timeout(mount, std::time::Duration::ZERO);
}

fn mount() {
    let host = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("zerostep-checkout"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match host {
        Some(host) => leptos::mount::mount_to(host, zerostep::App).forget(),
        None => leptos::mount::mount_to_body(zerostep::App),
    }
}
