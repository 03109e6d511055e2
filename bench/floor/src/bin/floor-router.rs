//! Leptos and leptos_router: the form on /checkout, 「注文する」 navigates to
//! the completion route.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use zerostep_bench_floor::{Order, PurchaseForm};

#[component]
fn Checkout() -> impl IntoView {
    let navigate = use_navigate();
    view! {
        <PurchaseForm place=move |_order: Order| navigate("/complete", Default::default()) />
    }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "404">
                    <Route path=path!("/checkout") view=Checkout />
                    <Route path=path!("/complete") view=|| view! { <p>"ご注文ありがとうございました"</p> } />
                </Routes>
            </Router>
        }
    })
}
