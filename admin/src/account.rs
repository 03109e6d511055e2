//! アカウント設定: the admin's own password, two-factor authentication
//! (TOTP with recovery codes) and sessions.

use leptos::prelude::*;
use zerostep_domain::api::account::{PasswordChange, TotpSetup};

use crate::{account_api, SessionCtx};

/// The page: password, two-factor authentication, sessions.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <section class="za-card" aria-labelledby="account-heading">
            <h2 id="account-heading" tabindex="-1">"アカウント設定"</h2>
            <PasswordForm/>
        </section>
        <TwoFactor/>
        <Sessions/>
    }
}

/// 現在のパスワード, 新しいパスワード twice; the server's rules answer.
/// Also the whole screen of an admin who must choose their own password.
#[component]
pub fn PasswordForm() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let save = Action::new_local(move |change: &PasswordChange| {
        let change = change.clone();
        let csrf = session.csrf();
        async move { account_api::change_password(&csrf, &change).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            current.set(String::new());
            new.set(String::new());
            repeat.set(String::new());
            message.set(Some((
                true,
                "パスワードを変更しました。ほかの端末のセッションは終了しました。".to_owned(),
            )));
            session.0.update(|s| {
                if let Some(s) = s {
                    s.must_change_password = false;
                }
            });
        }
        Some(Err(e)) => message.set(Some((false, e.message))),
        None => {}
    });
    view! {
        <h3 id="password-heading">"パスワード変更"</h3>
        {move || message.get().map(|(ok, t)| view! { <p class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="password-message">{t}</p> })}
        <form class="za-settings" aria-labelledby="password-heading" on:submit=move |ev| {
            ev.prevent_default();
            if new.get_untracked() != repeat.get_untracked() {
                message.set(Some((false, "新しいパスワード（確認）が、新しいパスワードと一致しません。".to_owned())));
                return;
            }
            save.dispatch(PasswordChange { current_password: current.get_untracked(), new_password: new.get_untracked() });
        }>
            <label for="pw-current">"現在のパスワード"</label>
            <input id="pw-current" type="password" autocomplete="current-password" prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev))/>
            <label for="pw-new">"新しいパスワード"</label>
            <input id="pw-new" type="password" autocomplete="new-password" aria-describedby="pw-new-hint" prop:value=move || new.get() on:input=move |ev| new.set(event_target_value(&ev))/>
            <p class="za-note" id="pw-new-hint">"12文字以上。よく使われる語やログインIDを含むものは使えません。長い文（例：好きな言葉を4つ並べたもの）がおすすめです。"</p>
            <label for="pw-repeat">"新しいパスワード（確認）"</label>
            <input id="pw-repeat" type="password" autocomplete="new-password" prop:value=move || repeat.get() on:input=move |ev| repeat.set(event_target_value(&ev))/>
            <div><button type="submit" class="za-button" disabled=move || save.pending().get()>"パスワードを変更する"</button></div>
        </form>
    }
}

/// Two-factor authentication: set up, confirm, recovery codes, turn off.
#[component]
fn TwoFactor() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let account = LocalResource::new(account_api::account);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let setup = RwSignal::new(None::<TotpSetup>);
    let codes = RwSignal::new(None::<Vec<String>>);
    let message = RwSignal::new(None::<(bool, String)>);
    let act = Action::new_local(move |step: &&'static str| {
        let step = *step;
        let csrf = session.csrf();
        let given = password.get_untracked();
        let typed = code.get_untracked();
        async move {
            let outcome = match step {
                "setup" => account_api::totp_setup(&csrf, given).await.map(|s| {
                    setup.set(Some(s));
                    crate::focus("totp-code");
                    None
                }),
                "confirm" => account_api::totp_confirm(&csrf, typed).await.map(|c| {
                    setup.set(None);
                    codes.set(Some(c.codes));
                    crate::focus("recovery-heading");
                    Some("二要素認証を有効にしました。次回のログインから確認コードが必要です。")
                }),
                "renew" => account_api::recovery_codes(&csrf, given).await.map(|c| {
                    codes.set(Some(c.codes));
                    crate::focus("recovery-heading");
                    Some("リカバリーコードを再発行しました。以前のコードは使えません。")
                }),
                _ => account_api::totp_disable(&csrf, given).await.map(|()| {
                    codes.set(None);
                    Some("二要素認証を無効にしました。")
                }),
            };
            password.set(String::new());
            code.set(String::new());
            match outcome {
                Ok(Some(done)) => {
                    message.set(Some((true, done.to_owned())));
                    account.refetch();
                }
                Ok(None) => message.set(None),
                Err(e) => message.set(Some((false, e.message))),
            }
        }
    });
    let on = move || account.get().and_then(Result::ok).is_some_and(|a| a.totp);
    let status = move || match account.get() {
        Some(Ok(a)) if a.totp => format!("有効（リカバリーコード残り{}個）", a.recovery_codes_left),
        Some(Ok(_)) => "無効".to_owned(),
        Some(Err(e)) => e.message,
        None => "確認中…".to_owned(),
    };
    view! {
        <section class="za-card" aria-labelledby="totp-heading">
            <h3 id="totp-heading">"二要素認証（確認コード）"</h3>
            <p data-testid="totp-status">"状態："{status}</p>
            <p class="za-note">"ログインのとき、パスワードに加えて、スマートフォンの認証アプリ（Google Authenticator、Microsoft Authenticator など）に表示される6桁の確認コードを求めます。決済を操作できる管理画面には、設定をおすすめします。"</p>
            {move || message.get().map(|(ok, t)| view! { <p class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="totp-message">{t}</p> })}
            {move || codes.get().map(|list| view! {
                <h4 id="recovery-heading" tabindex="-1">"リカバリーコード"</h4>
                <p class="za-note">"スマートフォンが使えないときに、確認コードの代わりに1回ずつ使えます。この画面でしか表示されません。印刷するか、安全な場所に保管してください。"</p>
                <ul class="za-codes" data-testid="recovery-codes">{list.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
            })}
            {move || setup.get().map(|s| view! {
                <form class="za-settings" on:submit=move |ev| { ev.prevent_default(); act.dispatch("confirm"); }>
                    <p>"認証アプリでQRコードを読み取るか、キーを入力してください。"</p>
                    <div class="za-qr" role="img" aria-label="QRコード（認証アプリ用）" inner_html=s.qr_svg></div>
                    <p>"キー："<code data-testid="totp-secret">{s.secret}</code></p>
                    <label for="totp-code">"アプリに表示された確認コード（6桁）"</label>
                    <input id="totp-code" inputmode="numeric" autocomplete="one-time-code" prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    <div><button type="submit" class="za-button" disabled=move || act.pending().get()>"有効にする"</button></div>
                </form>
            })}
            <Show when=move || setup.get().is_none()>
                <form class="za-settings" on:submit=move |ev| { ev.prevent_default(); act.dispatch(if on() { "renew" } else { "setup" }); }>
                    <label for="totp-password">"現在のパスワード"</label>
                    <input id="totp-password" type="password" autocomplete="current-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                    <div>
                        <button type="submit" class="za-button" disabled=move || act.pending().get()>{move || if on() { "リカバリーコードを再発行" } else { "設定を始める" }}</button>
                        <Show when=on>
                            <button type="button" class="za-button za-danger" disabled=move || act.pending().get() on:click=move |_| { act.dispatch("disable"); }>"無効にする"</button>
                        </Show>
                    </div>
                </form>
            </Show>
        </section>
    }
}

/// ログイン中のセッション: where this admin is logged in, each to end.
#[component]
fn Sessions() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let list = LocalResource::new(account_api::sessions);
    let message = RwSignal::new(None::<(bool, String)>);
    let end = Action::new_local(move |id: &Option<String>| {
        let id = id.clone();
        let csrf = session.csrf();
        async move {
            let outcome = match &id {
                Some(id) => account_api::end_session(&csrf, id)
                    .await
                    .map(|()| "セッションを終了しました。".to_owned()),
                None => account_api::end_others(&csrf)
                    .await
                    .map(|n| format!("ほかのセッションを{}件終了しました。", n.ended)),
            };
            message.set(Some(match outcome {
                Ok(done) => (true, done),
                Err(e) => (false, e.message),
            }));
            list.refetch();
        }
    });
    view! {
        <section class="za-card" aria-labelledby="sessions-heading">
            <h3 id="sessions-heading">"ログイン中のセッション"</h3>
            <p class="za-note">"操作がないまま15分たつと、セッションは自動で終了します（最長12時間）。"</p>
            {move || message.get().map(|(ok, t)| view! { <p class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="sessions-message">{t}</p> })}
            <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) => view! {
                            <table class="za-table" data-testid="sessions">
                                <thead><tr><th>"ログイン日時"</th><th>"最終操作"</th><th>"IPアドレス"</th><th>"ブラウザー"</th><th>"操作"</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|s| {
                                        let id = s.id.clone();
                                        view! {
                                            <tr>
                                                <td>{crate::order_detail::when(&s.created_at)}</td>
                                                <td>{crate::order_detail::when(&s.last_seen_at)}</td>
                                                <td>{s.ip}</td>
                                                <td>{s.user_agent}</td>
                                                <td>{if s.current {
                                                    view! { <span>"この端末"</span> }.into_any()
                                                } else {
                                                    view! { <button type="button" class="za-button za-button-light" aria-label=format!("{} のセッションを終了", crate::order_detail::when(&s.created_at)) on:click=move |_| { end.dispatch(Some(id.clone())); }>"終了"</button> }.into_any()
                                                }}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <p class="za-error">{e.message}</p> }.into_any(),
                    }
                })}
            </Transition>
            <button type="button" class="za-button za-button-light" on:click=move |_| { end.dispatch(None); }>"ほかのセッションをすべて終了"</button>
        </section>
    }
}
