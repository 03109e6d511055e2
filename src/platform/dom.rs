//! Finding elements whether the checkout lives in the page or in a Shadow DOM
//! (the embedded widget). Ids are looked up in the tree the checkout itself
//! belongs to, so a host page's own `id="buyer-email"` (or a second widget)
//! is never the one that gets the focus.

use wasm_bindgen::JsCast;

/// The element with `id` in the same tree as `anchor`: its shadow root's, or
/// the document's.
pub fn element_near(anchor: &web_sys::Node, id: &str) -> Option<web_sys::HtmlElement> {
    let root = anchor.get_root_node();
    let found = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id)),
    };
    found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Moves the focus to the element with `id` in `anchor`'s tree, if there is one.
pub fn focus_near(anchor: &web_sys::Node, id: &str) {
    if let Some(el) = element_near(anchor, id) {
        let _ = el.focus();
    }
}

/// The focused element in the tree `node` belongs to: the document's, or the
/// shadow root's when the checkout is embedded.
pub fn active_element_near(node: &web_sys::Node) -> Option<web_sys::Element> {
    let root = node.get_root_node();
    if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
        return shadow.active_element();
    }
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
}

/// The shop's name as the server wrote it into the page (`<meta
/// name="application-name">`, from 基本設定); empty when it has none.
pub fn shop_name() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=application-name]")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default()
}
