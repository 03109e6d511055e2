//! 宅配便・送料計算 (基本設定 ＞ 宅配便・送料計算): 宅配便基本設定 for every
//! delivery method — its name, お届け日の最短日数, 対応可能な支払方法 (by the
//! payment methods' configured names; the card method is offered only when
//! it is linked here, as the guide warns), 送料無料の基準額 and the fee per
//! prefecture (empty: 別途連絡) — and a new method added. Saved in two steps
//! like the other settings.

use leptos::prelude::*;

use zerostep_domain::api::admin::{
    delivery_name_problem, DeliverySettings as Delivery, Fee, PaymentMethodSummary,
};

use crate::{api, SessionCtx};

const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// 対応可能な支払方法 as the merchant reads them: each by its configured name
/// (its code if the method is gone), or なし.
fn accepted_names(payment: &[PaymentMethodSummary], accepts: &[String]) -> String {
    let named: Vec<&str> = accepts
        .iter()
        .map(|code| {
            payment
                .iter()
                .find(|m| &m.code == code)
                .map_or(code.as_str(), |m| m.name.as_str())
        })
        .collect();
    if named.is_empty() {
        "なし".to_owned()
    } else {
        named.join("、")
    }
}

/// The 宅配便・送料計算 page: every delivery method, one edited at a time.
#[component]
pub fn DeliveryPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let loaded = LocalResource::new(api::delivery_settings);
    let methods = LocalResource::new(api::payment_methods);
    // The method being edited: its code, or empty for a new one.
    let editing = RwSignal::new(None::<String>);
    let list = move || loaded.get().and_then(Result::ok).unwrap_or_default();
    let payment = move || methods.get().and_then(Result::ok).unwrap_or_default();
    // The first method is open at once, as the guide shows 宅配便基本設定.
    let opened = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(first) = list().into_iter().next() {
            if !opened.get_value() {
                opened.set_value(true);
                editing.set(Some(first.code));
            }
        }
    });
    let message = RwSignal::new(None::<(bool, String)>);
    let form_message = RwSignal::new(None::<(bool, String)>);
    let remove = Action::new_local(move |code: &String| {
        let (code, csrf) = (code.clone(), session.csrf());
        async move {
            let outcome = api::delete_delivery(&csrf, &code).await;
            message.set(Some(match outcome {
                Ok(()) => {
                    editing.set(None);
                    form_message.set(None);
                    (true, "配送方法を削除しました。".to_owned())
                }
                Err(e) => (false, e.message),
            }));
            loaded.refetch();
        }
    });
    view! {
        <section class="za-card" aria-labelledby="delivery-list-heading">
            <h2 id="delivery-list-heading">"宅配便・送料計算"</h2>
            {move || message.get().map(|(ok, t)| view! { <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="delivery-list-message">{t}</div> })}
            {move || {
                let deliveries = loaded.get().and_then(Result::ok)?;
                crate::settings::card_unreachable(&payment(), &deliveries)
                    .map(|w| view! { <p class="za-error" role="alert" data-testid="card-unreachable">{w}</p> })
            }}
            <table class="za-table" data-testid="delivery-list">
                <thead><tr><th scope="col">"配送方法"</th><th scope="col">"お届け日の最短日数"</th><th scope="col">"対応可能な支払方法"</th><th scope="col">"操作"</th></tr></thead>
                <tbody>
                    {move || list().into_iter().map(|d| {
                        let code = d.code.clone();
                        let gone = d.code.clone();
                        let name = d.name.clone();
                        view! {
                            <tr>
                                <td>{d.name.clone()}</td>
                                <td>{d.lead_days.map_or_else(String::new, |n| format!("{n}日"))}</td>
                                <td>{accepted_names(&payment(), &d.accepts)}</td>
                                <td><button type="button" class="za-button za-button-light" aria-label=format!("{}を編集", d.name)
                                    on:click=move |_| { form_message.set(None); editing.set(Some(code.clone())); }>"編集"</button>
                                    <button type="button" class="za-button za-button-light" aria-label=format!("{}を削除", d.name) disabled=move || remove.pending().get()
                                        on:click=move |_| if crate::order_detail::confirm(&format!("配送方法「{name}」を削除します。よろしいですか？")) { remove.dispatch(gone.clone()); }>"削除"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <button type="button" class="za-button" on:click=move |_| { form_message.set(None); editing.set(Some(String::new())); }>"配送方法を追加"</button>
        </section>
        // The form follows the method chosen (and the payment methods' names
        // once read), not the list's reloads, which would drop what is typed.
        {move || editing.get().map(|code| {
            let current = untrack(|| list().into_iter().find(|d| d.code == code));
            view! {
                <DeliveryForm initial=current payment=payment() message=form_message on_saved=move |saved: String| {
                    loaded.refetch();
                    // A new method closes its form; it is in the list now.
                    if saved.is_empty() {
                        message.set(Some((true, "配送方法を追加しました。".to_owned())));
                    }
                    editing.set((!saved.is_empty()).then_some(saved));
                }/>
            }
        })}
    }
}

/// 宅配便基本設定 of one delivery method (`initial`), or of a new one.
#[component]
fn DeliveryForm(
    /// The method as saved (`None`: a new method).
    initial: Option<Delivery>,
    /// The payment methods, for their configured names.
    payment: Vec<PaymentMethodSummary>,
    /// What the last save said (the page's, so a reloaded form keeps it).
    message: RwSignal<Option<(bool, String)>>,
    /// Called with the method's code once 「設定する」 saved it (empty for a new one).
    on_saved: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let adding = initial.is_none();
    let form = RwSignal::new(initial.unwrap_or_else(|| Delivery {
        lead_days: Some(2),
        ..Delivery::default()
    }));
    let confirming = RwSignal::new(false);
    let amounts = crate::amount::AmountErrors::new();
    // Each amount input follows its own value only: editing another field
    // leaves a wrong amount on screen beside its error.
    let free_from = Memo::new(move |_| form.with(|f| f.free_shipping_from));
    let save = Action::new_local(move |d: &Delivery| {
        let d = d.clone();
        let csrf = session.csrf();
        async move {
            let outcome = if adding {
                api::add_delivery(&csrf, &d).await
            } else {
                api::save_delivery_settings(&csrf, &d).await
            };
            confirming.set(false);
            message.set(Some(match outcome {
                Ok(()) => {
                    on_saved(d.code.clone());
                    (true, "宅配便基本設定を設定しました。".to_owned())
                }
                Err(e) => (false, e.message),
            }));
        }
    });
    let accepts = move |code: String| form.with(|f| f.accepts.contains(&code));
    let toggle = move |code: String, on: bool| {
        form.update(|f| {
            f.accepts.retain(|a| *a != code);
            if on {
                f.accepts.push(code);
            }
        })
    };
    let heading = if adding {
        "宅配便基本設定（新しい配送方法）".to_owned()
    } else {
        "宅配便基本設定".to_owned()
    };
    view! {
        <section class="za-card" aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">{heading}</h2>
            {move || message.get().map(|(ok, t)| view! { <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="delivery-message">{t}</div> })}
            <Show when=move || !confirming.get() fallback={
                let payment = payment.clone();
                move || {
                    let f = form.get();
                    view! {
                        <dl class="za-facts" data-testid="delivery-confirm">
                            <dt>"配送方法の名称"</dt><dd>{f.name.clone()}</dd>
                            <dt>"配送方法の名称（英語）"</dt><dd>{crate::text::english_or_japanese(f.name_en.as_deref())}</dd>
                            <dt>"お届け日の最短日数"</dt><dd>{f.lead_days.map_or_else(String::new, |n| format!("{n}日"))}</dd>
                            <dt>"対応可能な支払方法"</dt><dd>{accepted_names(&payment, &f.accepts)}</dd>
                            <dt>"送料無料の基準額"</dt><dd>{f.free_shipping_from.map_or("なし".to_owned(), crate::order_detail::yen)}</dd>
                        </dl>
                        <button type="button" class="za-button za-button-light" on:click=move |_| confirming.set(false)>"戻る"</button>
                        <button type="button" class="za-button" disabled=move || save.pending().get() on:click=move |_| { save.dispatch(form.get_untracked()); }>"設定する"</button>
                    }
                }
            }>
                <form class="za-settings" on:submit=move |ev| {
                    ev.prevent_default();
                    if let Some(problem) = form.with_untracked(|f| delivery_name_problem(&f.name)) {
                        message.set(Some((false, problem.ja)));
                        return;
                    }
                    match amounts.first() {
                        Some(e) => message.set(Some((false, e))),
                        None => { message.set(None); confirming.set(true); }
                    }
                }>
                    <label for="delivery-name">"配送方法の名称"</label>
                    <input id="delivery-name" prop:value=move || form.get().name on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
                    <label for="delivery-name-en">"配送方法の名称（英語・任意）"</label>
                    <input id="delivery-name-en" lang="en" aria-describedby="delivery-name-en-hint" prop:value=move || form.get().name_en.unwrap_or_default()
                        on:input=move |ev| form.update(|f| f.name_en = Some(event_target_value(&ev)))/>
                    <p class="za-note" id="delivery-name-en-hint">{crate::text::ENGLISH_HINT}</p>
                    <label for="delivery-lead">"お届け日の最短日数（注文日から）"</label>
                    <input id="delivery-lead" type="number" min="0" max="30" prop:value=move || form.get().lead_days.unwrap_or(2).to_string()
                        on:input=move |ev| form.update(|f| f.lead_days = event_target_value(&ev).parse().ok())/>
                    <fieldset>
                        <legend>"対応可能な支払方法"</legend>
                        {payment.iter().filter(|m| m.linked).map(|m| {
                            let code = m.code.clone();
                            let code2 = m.code.clone();
                            view! {
                                <label><input type="checkbox" prop:checked=move || accepts(code.clone())
                                    on:change=move |ev| toggle(code2.clone(), event_target_checked(&ev))/>{m.name.clone()}</label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <label for="free-from">"送料無料の基準額（円・空欄はなし）"</label>
                    <input id="free-from" inputmode="numeric" prop:value=move || free_from.get().map(|v| v.to_string()).unwrap_or_default()
                        on:input=move |ev| if let Some(v) = amounts.parse("free-from", "送料無料の基準額", &event_target_value(&ev)) { form.update(|f| f.free_shipping_from = v) }/>
                    {amounts.view("free-from".to_owned())}
                    <details>
                        <summary>"都道府県別送料（空欄は別途連絡）"</summary>
                        <div class="za-fees">
                            {(1u8..=47).map(|p| {
                                let id = format!("fee-{p}");
                                let fee = Memo::new(move |_| form.with(|f| f.fees.iter().find(|x| x.prefecture == p).and_then(|x| x.fee)));
                                view! {
                                    <label for=id.clone()>{PREFECTURES[usize::from(p - 1)]}</label>
                                    <input id=id.clone() inputmode="numeric"
                                        prop:value=move || fee.get().map(|v| v.to_string()).unwrap_or_default()
                                        on:input={
                                            let id = id.clone();
                                            move |ev| {
                                                let label = format!("送料（{}）", PREFECTURES[usize::from(p - 1)]);
                                                let Some(fee) = amounts.parse(&id, &label, &event_target_value(&ev)) else {
                                                    return;
                                                };
                                                form.update(|f| match f.fees.iter_mut().find(|x| x.prefecture == p) {
                                                    Some(x) => x.fee = fee,
                                                    None => f.fees.push(Fee { prefecture: p, fee }),
                                                });
                                            }
                                        }/>
                                    {amounts.view(id)}
                                }
                            }).collect_view()}
                        </div>
                    </details>
                    <div><button type="submit" class="za-button">"確認画面へ"</button></div>
                </form>
            </Show>
        </section>
    }
}
