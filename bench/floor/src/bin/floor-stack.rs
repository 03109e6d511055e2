//! The mandated stack: Leptos, leptos_router and gloo-net. 「注文する」 posts
//! the order as JSON and navigates to the completion route with the answer.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use zerostep_bench_floor::{Order, PurchaseForm};

#[derive(serde::Deserialize)]
struct Placed {
    order_number: String,
}

#[component]
fn Checkout() -> impl IntoView {
    let navigate = use_navigate();
    let place = move |order: Order| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let placed = match gloo_net::http::Request::post("/api/orders").json(&order) {
                Ok(request) => match request.send().await {
                    Ok(response) => response.json::<Placed>().await.ok(),
                    Err(_) => None,
                },
                Err(_) => None,
            };
            if let Some(placed) = placed {
                navigate(
                    &format!("/complete/{}", placed.order_number),
                    Default::default(),
                );
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
