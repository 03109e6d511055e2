//! Leptos alone: the form, placing the order in memory.

use leptos::prelude::*;
use zerostep_bench_floor::{Order, PurchaseForm};

fn main() {
    leptos::mount::mount_to_body(|| {
        let placed = RwSignal::new(None::<String>);
        view! {
            <PurchaseForm place=move |order: Order| placed.set(Some(order.name)) />
            <p>{move || placed.get()}</p>
        }
    })
}
