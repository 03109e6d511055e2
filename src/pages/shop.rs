//! The shop page (`/`): the catalogue from `GET /api/products`, each product
//! with 「カゴに入れる」, which puts it in the cart and brings the shopper to
//! the purchase page (the zero-step cart's gesture).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use zerostep_domain::Product;

use crate::api;
use crate::cart::Cart;
use crate::components::announcer::Announcement;
use crate::components::product_card::ProductCard;
use crate::i18n::{added_to_cart, LocaleCtx, Msg};

/// Lists the products, with loading and error states.
#[component]
pub fn ShopPage() -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let cart = crate::context::<Cart>();
    let announcement = crate::context::<Announcement>();
    let client = api::ApiClient::from_context();
    let products = crate::task::Fetched::new(move || {
        let client = client.clone();
        async move { client.products().await }
    });
    let navigate = use_navigate();
    let on_add = Callback::new(move |product: Product| {
        announcement.say(added_to_cart(
            locale.0.get_untracked(),
            locale.0.get_untracked().pick(
                product.name.as_ref(),
                product.name_en.as_ref().map(AsRef::as_ref),
            ),
        ));
        cart.add(product.sku);
        navigate("/checkout", Default::default());
    });

    view! {
        <section class="zs-section" aria-labelledby="products-heading">
            <h1 id="products-heading">{locale.t(Msg::Products)}</h1>
            {move || match products.get() {
                None => view! { <p class="zs-loading" role="status">{locale.t(Msg::Loading)}</p> }.into_any(),
                Some(Ok(list)) => product_grid(list, on_add, locale),
                Some(Err(e)) => view! {
                    <div class="zs-error" role="alert" data-testid="load-error">
                        <p>{locale.t(Msg::LoadFailed)}</p>
                        <ul><li>{move || e.shown(locale.get())}</li></ul>
                        <button type="button" class="zs-button" on:click=crate::handler(move |_| products.refetch())>
                            {locale.t(Msg::Retry)}
                        </button>
                    </div>
                }.into_any(),
            }}
            <p class="zs-footnote">{locale.t(Msg::ReducedRateNote)}</p>
        </section>
    }
}

fn product_grid(list: Vec<Product>, on_add: Callback<Product>, locale: LocaleCtx) -> AnyView {
    if list.is_empty() {
        return view! { <p>{locale.t(Msg::NoProducts)}</p> }.into_any();
    }
    view! {
        <div class="zs-products">
            {list.into_iter().map(|product| view! { <ProductCard product on_add/> }).collect_view()}
        </div>
    }
    .into_any()
}
