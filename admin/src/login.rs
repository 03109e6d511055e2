//! The login screen: ログインID and パスワード, then the 確認コード when the
//! account has two-factor authentication on.

use leptos::prelude::*;
use zerostep_domain::api::ErrorCode;

use crate::{account_api, SessionCtx};

/// Login ID and password (and the confirmation code when asked).
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let login = RwSignal::new(String::from("admin"));
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    // The server asked for the code: the password was right.
    let asks_code = RwSignal::new(false);
    let submit = Action::new_local(move |(l, p, c): &(String, String, Option<String>)| {
        account_api::login(l.clone(), p.clone(), c.clone())
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(s)) => {
            password.set(String::new());
            code.set(String::new());
            session.0.set(Some(s));
        }
        Some(Err(e)) if e.code == ErrorCode::TotpRequired || e.code == ErrorCode::InvalidTotp => {
            asks_code.set(true);
            code.set(String::new());
            crate::focus("login-code");
        }
        _ => {}
    });
    let error = move || {
        submit
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.message)
    };
    view! {
        <section class="za-card za-login" aria-labelledby="login-heading">
            <h2 id="login-heading">{crate::text::shown(&crate::text::log_in())}</h2>
            <form on:submit=move |ev| {
                ev.prevent_default();
                let c = asks_code.get_untracked().then(|| code.get_untracked());
                submit.dispatch((login.get_untracked(), password.get_untracked(), c));
            }>
                <label for="login-id">"ログインID"</label>
                <input id="login-id" autocomplete="username" prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev))/>
                <label for="login-password">"パスワード"</label>
                <input id="login-password" type="password" autocomplete="current-password" prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <Show when=move || asks_code.get()>
                    <label for="login-code">"確認コード"</label>
                    <input id="login-code" inputmode="numeric" autocomplete="one-time-code" aria-describedby="login-code-hint"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))/>
                    <p class="za-note" id="login-code-hint">"認証アプリに表示される6桁の数字。アプリが使えないときは、リカバリーコード（xxxxx-xxxxx）を入力します。"</p>
                </Show>
                <p class="za-error" role="alert" data-testid="login-error">{error}</p>
                <button type="submit" class="za-button" disabled=move || submit.pending().get()>"ログイン"</button>
            </form>
        </section>
    }
}
