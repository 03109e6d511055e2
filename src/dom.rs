//! Finding elements whether the checkout lives in the page or in a Shadow DOM
//! (the embedded widget). Ids inside a shadow root are invisible to
//! `document.getElementById`, so the widget registers its roots here.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    static ROOTS: RefCell<Vec<web_sys::ShadowRoot>> = const { RefCell::new(Vec::new()) };
}

/// Makes elements in `root` findable by [`by_id`] (the widget, on mount).
pub fn register_root(root: web_sys::ShadowRoot) {
    ROOTS.with(|r| r.borrow_mut().push(root));
}

/// Forgets `root` (the widget, on destroy).
pub fn unregister_root(root: &web_sys::ShadowRoot) {
    ROOTS.with(|r| r.borrow_mut().retain(|x| x != root));
}

/// The element with `id`, in the document or in a registered shadow root.
pub fn by_id(id: &str) -> Option<web_sys::HtmlElement> {
    let in_document = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    let found = in_document.or_else(|| {
        ROOTS.with(|r| {
            r.borrow()
                .iter()
                .find_map(|root| root.get_element_by_id(id))
        })
    });
    found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Moves the focus to the element with `id`, if there is one.
pub fn focus(id: &str) {
    if let Some(el) = by_id(id) {
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
