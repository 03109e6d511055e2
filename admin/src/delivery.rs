//! 宅配便基本設定: 対応可能な支払方法 (the card method is offered only when it
//! is linked here, as the seed warns), 送料無料の基準額 and the fee per
//! prefecture (empty: 別途連絡). Saved in two steps like the other settings.

use leptos::prelude::*;

use zerostep_domain::api::admin::{DeliverySettings as Delivery, Fee};

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

/// The delivery settings section.
#[component]
pub fn DeliverySettings() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let loaded = LocalResource::new(api::delivery_settings);
    let form = RwSignal::new(Delivery::default());
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let amounts = crate::amount::AmountErrors::new();
    // Each amount input follows its own value only: editing another field
    // leaves a wrong amount on screen beside its error.
    let free_from = Memo::new(move |_| form.with(|f| f.free_shipping_from));
    Effect::new(move |_| {
        if let Some(Ok(list)) = loaded.get() {
            if let Some(first) = list.into_iter().next() {
                form.set(first);
            }
        }
    });
    let save = Action::new_local(move |d: &Delivery| {
        let d = d.clone();
        let csrf = session.csrf();
        async move {
            let outcome = api::save_delivery_settings(&csrf, &d)
                .await
                .map_err(|e| e.message);
            confirming.set(false);
            message.set(Some(match outcome {
                Ok(()) => (true, "宅配便基本設定を設定しました。".to_owned()),
                Err(e) => (false, e),
            }));
        }
    });
    let accepts = move |code: &'static str| form.with(|f| f.accepts.iter().any(|a| a == code));
    let toggle = move |code: &'static str, on: bool| {
        form.update(|f| {
            f.accepts.retain(|a| a != code);
            if on {
                f.accepts.push(code.to_owned());
            }
        })
    };
    view! {
        <section class="za-card" aria-labelledby="delivery-heading">
            <h2 id="delivery-heading">"宅配便基本設定"</h2>
            {move || message.get().map(|(ok, t)| view! { <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="delivery-message">{t}</div> })}
            <Show when=move || !confirming.get() fallback=move || view! {
                <p data-testid="delivery-confirm">{move || {
                    let f = form.get();
                    let names: Vec<&str> = f.accepts.iter().map(|a| if a == "card" { "クレジットカード決済" } else { "銀行振込" }).collect();
                    format!("対応可能な支払方法: {} / 送料無料の基準額: {}", names.join("、"), f.free_shipping_from.map_or("なし".to_owned(), |v| format!("{v}円")))
                }}</p>
                <button type="button" class="za-button za-button-light" on:click=move |_| confirming.set(false)>"戻る"</button>
                <button type="button" class="za-button" on:click=move |_| { save.dispatch(form.get_untracked()); }>"設定する"</button>
            }>
                <form class="za-settings" on:submit=move |ev| {
                    ev.prevent_default();
                    match amounts.first() {
                        Some(e) => message.set(Some((false, e))),
                        None => { message.set(None); confirming.set(true); }
                    }
                }>
                    <fieldset>
                        <legend>"対応可能な支払方法"</legend>
                        <label><input type="checkbox" prop:checked=move || accepts("card") on:change=move |ev| toggle("card", event_target_checked(&ev))/>"クレジットカード決済"</label>
                        <label><input type="checkbox" prop:checked=move || accepts("bank_transfer") on:change=move |ev| toggle("bank_transfer", event_target_checked(&ev))/>"銀行振込"</label>
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
