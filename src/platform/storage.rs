//! The browser's storages. A full, disabled or blocked storage only costs
//! persistence: reads give nothing, writes are dropped.

/// Which storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// `localStorage`: this browser, across tabs and visits.
    Local,
    /// `sessionStorage`: this tab, across reloads.
    Session,
}

fn storage(store: Store) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match store {
        Store::Local => window.local_storage(),
        Store::Session => window.session_storage(),
    }
    .ok()
    .flatten()
}

/// The item `name` in `store`.
pub fn get(store: Store, name: &str) -> Option<String> {
    storage(store).and_then(|s| s.get_item(name).ok().flatten())
}

/// Stores (`Some`) or removes (`None`) the item `name` in `store`.
pub fn set(store: Store, name: &str, value: Option<&str>) {
    if let Some(s) = storage(store) {
        let _ = match value {
            Some(value) => s.set_item(name, value),
            None => s.remove_item(name),
        };
    }
}
