//! One product on the shop page, with its 「カゴに入れる」 button.

use leptos::prelude::*;
use zerostep_domain::{Product, TaxRate};

use crate::i18n::{shop_text, LocaleCtx, Msg};

/// A product's name, tax-included price and add-to-cart button.
#[component]
pub fn ProductCard(
    /// The product to show.
    product: Product,
    /// Called with the product when 「カゴに入れる」 is pressed.
    #[prop(into)]
    on_add: Callback<Product>,
) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let reduced = product.tax_rate == TaxRate::Reduced;
    let name = shop_text(
        product.name.to_string(),
        product.name_en.clone().map(String::from),
    );
    let price = product.price.grouped();
    let sku = product.sku.to_string();
    let heading_id = format!("product-{sku}");
    let labelled_by = heading_id.clone();
    let add = move |_| on_add.run(product.clone());
    view! {
        <article class="zs-product" aria-labelledby=labelled_by data-testid="product" data-sku=sku>
            <h3 class="zs-product-name" id=heading_id>{name}</h3>
            <p class="zs-price">
                <span class="zs-price-amount" data-testid="price">{format!("¥{price}")}</span>
                <span class="zs-price-note">{locale.t(Msg::TaxIncluded)}</span>
            </p>
            {reduced.then(|| view! { <p class="zs-reduced">{locale.t(Msg::ReducedRate)}</p> })}
            <button type="button" class="zs-button zs-button-primary" on:click=crate::handler(add)>
                {locale.t(Msg::AddToCart)}
            </button>
        </article>
    }
}
