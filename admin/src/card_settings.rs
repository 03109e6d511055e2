//! The card's settings form (支払方法設定 ＞ 使用決済 ＞ 設定): 契約情報設定・
//! 決済方法の設定, 3Dセキュア, and 詳細設定・注意書き, saved in two steps:
//! 「確認画面へ」 shows what will be saved, 「設定する」 saves it all at once.

use leptos::prelude::*;
use zerostep_domain::api::admin::CardSettings;
use zerostep_domain::api::admin::CardTextsEn;
use zerostep_domain::api::three_d::{ThreeDAuthDiv, ThreeDSecureSetting};
use zerostep_domain::merchant::Channel;

use crate::settings::SERVICE;
use crate::text::{english_or_japanese, ENGLISH_HINT};
use crate::{api, SessionCtx};

/// Where the アクセスキー is found, in the guide's words.
const ACCESS_KEY_HINT: &str = "アクセスキーは、クロネコwebコレクト専用の管理画面よりご取得可能です。ご不明な場合には、提供元のヤマト運輸株式会社へ直接ご確認ください。";

/// Largest logo the server takes.
const MAX_LOGO_BYTES: f64 = 256.0 * 1024.0;

/// 3Dセキュア in words, for the confirmation.
fn three_d_text(t: Option<&ThreeDSecureSetting>) -> &'static str {
    match t {
        Some(t) if t.enabled && t.auth_div == ThreeDAuthDiv::WithSecurityCode => {
            "利用する（本人認証とセキュリティコード）"
        }
        Some(t) if t.enabled => "利用する（本人認証のみ）",
        _ => "利用しない",
    }
}

/// The card's settings (契約情報設定・決済方法の設定 and 詳細設定・注意書き), in
/// two steps.
#[component]
pub fn CardSettingsForm(
    /// Called once 「設定する」 saved everything.
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
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
    let challenge_after = Memo::new(move |_| form.with(|f| f.challenge_after));
    let message = RwSignal::new(None::<(bool, String)>);
    // What 「設定する」 will also do: a new logo image, or 画像削除.
    let new_logo = RwSignal::new(None::<send_wrapper::SendWrapper<web_sys::File>>);
    let logo_removed = RwSignal::new(false);
    // The password again, asked on the confirmation when the 加盟店コード or
    // the アクセスキー changes (kept apart from the form: typing it must not
    // redraw the confirmation).
    let reauth = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(v)) = loaded.get() {
            form.set(v.settings);
            facts.set((v.trader_code, v.access_key_set));
        }
    });
    let save = Action::new_local(move |s: &CardSettings| {
        let s = s.clone();
        let csrf = session.csrf();
        let logo = new_logo.get_untracked();
        let removed = logo_removed.get_untracked();
        async move {
            let outcome = async {
                let mut s = s;
                // A new image first: the settings then point at it, with its ALT.
                if let Some(file) = logo {
                    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                        .await
                        .map_err(|_| "ロゴ画像を読み込めませんでした。".to_owned())?;
                    let bytes = js_sys::Uint8Array::new(&buffer);
                    api::upload_logo(&csrf, bytes).await.map_err(|e| {
                        format!(
                            "ロゴ画像を登録できませんでした（設定は保存していません）：{}",
                            e.message
                        )
                    })?;
                    s.logo_url = api::card_settings()
                        .await
                        .map_err(|e| e.message)?
                        .settings
                        .logo_url;
                }
                api::save_card_settings(&csrf, &s)
                    .await
                    .map_err(|e| e.message)?;
                if removed && s.logo_url.is_empty() {
                    api::delete_logo(&csrf).await.map_err(|e| e.message)?;
                }
                Ok::<(), String>(())
            }
            .await;
            confirming.set(false);
            reauth.set(String::new());
            message.set(Some(match outcome {
                Ok(()) => {
                    new_logo.set(None);
                    logo_removed.set(false);
                    loaded.refetch();
                    on_saved();
                    (
                        true,
                        "設定しました。購入画面に反映されています。".to_owned(),
                    )
                }
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
    let optional = |get: fn(&CardSettings) -> &Option<String>,
                    set: fn(&mut CardSettings, Option<String>)| {
        (
            move || get(&form.get()).clone().unwrap_or_default(),
            move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                form.update(|f| set(f, (!v.is_empty()).then_some(v)));
            },
        )
    };
    let (code_v, code_in) = optional(|f| &f.new_trader_code, |f, v| f.new_trader_code = v);
    // The texts in English, each kept as typed (empty: the Japanese is shown).
    let english = |get: fn(&CardTextsEn) -> &Option<String>,
                   set: fn(&mut CardTextsEn, Option<String>)| {
        (
            move || {
                form.with(|f| f.en.as_ref().and_then(|en| get(en).clone()))
                    .unwrap_or_default()
            },
            move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                form.update(|f| set(f.en.get_or_insert_with(Default::default), Some(v)));
            },
        )
    };
    let (name_en_v, name_en_in) = english(|e| &e.name, |e, v| e.name = v);
    let (notes_en_v, notes_en_in) = english(|e| &e.notes, |e, v| e.notes = v);
    let (notice_en_v, notice_en_in) = english(|e| &e.card_notice, |e, v| e.card_notice = v);
    let (alt_en_v, alt_en_in) = english(|e| &e.logo_alt, |e, v| e.logo_alt = v);
    let (key_v, key_in) = optional(|f| &f.new_access_key, |f, v| f.new_access_key = v);
    let three_d = move || {
        form.with(|f| f.three_d_secure.clone())
            .unwrap_or(ThreeDSecureSetting {
                enabled: true,
                auth_div: ThreeDAuthDiv::WithSecurityCode,
            })
    };
    let set_three_d = move |enabled: bool, auth_div: Option<ThreeDAuthDiv>| {
        let now = three_d();
        form.update(|f| {
            f.three_d_secure = Some(ThreeDSecureSetting {
                enabled,
                auth_div: auth_div.unwrap_or(now.auth_div),
            });
        });
    };
    let logo_text = move || {
        let f = form.get();
        match new_logo.get() {
            Some(file) => format!(
                "新しい画像：{}（{} KB）",
                file.name(),
                (file.size() / 1024.0).ceil()
            ),
            None if logo_removed.get() && f.logo_url.is_empty() => "なし（画像削除）".to_owned(),
            None if f.logo_url.is_empty() => "なし".to_owned(),
            None => format!("{}（ALT: {}）", f.logo_url, f.logo_alt),
        }
    };
    view! {
        <section class="za-card" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{format!("決済設定：{SERVICE}")}</h2>
            {move || message.get().map(|(ok, t)| view! { <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="settings-message">{t}</div> })}
            <Show when=move || !confirming.get() fallback=move || {
                let f = form.get();
                let en = f.en.clone().unwrap_or_default();
                view! {
                    <h3>"設定内容の確認"</h3>
                    <dl class="za-facts" data-testid="settings-confirm">
                        <dt>"加盟店コード"</dt><dd>{f.new_trader_code.clone().map_or_else(|| format!("{}（変更しない）", facts.get().0), |c| format!("{c}（変更する）"))}</dd>
                        <dt>"アクセスキー"</dt><dd>{if f.new_access_key.is_some() { "新しいアクセスキーに変更する（表示されません）" } else { "変更しない" }}</dd>
                        <dt>"支払方法の名称"</dt><dd>{f.name.clone()}</dd>
                        <dt>"支払方法の名称（英語）"</dt><dd data-testid="confirm-name-en">{english_or_japanese(en.name.as_deref())}</dd>
                        <dt>"クレジットカード決済の利用"</dt><dd>{if f.enabled { "利用する" } else { "利用しない" }}</dd>
                        <dt>"3Dセキュア"</dt><dd data-testid="confirm-three-d">{three_d_text(f.three_d_secure.as_ref())}</dd>
                        <dt>"不正利用対策"</dt><dd data-testid="confirm-challenge-after">{f.challenge_after.map_or_else(|| "変更しない".to_owned(), |n| format!("失敗{n}件から確認計算を求める"))}</dd>
                        <dt>"配送サービス選択"</dt><dd>{if f.delivery_service == "99" { "その他" } else { "ヤマト運輸" }}</dd>
                        <dt>"対応種別"</dt><dd>{f.channels.iter().map(|c| c.label()).collect::<Vec<_>>().join("・")}</dd>
                        <dt>"適用条件"</dt><dd>{format!("{} 〜 {}", f.min_amount.map_or("下限なし".to_owned(), crate::order_detail::yen), f.max_amount.map_or("上限なし".to_owned(), crate::order_detail::yen))}</dd>
                        <dt>"支払方法画面・サンクスメール注意書き"</dt><dd>{if f.show_notes { f.notes.clone() } else { "表示しない".to_owned() }}</dd>
                        <dt>"支払方法画面・サンクスメール注意書き（英語）"</dt><dd>{english_or_japanese(en.notes.as_deref())}</dd>
                        <dt>"クレジットカード情報入力箇所注意書き"</dt><dd>{f.card_notice.clone()}</dd>
                        <dt>"クレジットカード情報入力箇所注意書き（英語）"</dt><dd>{english_or_japanese(en.card_notice.as_deref())}</dd>
                        <dt>"決済サービスロゴ"</dt><dd data-testid="confirm-logo">{logo_text}</dd>
                    </dl>
                    <button type="button" class="za-button za-button-light" on:click=move |_| confirming.set(false)>"戻る"</button>
                    {(f.new_trader_code.is_some() || f.new_access_key.is_some()).then(|| view! {
                        <label for="s-current-password">"現在のパスワード（加盟店コード・アクセスキーの変更に必要です）"</label>
                        <input id="s-current-password" type="password" autocomplete="current-password"
                            prop:value=move || reauth.get() on:input=move |ev| reauth.set(event_target_value(&ev))/>
                    })}
                    <button type="button" class="za-button" disabled=move || save.pending().get() on:click=move |_| {
                        let mut s = form.get_untracked();
                        if s.new_trader_code.is_some() || s.new_access_key.is_some() {
                            s.current_password = Some(reauth.get_untracked());
                        }
                        save.dispatch(s);
                    }>"設定する"</button>
                }
            }>
                <form class="za-settings" on:submit=move |ev| {
                    ev.prevent_default();
                    match amounts.first() {
                        Some(e) => message.set(Some((false, e))),
                        None => { message.set(None); confirming.set(true); }
                    }
                }>
                    <h3>"契約情報設定・決済方法の設定"</h3>
                    <label for="s-trader-code">{move || format!("加盟店コード（現在：{}・変更するときだけ入力）", facts.get().0)}</label>
                    <input id="s-trader-code" inputmode="numeric" autocomplete="off" prop:value=code_v on:input=code_in/>
                    <p class="za-note">"ヤマト運輸株式会社から通知された「加盟店コード」を入力します。"</p>
                    <label for="s-access-key">{move || format!("アクセスキー（{}・変更するときだけ入力）", if facts.get().1 { "設定済み" } else { "未設定" })}</label>
                    <input id="s-access-key" type="password" autocomplete="off" aria-describedby="s-access-key-hint" prop:value=key_v on:input=key_in/>
                    <p class="za-note" id="s-access-key-hint" data-testid="access-key-hint">{ACCESS_KEY_HINT}</p>
                    <fieldset>
                        <legend>"配送サービス選択"</legend>
                        <label><input type="radio" name="s-delivery" prop:checked=move || form.get().delivery_service != "99" on:change=move |_| form.update(|f| f.delivery_service = "00".into())/>"ヤマト運輸"</label>
                        <label><input type="radio" name="s-delivery" prop:checked=move || form.get().delivery_service == "99" on:change=move |_| form.update(|f| f.delivery_service = "99".into())/>"その他"</label>
                    </fieldset>
                    <fieldset>
                        <legend>"クレジットカード決済の利用"</legend>
                        <label><input type="radio" name="s-enabled" prop:checked=move || form.get().enabled on:change=move |_| form.update(|f| f.enabled = true)/>"利用する"</label>
                        <label><input type="radio" name="s-enabled" prop:checked=move || !form.get().enabled on:change=move |_| form.update(|f| f.enabled = false)/>"利用しない"</label>
                    </fieldset>
                    <fieldset>
                        <legend>"3Dセキュア（EMV 3-Dセキュア・本人認証）"</legend>
                        <label><input type="radio" name="s-three-d" prop:checked=move || three_d().enabled on:change=move |_| set_three_d(true, None)/>"利用する"</label>
                        <label><input type="radio" name="s-three-d" prop:checked=move || !three_d().enabled on:change=move |_| set_three_d(false, None)/>"利用しない"</label>
                        <label for="s-auth-div">"認証区分"</label>
                        <select id="s-auth-div" disabled=move || !three_d().enabled on:change=move |ev| set_three_d(true, Some(if event_target_value(&ev) == "1" { ThreeDAuthDiv::WithoutSecurityCode } else { ThreeDAuthDiv::WithSecurityCode }))>
                            <option value="3" selected=move || three_d().auth_div == ThreeDAuthDiv::WithSecurityCode>"本人認証とセキュリティコード（推奨）"</option>
                            <option value="1" selected=move || three_d().auth_div == ThreeDAuthDiv::WithoutSecurityCode>"本人認証のみ"</option>
                        </select>
                        <p class="za-note">"クレジットカード・セキュリティガイドラインにより、EC加盟店にはEMV 3-Dセキュアの導入が求められています。「利用しない」は推奨しません。"</p>
                    </fieldset>
                    <label for="s-challenge-after">"不正利用対策：確認計算を求める失敗件数（店舗全体・既定10分間）"</label>
                    <input id="s-challenge-after" inputmode="numeric" aria-describedby="s-challenge-after-hint"
                        prop:value=move || challenge_after.get().map(|v| v.to_string()).unwrap_or_default()
                        on:input=move |ev| if let Some(v) = amounts.parse("s-challenge-after", "不正利用対策の件数", &event_target_value(&ev)) {
                            // Out of range is kept as typed: 「設定する」 is answered with the rule.
                            form.update(|f| f.challenge_after = v.map(|n| u32::try_from(n).unwrap_or(u32::MAX)))
                        }/>
                    {amounts.view("s-challenge-after".to_owned())}
                    <p class="za-note" id="s-challenge-after-hint">"店舗全体のカード決済の失敗がこの件数に達すると、新しいカード決済の前に、お客様のブラウザーが自動で確認計算（1秒ほど）を行います。カード番号を次々に試す不正（カードテスティング）を抑えます。お客様の操作は増えません。"</p>
                    <label for="s-notice">"クレジットカード情報入力箇所注意書き"</label>
                    <textarea id="s-notice" rows="2" prop:value=notice_v on:input=notice_in></textarea>
                    <label for="s-notice-en">"クレジットカード情報入力箇所注意書き（英語・任意）"</label>
                    <textarea id="s-notice-en" lang="en" rows="2" aria-describedby="s-english-hint" prop:value=notice_en_v on:input=notice_en_in></textarea>
                    <h3>"詳細設定・注意書き"</h3>
                    <fieldset>
                        <legend>"対応種別（購入経路）"</legend>
                        {Channel::ALL.map(|channel| view! {
                            <label><input type="checkbox" prop:checked=move || form.get().channels.contains(&channel)
                                on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| { f.channels.retain(|c| *c != channel); if on { f.channels.push(channel); } }); }/>{channel.label()}</label>
                        })}
                    </fieldset>
                    <label for="s-name">"支払方法の名称"</label>
                    <input id="s-name" prop:value=name_v on:input=name_in/>
                    <label for="s-name-en">"支払方法の名称（英語・任意）"</label>
                    <input id="s-name-en" lang="en" aria-describedby="s-english-hint" prop:value=name_en_v on:input=name_en_in/>
                    <p class="za-note" id="s-english-hint">{ENGLISH_HINT}</p>
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
                    <label for="s-notes-en">"支払方法画面・サンクスメール注意書き（英語・任意）"</label>
                    <textarea id="s-notes-en" lang="en" rows="3" aria-describedby="s-english-hint" prop:value=notes_en_v on:input=notes_en_in></textarea>
                    <label for="s-logo-file">"決済サービスロゴ（画像をアップロード：PNG・JPEG・GIF・WebP、256 KB まで）"</label>
                    <input id="s-logo-file" type="file" accept="image/png,image/jpeg,image/gif,image/webp" on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|list| list.get(0)) {
                            if file.size() > MAX_LOGO_BYTES {
                                message.set(Some((false, "ロゴ画像は256 KB以下にしてください。".to_owned())));
                                input.set_value("");
                                return;
                            }
                            message.set(None);
                            logo_removed.set(false);
                            new_logo.set(Some(send_wrapper::SendWrapper::new(file)));
                        }
                    }/>
                    {move || (!form.get().logo_url.is_empty() && new_logo.get().is_none()).then(|| view! { <img class="za-logo" src=form.get().logo_url alt=form.get().logo_alt/> })}
                    <label for="s-logo">"決済サービスロゴ（画像URL）"</label>
                    <input id="s-logo" prop:value=logo_v on:input=logo_in/>
                    <label for="s-alt">"ロゴのALT属性"</label>
                    <input id="s-alt" prop:value=alt_v on:input=alt_in/>
                    <label for="s-alt-en">"ロゴのALT属性（英語・任意）"</label>
                    <input id="s-alt-en" lang="en" aria-describedby="s-english-hint" prop:value=alt_en_v on:input=alt_en_in/>
                    <div>
                        <button type="button" class="za-button za-button-light" on:click=move |_| {
                            form.update(|f| {
                                f.logo_url.clear();
                                f.logo_alt.clear();
                                if let Some(en) = &mut f.en { en.logo_alt = None; }
                            });
                            new_logo.set(None);
                            logo_removed.set(true);
                        }>"画像削除"</button>
                        <button type="submit" class="za-button">"確認画面へ"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
