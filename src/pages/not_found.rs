//! The page for an unknown route.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{LocaleCtx, Msg};

/// Says the page does not exist and links back to the shop.
#[component]
pub fn NotFound() -> impl IntoView {
    let locale = expect_context::<LocaleCtx>();
    view! {
        <section class="zs-section">
            <h1>{locale.t(Msg::NotFound)}</h1>
            <A href="/">{locale.t(Msg::BackToShop)}</A>
        </section>
    }
}
