//! The panic hook of the checkout and the widget: the panic's message and
//! place on the console, as `console_error_panic_hook` writes them, without
//! the JavaScript stack trace it adds (0.5 KB of first load; the browser
//! logs the module's own stack with the trap that follows the hook).

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Sends every panic's message to `console.error`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| console_error(&info.to_string())));
}
