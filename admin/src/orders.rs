//! 受注一覧: search by 注文番号, 受付番号 or name; each row links to its detail.

use leptos::prelude::*;
use leptos_router::components::A;
use zerostep_domain::order::PaymentStatus;

use crate::api::{self, OrderFilter};

/// A payment method's kind, by its code (the guide's fixed label; a method's
/// own name is its configured one).
pub fn method_name(code: &str) -> &'static str {
    match code {
        "card" => "クレジットカード決済",
        "bank_transfer" => "銀行振込",
        _ => "その他",
    }
}

/// The order list.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let search = RwSignal::new(OrderFilter::default());
    let applied = RwSignal::new(OrderFilter::default());
    let rows = LocalResource::new(move || {
        let filter = applied.get();
        async move { api::orders(&filter).await }
    });
    // The methods by their configured names (by kind until they are read).
    let methods = LocalResource::new(api::payment_methods);
    let method_options = move || match methods.get().and_then(Result::ok) {
        Some(list) => list
            .into_iter()
            .map(|m| (m.code, m.name))
            .collect::<Vec<_>>(),
        None => ["card", "bank_transfer"]
            .map(|c| (c.to_owned(), method_name(c).to_owned()))
            .to_vec(),
    };
    view! {
        <section class="za-card" aria-labelledby="orders-heading">
            <h2 id="orders-heading">{crate::text::shown(&crate::text::orders())}</h2>
            <form class="za-search" on:submit=move |ev| { ev.prevent_default(); applied.set(search.get_untracked()); }>
                <label for="order-search">"注文番号・受付番号・お名前"</label>
                <input id="order-search" prop:value=move || search.get().q on:input=move |ev| search.update(|f| f.q = event_target_value(&ev))/>
                <label for="order-status">"決済状況"</label>
                <select id="order-status" on:change=move |ev| search.update(|f| f.status = event_target_value(&ev))>
                    <option value="">"すべて"</option>
                    // A declined or failed attempt is not an order: it is in 決済エラー履歴.
                    {PaymentStatus::ALL.iter().filter(|s| !matches!(s, PaymentStatus::Declined | PaymentStatus::Failed)).map(|s| view! { <option value=s.as_str()>{s.ja()}</option> }).collect_view()}
                </select>
                <label for="order-method">"支払方法"</label>
                <select id="order-method" on:change=move |ev| search.update(|f| f.payment_method = event_target_value(&ev))>
                    <option value="">"すべて"</option>
                    {move || method_options().into_iter().map(|(code, name)| {
                        let chosen = search.with_untracked(|f| f.payment_method == code);
                        view! { <option value=code selected=chosen>{name}</option> }
                    }).collect_view()}
                </select>
                <label for="order-from">"注文日（から）"</label>
                <input id="order-from" type="date" on:change=move |ev| search.update(|f| f.from = event_target_value(&ev))/>
                <label for="order-to">"（まで）"</label>
                <input id="order-to" type="date" on:change=move |ev| search.update(|f| f.to = event_target_value(&ev))/>
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
                                            <td class="za-num">{crate::order_detail::yen(r.total)}</td>
                                            <td>{r.payment_name.clone().unwrap_or_else(|| method_name(&r.payment_method).to_owned())}</td>
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
