//! The mandated stack: Leptos, leptos_router and gloo-net. 「注文する」 posts
//! the order as JSON and navigates to the completion route with the answer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use zerostep_bench_floor::{post_order, Order, PurchaseForm};

#[component]
fn Checkout() -> impl IntoView {
    let navigate = use_navigate();
    let place = move |order: Order| {
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Some(number) = post_order(order).await {
                navigate(&format!("/complete/{number}"), Default::default());
            }
        });
    };
    view! { <PurchaseForm place=place /> }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "404">
                    <Route path=path!("/checkout") view=Checkout />
                    <Route path=path!("/complete/:number") view=|| view! { <p>"ご注文ありがとうございました"</p> } />
                </Routes>
            </Router>
        }
    })
}
