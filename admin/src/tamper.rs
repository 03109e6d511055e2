//! 改ざん検知: what browsers reported when one of our pages (the purchase
//! page, the admin) tried something its Content-Security-Policy forbids,
//! such as a script from an unknown host: the sign of a tampered page
//! (PCI DSS 4.0 6.4.3 and 11.6.1).

use leptos::prelude::*;

use crate::api;

/// The page.
#[component]
pub fn TamperPage() -> impl IntoView {
    let reports = LocalResource::new(api::csp_reports);
    view! {
        <section class="za-card" aria-labelledby="tamper-heading">
            <h2 id="tamper-heading" tabindex="-1">"改ざん検知（CSP違反レポート）"</h2>
            <p class="za-note">"購入画面と管理画面は、許可したスクリプト（当店のファイルとヤマト運輸のトークンJS）以外を実行しません。ブラウザーがそれ以外の読み込みを止めたとき、ここに届きます。見覚えのない送信元があれば、ページが改ざんされたおそれがあります。週に一度は確認してください（90日間保存）。"</p>
            <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
                {move || Suspend::new(async move {
                    match reports.await {
                        Ok(list) if list.is_empty() => view! { <p data-testid="csp-reports-empty">"違反の報告はありません。"</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="za-table" data-testid="csp-reports">
                                <thead><tr><th>"最終"</th><th>"件数"</th><th>"ページ"</th><th>"ディレクティブ"</th><th>"止められたもの"</th><th>"発生元"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{crate::order_detail::when(&r.last_at)}</td>
                                            <td class="za-num">{r.count}</td>
                                            <td>{r.page}</td>
                                            <td>{r.directive}</td>
                                            <td>{if r.sample.is_empty() { r.blocked } else { format!("{}（{}）", r.blocked, r.sample) }}</td>
                                            <td>{r.source}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <p class="za-error">{e.message}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
