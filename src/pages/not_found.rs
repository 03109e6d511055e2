//! The page for an unknown route.

use leptos::prelude::*;

use crate::i18n::{LocaleCtx, Msg};

/// Says the page does not exist and links back to the shop.
#[component]
pub fn NotFound() -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    view! {
        <section class="zs-section">
            <h1>{locale.t(Msg::NotFound)}</h1>
            <a href="/">{locale.t(Msg::BackToShop)}</a>
        </section>
    }
}
