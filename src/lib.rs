//! Zerostep's shopper SPA: the shop page and the zero-step purchase page
//! (`/checkout`); the confirmation modal and completion page build on it.
//!
//! [`App`] provides the shared contexts (language, cart, announcements) and
//! the routes. Everything the server is asked goes through [`api`].
//!
//! The same checkout is a component other apps can host:
//! [`widget::ZeroStepCheckout`] (see EMBEDDING.md), which the embeddable
//! `<zerostep-checkout>` element (`src/bin/embed.rs`) also renders.

pub mod api;
pub mod cart;
pub mod checkout;
pub mod components;
pub mod erased;
pub mod i18n;
pub mod pages;
pub mod platform;
pub mod task;
pub mod widget;
pub mod wire;

pub use erased::{handler, reactive, when, Reactive};

pub use zerostep_domain::order::OrderPlaced;

/// The handle of type `T` the app provides near its root (or the purchase
/// flow near its own). Each `use_context` type compiles its own lookup,
/// so the handles live in two contexts only, the [`Shell`] and the flow's
/// forms, and each type picks its own out of them.
pub fn context<T: Shared>() -> T {
    T::pick().unwrap_or_else(|| missing_context())
}

/// A handle found through [`context`].
pub trait Shared: Sized {
    /// The handle, if its context is provided.
    fn pick() -> Option<Self>;
}

#[cold]
fn missing_context() -> ! {
    panic!("a context the checkout provides near its root is missing")
}

/// What every part of the app shares, provided once near its root by the
/// shop's app or by the widget.
#[derive(Debug, Clone)]
pub struct Shell {
    /// The page's language.
    pub locale: LocaleCtx,
    /// Our backend.
    pub api: api::ApiClient,
    /// The cart.
    pub cart: Cart,
    /// What screen readers are told.
    pub announcement: Announcement,
    /// The order just placed, for the completion page (the shop's app only).
    pub last_order: Option<LastOrder>,
    /// Hosted by another page (the widget): no shop routes, no links back
    /// to the shop.
    pub embedded: bool,
}

impl Shell {
    /// The shop's own: in `locale`, with the page's backend and the cart
    /// kept in `localStorage`.
    pub fn new(locale: LocaleCtx) -> Shell {
        Shell {
            locale,
            api: api::ApiClient::default(),
            cart: Cart::new(),
            announcement: Announcement::new(),
            last_order: Some(LastOrder(RwSignal::new(None))),
            embedded: false,
        }
    }

    /// The shell provided near the root, if any.
    pub fn provided() -> Option<Shell> {
        use_context::<Shell>()
    }
}

/// Whether the checkout is hosted by another page (the widget).
pub fn embedded() -> bool {
    Shell::provided().is_some_and(|s| s.embedded)
}

impl Shared for LocaleCtx {
    fn pick() -> Option<Self> {
        Shell::provided().map(|s| s.locale)
    }
}

impl Shared for Cart {
    fn pick() -> Option<Self> {
        Shell::provided().map(|s| s.cart)
    }
}

impl Shared for Announcement {
    fn pick() -> Option<Self> {
        Shell::provided().map(|s| s.announcement)
    }
}

impl Shared for LastOrder {
    fn pick() -> Option<Self> {
        Shell::provided().and_then(|s| s.last_order)
    }
}

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::cart::Cart;
use crate::checkout::LastOrder;
use crate::components::announcer::{Announcement, Announcer};
use crate::components::header::Header;
use crate::i18n::LocaleCtx;
use crate::pages::checkout::CheckoutPage;
use crate::pages::not_found::NotFound;

/// The whole checkout app, with its contexts and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_context(Shell::new(LocaleCtx::remembered()));
    // The router, the header, then the page under it are each set up in a
    // task of their own, after the one that provides the contexts.
    let framed = task::next_task();
    let headed = task::next_task();
    let routed = task::next_task();
    view! {
        <Show when=when(move || framed.get())>
        {view! { <Router>
            <div class="zs-app">
                <Show when=when(move || headed.get())>
                    {view! { <Header/> }.into_any()}
                </Show>
                <main class="zs-main">
                    <Show when=when(move || routed.get())>
                    {view! { <Routes fallback=NotFound>
                        <Route path=path!("/") view=|| task::on_demand(pages::shop_page())/>
                        <Route path=path!("/checkout/:step?") view=CheckoutPage/>
                        <Route path=path!("/complete") view=|| task::on_demand(pages::complete_page())/>
                    </Routes> }.into_any()}
                    </Show>
                </main>
                <Announcer/>
            </div>
        </Router> }.into_any()}
        </Show>
    }
}
