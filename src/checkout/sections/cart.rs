//! 買い物カゴ: the cart's lines with quantity change and removal.

use leptos::prelude::*;
use zerostep_domain::checkout::{Quote, MAX_QUANTITY};
use zerostep_domain::TaxRate;

use crate::cart::Cart;
use crate::i18n::{self, LocaleCtx, Msg};

/// The cart on the purchase page.
#[component]
pub fn CartSection(
    /// The server's prices for the cart (none while unknown).
    quote: impl Fn() -> Option<Quote> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let cart = crate::context::<Cart>();
    let standalone = !crate::embedded();
    let locale = crate::context::<LocaleCtx>();
    let priced = move |sku: &zerostep_domain::Sku| {
        quote().and_then(|q| q.lines.into_iter().find(|l| &l.sku == sku))
    };
    view! {
        <section class="zs-section zs-card" part="cart" aria-labelledby="cart-heading">
            <h2 id="cart-heading">{locale.t(Msg::ShoppingCart)}</h2>
            <Show
                when=crate::when(move || !cart.is_empty())
                fallback=move || view! {
                    <div class="zs-empty" data-testid="empty-cart">
                        <p>{locale.t(Msg::CartEmpty)}</p>
                        {standalone.then(|| view! {
                            <a href="/" class="zs-button">{locale.t(Msg::BackToShop)}</a>
                        })}
                    </div>
                }
            >
                {view! {
                <ul class="zs-cart-lines">
                    {move || Some(cart.lines().into_iter().map(|line| {
                            let sku = line.sku.clone();
                            let sku_minus = sku.clone();
                            let sku_plus = sku.clone();
                            let sku_remove = sku.clone();
                            let sku_for_price = sku.clone();
                            let sku_for_name = sku.clone();
                            let qty = line.quantity;
                            let name = move || priced(&sku_for_name).map(|l| locale.get().pick(l.name.as_ref(), l.name_en.as_ref().map(AsRef::as_ref)).to_owned()).unwrap_or_else(|| sku.to_string());
                            let amount = move || priced(&sku_for_price).map(|l| {
                                let mark = if l.tax_rate == TaxRate::Reduced { "※" } else { "" };
                                format!("¥{}{mark}", l.amount.grouped())
                            });
                            let shown_name = name.clone();
                            view! {
                                <li class="zs-cart-line" data-testid="cart-line">
                                    <span class="zs-cart-name">{move || shown_name()}</span>
                                    <div class="zs-qty" role="group" aria-label=move || i18n::quantity_of(locale.get(), &name())>
                                        <button type="button" class="zs-button zs-qty-button"
                                            aria-label=locale.t(Msg::DecreaseQuantity)
                                            disabled={qty <= 1}
                                            on:click=crate::handler(move |_| cart.set_quantity(&sku_minus, qty.saturating_sub(1)))>"−"</button>
                                        <span class="zs-qty-value" data-testid="quantity" aria-live="off">{qty}</span>
                                        <button type="button" class="zs-button zs-qty-button"
                                            aria-label=locale.t(Msg::IncreaseQuantity)
                                            disabled={qty >= MAX_QUANTITY}
                                            on:click=crate::handler(move |_| cart.set_quantity(&sku_plus, qty.saturating_add(1)))>"+"</button>
                                    </div>
                                    <span class="zs-cart-amount" data-testid="line-amount">{move || amount().unwrap_or_default()}</span>
                                    <button type="button" class="zs-link-button" on:click=crate::handler(move |_| cart.remove(&sku_remove))>
                                        {locale.t(Msg::Remove)}
                                    </button>
                                </li>
                            }
                    }).collect_view().into_any())}
                </ul>
                {standalone.then(|| view! {
                    <a href="/" class="zs-link-button zs-continue" data-testid="continue-shopping">{locale.t(Msg::ContinueShopping)}</a>
                })}
                }.into_any()}
            </Show>
        </section>
    }
}
