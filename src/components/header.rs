//! The site header: the shop's name (from 基本設定, as the server wrote it
//! into the page), cart badge, language switch.

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
    let shop_name = crate::platform::dom::shop_name();
    view! {
        <header class="zs-header">
            <A href="/" attr:class="zs-shop-name" attr:data-testid="shop-name">
                // A shop not yet named links to its products by that name.
                {move || if shop_name.is_empty() { locale.t(Msg::Products)().to_owned() } else { shop_name.clone() }}
            </A>
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
