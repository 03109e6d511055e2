//! The login screen.

use leptos::prelude::*;

use crate::{api, SessionCtx};

/// Login ID and password.
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let login = RwSignal::new(String::from("admin"));
    let password = RwSignal::new(String::new());
    let submit =
        Action::new_local(move |(l, p): &(String, String)| api::login(l.clone(), p.clone()));
    Effect::new(move |_| {
        if let Some(Ok(s)) = submit.value().get() {
            password.set(String::new());
            session.0.set(Some(s));
        }
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
                submit.dispatch((login.get_untracked(), password.get_untracked()));
            }>
                <label for="login-id">"ログインID"</label>
                <input id="login-id" autocomplete="username" prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev))/>
                <label for="login-password">"パスワード"</label>
                <input id="login-password" type="password" autocomplete="current-password" prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <p class="za-error" role="alert" data-testid="login-error">{error}</p>
                <button type="submit" class="za-button" disabled=move || submit.pending().get()>"ログイン"</button>
            </form>
        </section>
    }
}
