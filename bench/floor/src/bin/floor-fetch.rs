//! Leptos and gloo-net, with no router: 「注文する」 posts the order as JSON
//! and shows the answer's order number.

use leptos::prelude::*;
use leptos::task::spawn_local;
use zerostep_bench_floor::{post_order, Order, PurchaseForm};

fn main() {
    leptos::mount::mount_to_body(|| {
        let placed = RwSignal::new(None::<String>);
        let place =
            move |order: Order| spawn_local(async move { placed.set(post_order(order).await) });
        view! {
            <PurchaseForm place=place />
            <p>{move || placed.get()}</p>
        }
    })
}
