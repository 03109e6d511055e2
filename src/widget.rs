//! The checkout as a component another app can host: the embeddable widget
//! (`<zerostep-checkout>`, built from `src/bin/embed.rs`) and Rust hosts that
//! use this crate as a library render [`ZeroStepCheckout`].
//!
//! ```no_run
//! use leptos::prelude::*;
//! use zerostep::widget::{ZeroStepCheckout, item};
//!
//! #[component]
//! fn ProductPage() -> impl IntoView {
//!     let items = RwSignal::new(vec![item("SENCHA-100", 2).expect("a valid SKU")]);
//!     let done = RwSignal::new(None::<String>);
//!     view! {
//!         <ZeroStepCheckout
//!             api="https://shop-api.example.jp"
//!             items=items
//!             on_complete=move |order: zerostep::OrderPlaced| done.set(Some(order.order_number))/>
//!     }
//! }
//! ```

use leptos::prelude::*;
use zerostep_domain::order::OrderPlaced;
use zerostep_domain::Sku;

use crate::api::{self, ApiError};
use crate::cart::{Cart, CartLine};
use crate::checkout::{
    AuthenticationEvent, CheckoutFlow, CheckoutHooks, CheckoutStatus, OrderCompletion,
};
use crate::components::announcer::{Announcement, Announcer};
use crate::i18n::{Locale, LocaleCtx};
use crate::Shell;

/// A cart line for [`ZeroStepCheckout`]'s `items`: `None` for an invalid SKU
/// or a quantity outside 1–99.
pub fn item(sku: &str, quantity: u8) -> Option<CartLine> {
    let sku = Sku::parse(sku).ok()?;
    (1..=zerostep_domain::checkout::MAX_QUANTITY)
        .contains(&quantity)
        .then_some(CartLine { sku, quantity })
}

/// The zero-step checkout (details, payment, confirmation modal, completion)
/// as one component. Renders inside a `.zs-app` block styled by
/// `style/main.css` and `style/widget.css`.
#[component]
pub fn ZeroStepCheckout(
    /// Our backend's base URL (its origin), e.g. `https://shop-api.example.jp`;
    /// empty for the page's own origin.
    #[prop(into)]
    api: String,
    /// What is bought; the host may change it at any time.
    #[prop(into)]
    items: Signal<Vec<CartLine>>,
    /// The language (日本語 by default).
    #[prop(optional, into)]
    locale: Option<Signal<Locale>>,
    /// The order was placed.
    #[prop(optional, into)]
    on_complete: Option<Callback<OrderPlaced>>,
    /// Validity or total changed.
    #[prop(optional, into)]
    on_change: Option<Callback<CheckoutStatus>>,
    /// The shopper was shown an error.
    #[prop(optional, into)]
    on_error: Option<Callback<ApiError>>,
    /// The card's authentication (EMV 3-D Secure) started or ended.
    #[prop(optional, into)]
    on_authentication: Option<Callback<AuthenticationEvent>>,
) -> impl IntoView {
    let locale_ctx = LocaleCtx::new();
    if let Some(l) = locale {
        locale_ctx.0.set(l.get_untracked());
        crate::task::effect(move || locale_ctx.0.set(l.get()));
    }
    let cart = Cart::with_lines(items.get_untracked());
    crate::task::effect(move || cart.replace(items.get()));
    provide_context(Shell {
        locale: locale_ctx,
        api: api::ApiClient::new(&api),
        cart,
        announcement: Announcement::new(),
        last_order: None,
        embedded: true,
    });

    let placed = RwSignal::new(None::<OrderPlaced>);
    let on_placed = Callback::new(move |order: OrderPlaced| {
        placed.set(Some(order.clone()));
        if let Some(cb) = on_complete {
            cb.run(order);
        }
    });
    let hooks = CheckoutHooks {
        on_placed: Some(on_placed),
        on_change,
        on_error,
        on_authentication,
    };
    view! {
        <div class="zs-app zs-widget" lang=move || locale_ctx.get().tag()>
            {move || Some(match placed.get() {
                Some(order) => view! { <OrderCompletion order/> }.into_any(),
                None => view! { <CheckoutFlow hooks/> }.into_any(),
            })}
            <Announcer/>
        </div>
    }
}
