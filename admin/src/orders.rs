//! 受注一覧: search by 注文番号, 受付番号 or name; each row links to its detail.

use leptos::prelude::*;
use leptos_router::components::A;
use serde::Deserialize;

use crate::api;

/// A row of the list.
#[derive(Debug, Clone, Deserialize)]
pub struct OrderRow {
    order_number: String,
    receipt_no: String,
    created_at: String,
    buyer: String,
    total: i64,
    payment_method: String,
    payment_status: String,
}

fn method_name(code: &str) -> &'static str {
    match code {
        "card" => "クレジットカード決済",
        "bank_transfer" => "銀行振込",
        _ => "その他",
    }
}

/// Builds the list's query string from the search box.
fn query(q: &str) -> String {
    let q = q.trim();
    if q.is_empty() {
        String::new()
    } else {
        let encoded = js_sys::encode_uri_component(q);
        format!("?q={}", String::from(encoded))
    }
}

/// The order list.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let search = RwSignal::new(String::new());
    let applied = RwSignal::new(String::new());
    let rows = LocalResource::new(move || {
        let q = query(&applied.get());
        async move { api::get::<Vec<OrderRow>>(&format!("/orders{q}")).await }
    });
    view! {
        <section class="za-card" aria-labelledby="orders-heading">
            <h2 id="orders-heading">"受注一覧 / Orders"</h2>
            <form class="za-search" on:submit=move |ev| { ev.prevent_default(); applied.set(search.get_untracked()); }>
                <label for="order-search">"注文番号・受付番号・お名前"</label>
                <input id="order-search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                <button type="submit" class="za-button">"検索"</button>
            </form>
            <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! { <p>"該当する注文はありません。"</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="za-table">
                                <thead><tr><th>"注文番号"</th><th>"受付番号"</th><th>"注文日時"</th><th>"ご注文者"</th><th>"合計"</th><th>"支払方法"</th><th>"状態"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|r| view! {
                                        <tr data-testid="order-row">
                                            <td><A href=format!("/admin/orders/{}", r.order_number)>{r.order_number.clone()}</A></td>
                                            <td>{r.receipt_no}</td>
                                            <td>{crate::order_detail::when(&r.created_at)}</td>
                                            <td>{r.buyer}</td>
                                            <td class="za-num">{format!("¥{}", r.total)}</td>
                                            <td>{method_name(&r.payment_method)}</td>
                                            <td data-testid="order-status">{r.payment_status}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <p class="za-error" role="alert">{e.message}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
