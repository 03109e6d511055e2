//! The site header: the shop's name (from 基本設定, as the server wrote it
//! into the page), cart badge, language switch.

use leptos::prelude::*;

use crate::cart::Cart;
use crate::i18n::{LocaleCtx, Msg};

/// The header shown on every page.
#[component]
pub fn Header() -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let cart = crate::context::<Cart>();
    let switch = move |_| locale.0.update(|l| *l = l.other());
    let shop_name = crate::platform::dom::shop_name();
    // Plain links (the router takes their clicks), marked when they are
    // the page shown, as the router's own `<A>` would mark them.
    let path = leptos_router::hooks::use_location().pathname;
    let current = move |href: &'static str| move || (path.get() == href).then_some("page");
    view! {
        <header class="zs-header">
            <a href="/" class="zs-shop-name" data-testid="shop-name" aria-current=current("/")>
                // A shop not yet named links to its products by that name.
                {move || if shop_name.is_empty() { Msg::Products.text(locale.get()).to_owned() } else { shop_name.clone() }}
            </a>
            <div class="zs-header-tools">
                <a href="/checkout" class="zs-cart-badge" data-testid="cart-count" aria-current=current("/checkout")>
                    {locale.t(Msg::Cart)}
                    <span class="zs-badge" aria-label=move || format!("{} {}", Msg::Cart.text(locale.get()), cart.item_count())>
                        {move || cart.item_count()}
                    </span>
                </a>
                <button type="button" class="zs-lang-switch" lang=move || locale.0.get().other().tag() on:click=crate::handler(switch)>
                    {locale.t(Msg::SwitchLanguage)}
                </button>
            </div>
        </header>
    }
}
