//! The site header: shop name, cart badge, language switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::cart::Cart;
use crate::i18n::{LocaleCtx, Msg};

/// The header shown on every page.
#[component]
pub fn Header() -> impl IntoView {
    let locale = expect_context::<LocaleCtx>();
    let cart = expect_context::<Cart>();
    let switch = move |_| locale.0.update(|l| *l = l.other());
    view! {
        <header class="zs-header">
            <A href="/" attr:class="zs-shop-name">{locale.t(Msg::ShopName)}</A>
            <div class="zs-header-tools">
                <A href="/checkout" attr:class="zs-cart-badge" attr:data-testid="cart-count">
                    {locale.t(Msg::Cart)}
                    <span class="zs-badge" aria-label=move || format!("{} {}", locale.t(Msg::Cart)(), cart.item_count())>
                        {move || cart.item_count()}
                    </span>
                </A>
                <button type="button" class="zs-lang-switch" lang=move || locale.0.get().other().tag() on:click=switch>
                    {locale.t(Msg::SwitchLanguage)}
                </button>
            </div>
        </header>
    }
}
