//! 基本設定: the shop-wide choices. カートタイプ (the guide's §4) decides how
//! the shop and the embedded widget lay out the purchase; ショップ名 and the
//! mail texts are what the shop's pages and mails say of it; and the shop
//! chooses when the 配送通知メール goes out. As every setting, a change goes
//! through 「確認画面へ」 → 「設定する」.

use leptos::prelude::*;
use zerostep_domain::api::admin::{
    shop_name_problem, BasicSettings, ShippingNoticeMode, STANDARD_SHIPPING, STANDARD_THANKS,
};
use zerostep_domain::checkout::CartType;

use crate::{api, SessionCtx};

/// The merchant's name for a cart type.
fn cart_type_name(t: CartType) -> &'static str {
    match t {
        CartType::ZeroStep => "ゼロステップカート",
        CartType::ThreeStep => "3ステップカート",
    }
}

/// What a cart type does, beside its choice.
fn cart_type_hint(t: CartType) -> &'static str {
    match t {
        CartType::ZeroStep => "「カゴに入れる」から1ページの購入手続き画面へ。「注文確認する」で確認モーダルを開き、「注文する」で与信します。",
        CartType::ThreeStep => "カゴの中身 → STEP1 購入者情報入力 → STEP2 支払い方法・配送指定 → STEP3 確認画面（カード情報は最下部）の順に進みます。",
    }
}

/// The merchant's words for when the 配送通知メール goes out.
fn notice_name(m: ShippingNoticeMode) -> &'static str {
    match m {
        ShippingNoticeMode::OnRegister => "問い合わせ番号の「登録」時に自動で送信する",
        ShippingNoticeMode::Manual => "受注明細の「配送通知メールを送信」から送信する",
    }
}

/// A saved text as the confirmation shows it: empty ones get the standard wording.
fn or_standard(text: &str, standard: &str) -> String {
    if text.trim().is_empty() {
        format!("（標準の文面）{standard}")
    } else {
        text.to_owned()
    }
}

/// The 基本設定 page.
#[component]
pub fn BasicSettingsPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let loaded = LocalResource::new(api::basic_settings);
    let form = RwSignal::new(BasicSettings::default());
    let saved = RwSignal::new(None::<BasicSettings>);
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    Effect::new(move |_| match loaded.get() {
        Some(Ok(s)) => {
            form.set(s.clone());
            saved.set(Some(s));
        }
        Some(Err(e)) => message.set(Some((false, e.message))),
        None => {}
    });
    let save = Action::new_local(move |s: &BasicSettings| {
        let s = s.clone();
        let csrf = session.csrf();
        async move {
            let outcome = api::save_basic_settings(&csrf, &s).await;
            confirming.set(false);
            message.set(Some(match outcome {
                Ok(()) => {
                    saved.set(Some(s));
                    (
                        true,
                        "設定しました。ショップと埋め込みの購入画面に反映されています。".to_owned(),
                    )
                }
                Err(e) => (false, e.message),
            }));
        }
    });
    // The heading of each screen takes the focus, so a keyboard user hears where they are.
    let focus = crate::focus;
    view! {
        <section class="za-card" aria-labelledby="basic-heading">
            <h2 id="basic-heading" tabindex="-1">"基本設定"</h2>
            {move || message.get().map(|(ok, t)| view! { <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="basic-message">{t}</div> })}
            <Show when=move || !confirming.get() fallback=move || {
                let f = form.get();
                let before = saved.get().map(|s| s.cart_type);
                view! {
                    <h3 id="basic-confirm-heading" tabindex="-1">"設定内容の確認"</h3>
                    <dl class="za-facts" data-testid="basic-confirm">
                        <dt>"カートタイプ"</dt>
                        <dd>{cart_type_name(f.cart_type)}
                            {(before.is_some_and(|b| b != f.cart_type)).then(|| format!("（変更前：{}）", before.map(cart_type_name).unwrap_or_default()))}
                        </dd>
                        <dt>"ショップ名"</dt><dd>{f.shop_name.clone()}</dd>
                        <dt>"メール署名"</dt><dd class="za-pre">{or_standard(&f.mail_signature, &f.shop_name)}</dd>
                        <dt>"サンクスメールの冒頭文"</dt><dd class="za-pre">{or_standard(&f.thanks_message, STANDARD_THANKS)}</dd>
                        <dt>"配送通知メールの冒頭文"</dt><dd class="za-pre">{or_standard(&f.shipping_message, STANDARD_SHIPPING)}</dd>
                        <dt>"配送通知メール"</dt><dd>{notice_name(f.shipping_notice)}</dd>
                    </dl>
                    <p class="za-note">"カートタイプは、購入手続き中の買い物客にも次に開いた画面から反映されます（入力内容は引き継がれます）。"</p>
                    <button type="button" class="za-button za-button-light" on:click=move |_| { confirming.set(false); focus("basic-heading"); }>"戻る"</button>
                    <button type="button" class="za-button" disabled=move || save.pending().get()
                        on:click=move |_| { save.dispatch(form.get_untracked()); focus("basic-heading"); }>"設定する"</button>
                }
            }>
                <form class="za-settings" novalidate=true on:submit=move |ev| {
                    ev.prevent_default();
                    // The name's rule is checked here first, so the merchant
                    // reads it beside the form rather than after 設定する.
                    if let Some(problem) = form.with_untracked(|f| shop_name_problem(&f.shop_name)) {
                        message.set(Some((false, problem.ja)));
                        focus("basic-shop-name");
                        return;
                    }
                    message.set(None);
                    confirming.set(true);
                    focus("basic-confirm-heading");
                }>
                    <fieldset>
                        <legend>"カートタイプ"</legend>
                        {CartType::ALL.iter().map(|&t| {
                            let id = format!("basic-cart-{}", t.as_str());
                            view! {
                                <div class="za-choice">
                                    <input type="radio" name="basic-cart-type" id=id.clone() value=t.as_str()
                                        prop:checked=move || form.get().cart_type == t
                                        on:change=move |_| form.update(|f| f.cart_type = t)/>
                                    <label for=id>{cart_type_name(t)}</label>
                                    <p class="za-note">{cart_type_hint(t)}</p>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <label for="basic-shop-name">"ショップ名（必須・50文字以内）"</label>
                    <input id="basic-shop-name" required=true maxlength="50" prop:value=move || form.get().shop_name
                        on:input=move |ev| form.update(|f| f.shop_name = event_target_value(&ev))/>
                    <p class="za-note">"ショップの画面の見出しとタイトル、すべてのメールの件名（【ショップ名】）と差出人名に使われます。"</p>
                    <label for="basic-signature">"メール署名（空欄はショップ名）"</label>
                    <textarea id="basic-signature" rows="3" prop:value=move || form.get().mail_signature
                        on:input=move |ev| form.update(|f| f.mail_signature = event_target_value(&ev))></textarea>
                    <label for="basic-thanks">"サンクスメールの冒頭文（空欄は標準の文面）"</label>
                    <textarea id="basic-thanks" rows="3" placeholder=STANDARD_THANKS prop:value=move || form.get().thanks_message
                        on:input=move |ev| form.update(|f| f.thanks_message = event_target_value(&ev))></textarea>
                    <label for="basic-shipping">"配送通知メールの冒頭文（空欄は標準の文面）"</label>
                    <textarea id="basic-shipping" rows="3" placeholder=STANDARD_SHIPPING prop:value=move || form.get().shipping_message
                        on:input=move |ev| form.update(|f| f.shipping_message = event_target_value(&ev))></textarea>
                    <fieldset>
                        <legend>"配送通知メール（問合番号を購入者に知らせるメール）"</legend>
                        {ShippingNoticeMode::ALL.iter().map(|&m| {
                            let id = format!("basic-notice-{}", m.as_str());
                            view! {
                                <div class="za-choice">
                                    <input type="radio" name="basic-notice" id=id.clone() value=m.as_str()
                                        prop:checked=move || form.get().shipping_notice == m
                                        on:change=move |_| form.update(|f| f.shipping_notice = m)/>
                                    <label for=id>{notice_name(m)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <div>
                        <button type="submit" class="za-button">"確認画面へ"</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
