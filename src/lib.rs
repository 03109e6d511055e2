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
pub mod i18n;
pub mod pages;
pub mod platform;
pub mod task;
pub mod widget;
pub mod wire;

pub use zerostep_domain::order::OrderPlaced;

/// The context of type `T` the app provides near its root. `expect_context`
/// names the type in its panic message, so each type compiled its own copy;
/// here one message serves them all.
pub fn context<T: Clone + 'static>() -> T {
    use_context::<T>().unwrap_or_else(|| missing_context())
}

#[cold]
fn missing_context() -> ! {
    panic!("a context the checkout provides near its root is missing")
}

/// Present (as a context) when the checkout is hosted by another page: no
/// shop routes, no links back to the shop.
#[derive(Debug, Clone, Copy)]
pub struct Embedded;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::cart::Cart;
use crate::checkout::LastOrder;
use crate::components::announcer::{Announcement, Announcer};
use crate::components::header::Header;
use crate::i18n::LocaleCtx;
use crate::pages::checkout::CheckoutPage;
use crate::pages::complete::CompletePage;
use crate::pages::not_found::NotFound;
use crate::pages::shop::ShopPage;

/// The whole checkout app, with its contexts and routes.
#[component]
pub fn App() -> impl IntoView {
    provide_context(LocaleCtx::remembered());
    provide_context(api::ApiClient::default());
    provide_context(Cart::new());
    provide_context(Announcement::new());
    provide_context(LastOrder(RwSignal::new(None)));
    view! {
        <Router>
            <div class="zs-app">
                <Header/>
                <main class="zs-main">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=ShopPage/>
                        <Route path=path!("/checkout/:step?") view=CheckoutPage/>
                        <Route path=path!("/complete") view=CompletePage/>
                    </Routes>
                </main>
                <Announcer/>
            </div>
        </Router>
    }
}
