//! 受注詳細: the order, its payment status, and the payment operations —
//! 問い合わせ番号 「登録」 (E01, 売上確定), 再与信 (A11), 取消 (A06), 金額変更 (A07),
//! 状態を更新 (E04) — with the API操作履歴. Gateway messages show as received.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use zerostep_domain::api::admin::{AmountRequest, ShippingNoticeMode, SlipRequest};

use crate::api::{self, OrderOperation};
use crate::order_facts::{self, OrderFacts};
use crate::SessionCtx;

fn operation_name(fd: &str) -> &'static str {
    match fd {
        "A08" => "与信（A08）",
        "A09" => "本人認証後の与信（A09）",
        "A11" => "再与信（A11）",
        "A06" => "取消（A06）",
        "A07" => "金額変更（A07）",
        "E01" => "出荷情報登録（E01）",
        "E02" => "出荷情報取消（E02）",
        "E04" => "取引情報照会（E04）",
        _ => "その他",
    }
}

/// An amount of yen as the merchant reads it: `4,180`.
pub fn grouped(yen: i64) -> String {
    zerostep_domain::Yen::new(yen).map_or_else(|_| yen.to_string(), |y| y.grouped())
}

/// An amount as the admin shows every amount: `¥5,260`.
pub fn yen(amount: i64) -> String {
    format!("¥{}", grouped(amount))
}

/// A price of the catalogue or a quote, shown as [`yen`].
pub fn price(amount: zerostep_domain::Yen) -> String {
    format!("¥{}", amount.grouped())
}

/// Asks the merchant to confirm `text` (the browser's dialog).
pub fn confirm(text: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(text).ok())
        .unwrap_or(false)
}

/// An RFC 3339 instant as Japan time: `2026-11-29 12:36:09`.
pub fn when(s: &str) -> String {
    let utc = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(s));
    if utc.get_time().is_nan() {
        return s.to_owned();
    }
    let jst = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        utc.get_time() + 9.0 * 3_600_000.0,
    ));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        jst.get_utc_full_year(),
        jst.get_utc_month() + 1,
        jst.get_utc_date(),
        jst.get_utc_hours(),
        jst.get_utc_minutes(),
        jst.get_utc_seconds()
    )
}

/// 配送通知メール for the registered slip: when it went out, or the button
/// that sends it (the shop's choice in 基本設定 says whether 「登録」 did).
fn shipping_notice(
    (sent_at, mode): (Option<String>, ShippingNoticeMode),
    busy: impl Fn() -> bool + Send + Sync + 'static,
    send: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let state = match (&sent_at, mode) {
        (Some(at), _) => format!("送信済み（{}）", when(at)),
        (None, ShippingNoticeMode::OnRegister) => {
            "未送信（登録時の自動送信ができませんでした）".to_owned()
        }
        (None, ShippingNoticeMode::Manual) => "未送信（基本設定：受注明細から送信）".to_owned(),
    };
    view! {
        <p data-testid="shipping-notice">"配送通知メール：" {state}</p>
        {sent_at.is_none().then(|| view! {
            <button type="button" class="za-button" disabled=busy on:click=move |_| send()>"配送通知メールを送信"</button>
        })}
    }
}

/// The detail page.
#[component]
pub fn OrderDetailPage() -> impl IntoView {
    let params = use_params_map();
    let session = expect_context::<SessionCtx>();
    let number = move || params.with(|p| p.get("number").unwrap_or_default());
    let detail = LocalResource::new(move || {
        let n = number();
        async move { api::order(&n).await }
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let slip = RwSignal::new(String::new());
    let new_price = RwSignal::new(String::new());
    let operate = Action::new_local(move |(op, done): &(OrderOperation, &'static str)| {
        let (op, done) = (op.clone(), *done);
        let (csrf, n) = (session.csrf(), number());
        async move {
            let result = api::operate(&csrf, &n, &op).await;
            message.set(Some(match &result {
                Ok(()) => (true, done.to_owned()),
                Err(e) => (false, e.message.clone()),
            }));
            detail.refetch();
        }
    });
    // One operation at a time: a double click sends nothing twice (the
    // server also refuses a second change while one runs: `order_busy`).
    let busy = move || operate.pending().get();
    let run = move |op: OrderOperation, done: &'static str| {
        if operate.pending().get_untracked() {
            return;
        }
        operate.dispatch((op, done));
    };
    view! {
        <p><A href="/admin/">"← 受注一覧へ"</A></p>
        {move || message.get().map(|(ok, text)| view! {
            <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="operation-message">{text}</div>
        })}
        <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Err(e) => view! { <p class="za-error" role="alert">{e.message}</p> }.into_any(),
                    Ok(d) => {
                        let card = d.payment_method == "card";
                        // 取消 and 金額変更 where the gateway allows them; where
                        // not, why (once when it is one reason for both).
                        let (can_cancel, can_change) = (d.cancel_unavailable.is_none(), d.change_amount_unavailable.is_none());
                        let mut unavailable: Vec<_> = [d.cancel_unavailable.clone(), d.change_amount_unavailable.clone()].into_iter().flatten().collect();
                        unavailable.dedup();
                        let authorized = d.total;
                        // 「クレジットカード決済（名称設定で設定した名称）」, as the guide shows it.
                        let kind = crate::orders::method_name(&d.payment_method);
                        let method = d.payment_name.clone().map_or_else(|| kind.to_owned(), |name| format!("{kind}（{name}）"));
                        let slip_no = d.slip_no.clone();
                        let notice = (d.shipping_notice_sent_at.clone(), d.shipping_notice);
                        view! {
                            <section class="za-card" aria-labelledby="detail-heading">
                                <h2 id="detail-heading">{format!("注文番号 {}", d.order_number)}</h2>
                                // The guide puts 問い合わせ番号 and 「登録」 at the top of 受注明細.
                                {card.then(|| view! {
                                    <div class="za-slip" data-testid="slip">
                                        {d.can_register_slip.then(|| view! {
                                            <form class="za-inline" on:submit=move |ev| {
                                                ev.prevent_default();
                                                run(OrderOperation::Ship(SlipRequest { slip_no: slip.get_untracked() }), "問い合わせ番号を登録しました（売上確定処理）。");
                                            }>
                                                <label for="slip-no-input">"問い合わせ番号"</label>
                                                <input id="slip-no-input" inputmode="numeric" prop:value=move || slip.get() on:input=move |ev| slip.set(event_target_value(&ev))/>
                                                <button type="submit" class="za-button" disabled=busy>"登録"</button>
                                            </form>
                                        })}
                                        {slip_no.clone().map(|s| view! {
                                            <p>"問い合わせ番号 " <strong data-testid="slip-no">{s.clone()}</strong></p>
                                            {d.can_withdraw_slip.then(|| view! {
                                                <button type="button" class="za-button" disabled=busy on:click=move |_| {
                                                    if confirm(&format!("問い合わせ番号 {s} の登録を取り消します（出荷情報取消）。売上確定前の状態（与信完了）に戻ります。よろしいですか？")) {
                                                        run(OrderOperation::WithdrawSlip, "問い合わせ番号の登録を取り消しました。");
                                                    }
                                                }>"問い合わせ番号を取り消す"</button>
                                            })}
                                            {shipping_notice(notice.clone(), busy, move || {
                                                if confirm("この問い合わせ番号を記載した配送通知メールを購入者に送信します。よろしいですか？") {
                                                    run(OrderOperation::ShippingNotice, "配送通知メールを送信しました（メール送信履歴に記録されます）。");
                                                }
                                            })}
                                        })}
                                    </div>
                                })}
                                {d.last_reauth_at.clone().map(|t| view! { <p class="za-note" data-testid="last-reauth">{format!("再与信 前回実行日時: {}", when(&t))}</p> })}
                                <dl class="za-facts">
                                    <dt>"支払方法"</dt><dd data-testid="payment-method">{method}</dd>
                                    {d.pay_way.map(|n| view! { <dt>"支払回数"</dt><dd data-testid="pay-way">{order_facts::pay_way_text(n)}</dd> })}
                                    <dt>"受付番号"</dt><dd data-testid="receipt-no">{d.receipt_no.clone()}</dd>
                                    <dt>"決済状況"</dt><dd data-testid="payment-status">{d.payment_status.clone()}</dd>
                                    <dt>"与信承認番号"</dt><dd>{d.crd_c_res_cd.clone().unwrap_or_else(|| "—".into())}</dd>
                                    {d.three_d_secure.clone().map(|t| view! { <dt>"3Dセキュア"</dt><dd data-testid="three-d-secure">{three_d_text(&t)}</dd> })}
                                    <dt>"与信の残り日数"</dt><dd data-testid="hold-days">{d.hold_days_left.map_or_else(|| "—".to_owned(), |n| format!("{n}日"))}</dd>
                                    {(!card).then(|| view! { <dt>"問い合わせ番号"</dt><dd>{slip_no.clone().unwrap_or_else(|| "未登録".into())}</dd> })}
                                    <dt>"決済金額"</dt><dd data-testid="charged">{yen(d.total)}</dd>
                                </dl>
                            </section>
                            <OrderFacts buyer=d.buyer.clone() recipient=d.recipient.clone() delivery=d.delivery.clone()
                                delivery_name=d.delivery_method_name.clone() quote=d.quote.clone()/>
                            {card.then(|| view! {
                                <section class="za-card" aria-labelledby="ops-heading">
                                    <h2 id="ops-heading">"決済操作"</h2>
                                    {d.can_reauthorize.then(|| view! {
                                        <button type="button" class="za-button" disabled=busy on:click=move |_| run(OrderOperation::Reauthorize, "再与信が完了しました。")>"再与信"</button>
                                    })}
                                    {d.can_undo_cancel.then(|| {
                                        let held = d.total;
                                        view! {
                                            <p class="za-note">"この注文の決済は取り消されています。誤って取り消した場合は、取り消す前の金額でカードに再び与信を行えます。"</p>
                                            <button type="button" class="za-button" disabled=busy on:click=move |_| {
                                                if confirm(&format!("取消を取り消して再与信します。お客様のカードに{}円の与信（仮売上）が再び行われます。よろしいですか？", grouped(held))) {
                                                    run(OrderOperation::UndoCancel, "取消を取り消して再与信しました。");
                                                }
                                            }>"取消を取り消して再与信"</button>
                                        }
                                    })}
                                    <button type="button" class="za-button" disabled=busy on:click=move |_| run(OrderOperation::Sync, "決済状況を更新しました。")>"状態を更新"</button>
                                    {unavailable.iter().map(|why| view! { <p class="za-note" data-testid="operation-unavailable">{crate::text::shown(why)}</p> }).collect_view()}
                                    {can_change.then(|| view! {
                                    <form class="za-inline" on:submit=move |ev| {
                                        ev.prevent_default();
                                        let price = new_price.get_untracked();
                                        if let Ok(p) = price.trim().parse::<u64>() {
                                            // Above the amount held now, the shopper is charged more
                                            // than they agreed to: said so, and sent as an increase.
                                            let new = i64::try_from(p).unwrap_or(i64::MAX);
                                            let increase = new > authorized;
                                            let asked = if increase {
                                                format!("決済金額を{}円に変更します。与信額{}円を超える増額です（お客様のカードに差額の与信が行われます）。お客様の同意は得ていますか？", grouped(new), grouped(authorized))
                                            } else {
                                                format!("決済金額を{}円に変更します。よろしいですか？", grouped(new))
                                            };
                                            if confirm(&asked) {
                                                run(OrderOperation::ChangeAmount(AmountRequest { new_price: p, confirm_increase: increase }), "金額を変更しました。");
                                            }
                                        } else {
                                            message.set(Some((false, "金額は半角数字で入力してください。".into())));
                                        }
                                    }>
                                        <label for="new-price">"金額変更（円）"</label>
                                        <input id="new-price" inputmode="numeric" prop:value=move || new_price.get() on:input=move |ev| new_price.set(event_target_value(&ev))/>
                                        <button type="submit" class="za-button" disabled=busy>"金額変更"</button>
                                    </form>
                                    })}
                                    {can_cancel.then(|| view! {
                                    <button type="button" class="za-button za-danger" disabled=busy on:click=move |_| {
                                        if confirm("この注文の決済を取り消します。よろしいですか？") {
                                            run(OrderOperation::Cancel, "決済を取り消しました。");
                                        }
                                    }>"取消"</button>
                                    })}
                                </section>
                            })}
                            <section class="za-card" aria-labelledby="history-heading">
                                <h2 id="history-heading">"API操作履歴"</h2>
                                <table class="za-table" data-testid="history">
                                    <thead><tr><th>"日時"</th><th>"操作"</th><th>"実行者"</th><th>"結果"</th><th>"エラーコード"</th></tr></thead>
                                    <tbody>
                                        {d.operations.into_iter().map(|o| view! {
                                            <tr>
                                                <td>{when(&o.at)}</td>
                                                <td>{operation_name(&o.function_div)}</td>
                                                <td>{o.actor}</td>
                                                <td>{match o.outcome.as_str() { "ok" => "成功", "error" => "エラー", _ => "不明" }}</td>
                                                <td>{[o.error_code, o.credit_error_code].into_iter().flatten().collect::<Vec<_>>().join(" / ")}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// 3Dセキュア in 受注明細: where the authentication stands, and the issuer's
/// result with its meaning (`認証済み・与信完了（0000 認証成功）`).
fn three_d_text(t: &zerostep_domain::api::three_d::ThreeDSecureResult) -> String {
    match &t.result_code {
        Some(code) => format!(
            "{}（{code} {}）",
            t.state.ja(),
            zerostep_domain::api::three_d::result_text(code).0
        ),
        None => t.state.ja().to_owned(),
    }
}
