//! One module per route of the checkout SPA.

pub mod checkout;
pub mod complete;
pub mod not_found;
pub mod shop;

use leptos::prelude::*;

use crate::task::on_demand_part;

on_demand_part! {
    /// The completion page (`/complete`), on demand (`task::Part`).
    pub fn complete_page() {
        complete::CompletePage().into_any()
    }
}

on_demand_part! {
    /// The shop's page (`/`), on demand (`task::Part`).
    pub fn shop_page() {
        shop::ShopPage().into_any()
    }
}

/// Fetches the completion page's part once the shopper starts on the
/// purchase page, which asks (`task::after_first_input`), so that the thanks
/// never wait on the network.
pub fn preload_complete_page() {
    #[cfg(feature = "split")]
    crate::task::after_first_input(|| {
        leptos::task::spawn_local(async {
            let _ = __wasm_split_preload_complete_page().await;
        });
    });
}
