//! The completion page (`/complete`): the 注文番号 and what happens next.

use leptos::prelude::*;

use crate::checkout::completion::{LastOrder, OrderCompletion};
use crate::i18n::{LocaleCtx, Msg};

/// Thanks, the order number, and the next steps.
#[component]
pub fn CompletePage() -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let last = crate::context::<LastOrder>();
    let back = move || {
        view! {
            <a href="/" class="zs-button">{locale.t(Msg::BackToShop)}</a>
        }
    };
    view! {
        {move || match last.0.get() {
            None => view! {
                <section class="zs-section zs-card zs-complete" aria-labelledby="complete-heading">
                    <h1 id="complete-heading">{locale.t(Msg::NoRecentOrder)}</h1>
                    {back()}
                </section>
            }.into_any(),
            Some(order) => view! { <OrderCompletion order/> {back()} }.into_any(),
        }}
    }
}
