//! 決済エラー履歴: declined and failed card attempts, which are not orders.
//! Each with its time, amount, Yamato's codes, e-mail and IP; many from one
//! address or e-mail in a short time is what card testing looks like.

use leptos::prelude::*;

use crate::api;

/// The page.
#[component]
pub fn PaymentErrorsPage() -> impl IntoView {
    let attempts = LocalResource::new(api::payment_errors);
    view! {
        <section class="za-card" aria-labelledby="payment-errors-heading">
            <h2 id="payment-errors-heading">"決済エラー履歴"</h2>
            <p class="za-note">"与信が通らなかった決済です。注文にはならず、受注一覧には表示されません。"</p>
            <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
                {move || Suspend::new(async move {
                    match attempts.await {
                        Ok(list) if list.is_empty() => view! { <p>"決済エラーはありません。"</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="za-table" data-testid="payment-errors">
                                <thead><tr><th>"日時"</th><th>"金額"</th><th>"結果"</th><th>"エラーコード"</th><th>"メールアドレス"</th><th>"IPアドレス"</th><th>"受付番号"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| {
                                        let codes = match (a.error_code, a.credit_error_code) {
                                            (Some(e), Some(c)) => format!("{e}（{c}）"),
                                            (Some(e), None) => e,
                                            (None, Some(c)) => c,
                                            (None, None) => "—".to_owned(),
                                        };
                                        view! {
                                            <tr>
                                                <td>{crate::order_detail::when(&a.at)}</td>
                                                <td class="za-num">{crate::order_detail::yen(a.total)}</td>
                                                <td>{a.outcome}</td>
                                                <td>{codes}</td>
                                                <td>{a.email}</td>
                                                <td>{a.ip.unwrap_or_else(|| "—".to_owned())}</td>
                                                <td>{a.receipt_no}</td>
                                            </tr>
                                        }
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
