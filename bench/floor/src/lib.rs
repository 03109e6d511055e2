//! One purchase form (two fields bound to signals, a confirmation modal) and
//! the JSON POST of its order, shared by the floor apps. Each app adds one
//! layer of the stack.

use leptos::prelude::*;

/// What the form collects.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Order {
    /// 氏名.
    pub name: String,
    /// 電話番号.
    pub phone: String,
}

/// The form: 「注文確認する」 opens the modal, 「注文する」 calls `place`.
#[component]
pub fn PurchaseForm(#[prop(into)] place: Callback<Order>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    view! {
        <h1>"ご購入手続き"</h1>
        <label>"氏名"<input prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) /></label>
        <label>"電話番号"<input prop:value=phone on:input=move |ev| phone.set(event_target_value(&ev)) /></label>
        <button on:click=move |_| confirming.set(true)>"注文確認する"</button>
        <Show when=move || confirming.get()>
            <div role="dialog">
                <p>{move || name.get()}" / "{move || phone.get()}</p>
                <button on:click=move |_| {
                    place.run(Order { name: name.get_untracked(), phone: phone.get_untracked() })
                }>"注文する"</button>
            </div>
        </Show>
    }
}

#[derive(serde::Deserialize)]
struct Placed {
    order_number: String,
}

/// Posts `order` as JSON and returns the order number of the answer.
pub async fn post_order(order: Order) -> Option<String> {
    let request = gloo_net::http::Request::post("/api/orders")
        .json(&order)
        .ok()?;
    let response = request.send().await.ok()?;
    response.json::<Placed>().await.ok().map(|p| p.order_number)
}
