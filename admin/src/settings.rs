//! 決済設定: the card method's settings (seed section 3). Editing is two
//! steps, as in the seed: 「確認画面へ」 shows what will be saved, 「設定する」
//! saves it. 「画像削除」 clears the logo and its ALT text together.

use leptos::prelude::*;

use zerostep_domain::api::admin::CardSettings;
use zerostep_domain::merchant::Channel;

use crate::{api, SessionCtx};

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let loaded = LocalResource::new(api::card_settings);
    let form = RwSignal::new(CardSettings::default());
    let facts = RwSignal::new((String::new(), false));
    let confirming = RwSignal::new(false);
    let amounts = crate::amount::AmountErrors::new();
    // Each amount input follows its own value only: editing another field
    // leaves a wrong amount on screen beside its error.
    let min_amount = Memo::new(move |_| form.with(|f| f.min_amount));
    let max_amount = Memo::new(move |_| form.with(|f| f.max_amount));
    let message = RwSignal::new(None::<(bool, String)>);
    let access_key = RwSignal::new(String::new());
    let trader_code = RwSignal::new(String::new());
    let save_code = Action::new_local(move |code: &String| {
        let code = code.clone();
        let csrf = session.csrf();
        async move {
            let sent = api::save_trader_code(&csrf, code.clone()).await;
            message.set(Some(match sent {
                Ok(()) => {
                    facts.update(|f| f.0 = code);
                    (true, "加盟店コードを保存しました。".to_owned())
                }
                Err(e) => (false, e.message),
            }));
        }
    });
    let save_key = Action::new_local(move |key: &String| {
        let key = key.clone();
        let csrf = session.csrf();
        async move {
            let sent = api::save_access_key(&csrf, key).await;
            access_key.set(String::new());
            message.set(Some(match sent {
                Ok(()) => {
                    facts.update(|f| f.1 = true);
                    (
                        true,
                        "アクセスキーを保存しました（以後は表示されません）。".to_owned(),
                    )
                }
                Err(e) => (false, e.message),
            }));
        }
    });
    let upload = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        let token = session.csrf();
        async move {
            let outcome = async {
                let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                    .await
                    .map_err(|_| "画像を読み込めませんでした。".to_owned())?;
                let bytes = js_sys::Uint8Array::new(&buffer);
                api::upload_logo(&token, bytes).await.map_err(|e| e.message)
            }
            .await;
            message.set(Some(match outcome {
                Ok(()) => (true, "ロゴ画像を登録しました。".to_owned()),
                Err(e) => (false, e),
            }));
            loaded.refetch();
        }
    });
    let remove_logo = Action::new_local(move |(): &()| {
        let token = session.csrf();
        async move {
            let ok = api::delete_logo(&token).await.is_ok();
            message.set(Some(if ok {
                (true, "ロゴ画像とALT属性を削除しました。".to_owned())
            } else {
                (false, "画像を削除できませんでした。".to_owned())
            }));
            loaded.refetch();
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(v)) = loaded.get() {
            form.set(v.settings);
            facts.set((v.trader_code, v.access_key_set));
        }
    });
    let save = Action::new_local(move |s: &CardSettings| {
        let s = s.clone();
        let csrf = session.csrf();
        async move {
            let outcome = api::save_card_settings(&csrf, &s)
                .await
                .map_err(|e| e.message);
            confirming.set(false);
            message.set(Some(match outcome {
                Ok(()) => (
                    true,
                    "設定しました。購入画面に反映されています。".to_owned(),
                ),
                Err(e) => (false, e),
            }));
        }
    });
    let text = |get: fn(&CardSettings) -> &String, set: fn(&mut CardSettings, String)| {
        (
            move || get(&form.get()).clone(),
            move |ev: leptos::ev::Event| form.update(|f| set(f, event_target_value(&ev))),
        )
    };
    let (name_v, name_in) = text(|f| &f.name, |f, v| f.name = v);
    let (notes_v, notes_in) = text(|f| &f.notes, |f, v| f.notes = v);
    let (notice_v, notice_in) = text(|f| &f.card_notice, |f, v| f.card_notice = v);
    let (logo_v, logo_in) = text(|f| &f.logo_url, |f, v| f.logo_url = v);
    let (alt_v, alt_in) = text(|f| &f.logo_alt, |f, v| f.logo_alt = v);
    view! {
        <crate::delivery::DeliverySettings/>
        <section class="za-card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">"決済設定：クレジットカード決済（クロネコwebコレクト(トークン方式)）"</h2>
            {move || message.get().map(|(ok, t)| view! { <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="settings-message">{t}</div> })}
            <dl class="za-facts">
                <dt>"加盟店コード"</dt><dd>{move || facts.get().0}</dd>
                <dt>"アクセスキー"</dt><dd>{move || if facts.get().1 { "設定済み（表示されません）" } else { "未設定" }}</dd>
            </dl>
            <form class="za-inline" on:submit=move |ev| { ev.prevent_default(); save_code.dispatch(trader_code.get_untracked()); }>
                <label for="s-trader-code">"加盟店コードを変更"</label>
                <input id="s-trader-code" inputmode="numeric" prop:value=move || trader_code.get() on:input=move |ev| trader_code.set(event_target_value(&ev))/>
                <button type="submit" class="za-button za-button-light">"加盟店コードを保存"</button>
            </form>
            <form class="za-inline" on:submit=move |ev| { ev.prevent_default(); save_key.dispatch(access_key.get_untracked()); }>
                <label for="s-access-key">"アクセスキーを変更"</label>
                <input id="s-access-key" type="password" autocomplete="off" prop:value=move || access_key.get() on:input=move |ev| access_key.set(event_target_value(&ev))/>
                <button type="submit" class="za-button za-button-light">"アクセスキーを保存"</button>
            </form>
            <Show when=move || !confirming.get() fallback=move || {
                let f = form.get();
                view! {
                    <h3>"設定内容の確認"</h3>
                    <dl class="za-facts" data-testid="settings-confirm">
                        <dt>"支払方法の名称"</dt><dd>{f.name.clone()}</dd>
                        <dt>"クレジットカード決済の利用"</dt><dd>{if f.enabled { "利用する" } else { "利用しない" }}</dd>
                        <dt>"配送サービス選択"</dt><dd>{if f.delivery_service == "99" { "その他" } else { "ヤマト運輸" }}</dd>
                        <dt>"対応種別"</dt><dd>{f.channels.iter().map(|c| c.label()).collect::<Vec<_>>().join("・")}</dd>
                        <dt>"適用条件"</dt><dd>{format!("{} 〜 {}", f.min_amount.map_or("下限なし".to_owned(), |v| format!("{v}円")), f.max_amount.map_or("上限なし".to_owned(), |v| format!("{v}円")))}</dd>
                        <dt>"支払方法画面・サンクスメール注意書き"</dt><dd>{if f.show_notes { f.notes.clone() } else { "表示しない".to_owned() }}</dd>
                        <dt>"クレジットカード情報入力箇所注意書き"</dt><dd>{f.card_notice.clone()}</dd>
                        <dt>"決済サービスロゴ"</dt><dd>{if f.logo_url.is_empty() { "なし".to_owned() } else { format!("{}（ALT: {}）", f.logo_url, f.logo_alt) }}</dd>
                    </dl>
                    <button type="button" class="za-button za-button-light" on:click=move |_| confirming.set(false)>"戻る"</button>
                    <button type="button" class="za-button" disabled=move || save.pending().get() on:click=move |_| { save.dispatch(form.get_untracked()); }>"設定する"</button>
                }
            }>
                <form class="za-settings" on:submit=move |ev| {
                    ev.prevent_default();
                    match amounts.first() {
                        Some(e) => message.set(Some((false, e))),
                        None => { message.set(None); confirming.set(true); }
                    }
                }>
                    <label for="s-name">"支払方法の名称"</label>
                    <input id="s-name" prop:value=name_v on:input=name_in/>
                    <fieldset>
                        <legend>"クレジットカード決済の利用"</legend>
                        <label><input type="radio" name="s-enabled" prop:checked=move || form.get().enabled on:change=move |_| form.update(|f| f.enabled = true)/>"利用する"</label>
                        <label><input type="radio" name="s-enabled" prop:checked=move || !form.get().enabled on:change=move |_| form.update(|f| f.enabled = false)/>"利用しない"</label>
                    </fieldset>
                    <fieldset>
                        <legend>"配送サービス選択"</legend>
                        <label><input type="radio" name="s-delivery" prop:checked=move || form.get().delivery_service != "99" on:change=move |_| form.update(|f| f.delivery_service = "00".into())/>"ヤマト運輸"</label>
                        <label><input type="radio" name="s-delivery" prop:checked=move || form.get().delivery_service == "99" on:change=move |_| form.update(|f| f.delivery_service = "99".into())/>"その他"</label>
                    </fieldset>
                    <fieldset>
                        <legend>"対応種別（購入経路）"</legend>
                        {Channel::ALL.map(|channel| view! {
                            <label><input type="checkbox" prop:checked=move || form.get().channels.contains(&channel)
                                on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| { f.channels.retain(|c| *c != channel); if on { f.channels.push(channel); } }); }/>{channel.label()}</label>
                        })}
                    </fieldset>
                    <label for="s-min">"適用条件：下限（円・空欄はなし）"</label>
                    <input id="s-min" inputmode="numeric" prop:value=move || min_amount.get().map(|v| v.to_string()).unwrap_or_default()
                        on:input=move |ev| if let Some(v) = amounts.parse("s-min", "適用条件：下限", &event_target_value(&ev)) { form.update(|f| f.min_amount = v) }/>
                    {amounts.view("s-min".to_owned())}
                    <label for="s-max">"適用条件：上限（円・空欄はなし）"</label>
                    <input id="s-max" inputmode="numeric" prop:value=move || max_amount.get().map(|v| v.to_string()).unwrap_or_default()
                        on:input=move |ev| if let Some(v) = amounts.parse("s-max", "適用条件：上限", &event_target_value(&ev)) { form.update(|f| f.max_amount = v) }/>
                    {amounts.view("s-max".to_owned())}
                    <label><input type="checkbox" prop:checked=move || form.get().show_notes on:change=move |ev| form.update(|f| f.show_notes = event_target_checked(&ev))/>"注意書きを表示する"</label>
                    <label for="s-notes">"支払方法画面・サンクスメール注意書き"</label>
                    <textarea id="s-notes" rows="3" prop:value=notes_v on:input=notes_in></textarea>
                    <label for="s-notice">"クレジットカード情報入力箇所注意書き"</label>
                    <textarea id="s-notice" rows="2" prop:value=notice_v on:input=notice_in></textarea>
                    <label for="s-logo-file">"決済サービスロゴ（画像をアップロード）"</label>
                    <input id="s-logo-file" type="file" accept="image/png,image/jpeg,image/gif,image/webp" on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|list| list.get(0)) {
                            upload.dispatch_local(file);
                        }
                    }/>
                    {move || (!form.get().logo_url.is_empty()).then(|| view! { <img class="za-logo" src=form.get().logo_url alt=form.get().logo_alt/> })}
                    <label for="s-logo">"決済サービスロゴ（画像URL）"</label>
                    <input id="s-logo" prop:value=logo_v on:input=logo_in/>
                    <label for="s-alt">"ロゴのALT属性"</label>
                    <input id="s-alt" prop:value=alt_v on:input=alt_in/>
                    <div>
                        <button type="button" class="za-button za-button-light" on:click=move |_| { form.update(|f| { f.logo_url.clear(); f.logo_alt.clear(); }); remove_logo.dispatch(()); }>"画像削除"</button>
                        <button type="submit" class="za-button">"確認画面へ"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
