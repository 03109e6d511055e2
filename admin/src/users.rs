//! 管理者ユーザー: every admin; add one (who chooses their own password at
//! the first login) or remove another, the password asked again.

use leptos::prelude::*;
use zerostep_domain::api::account::NewUser;

use crate::{account_api, SessionCtx};

/// The page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let users = LocalResource::new(account_api::users);
    let login = RwSignal::new(String::new());
    let initial = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let removing = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<(bool, String)>);
    let add = Action::new_local(move |user: &NewUser| {
        let user = user.clone();
        let csrf = session.csrf();
        async move {
            match account_api::add_user(&csrf, &user).await {
                Ok(()) => {
                    login.set(String::new());
                    initial.set(String::new());
                    message.set(Some((true, format!("{} を追加しました。初回ログインのときに、ご本人がパスワードを設定します。", user.login))));
                    users.refetch();
                }
                Err(e) => message.set(Some((false, e.message))),
            }
            password.set(String::new());
        }
    });
    let remove = Action::new_local(move |who: &String| {
        let who = who.clone();
        let csrf = session.csrf();
        let given = password.get_untracked();
        async move {
            match account_api::remove_user(&csrf, &who, given).await {
                Ok(()) => {
                    removing.set(None);
                    message.set(Some((true, format!("{who} を削除しました。"))));
                    users.refetch();
                }
                Err(e) => message.set(Some((false, e.message))),
            }
            password.set(String::new());
        }
    });
    let password_field = move |id: &'static str| {
        view! {
            <label for=id>"あなたの現在のパスワード"</label>
            <input id=id type="password" autocomplete="current-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
        }
    };
    view! {
        <section class="za-card" aria-labelledby="users-heading">
            <h2 id="users-heading" tabindex="-1">"管理者ユーザー"</h2>
            {move || message.get().map(|(ok, t)| view! { <p class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="users-message">{t}</p> })}
            <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(rows) => view! {
                            <table class="za-table" data-testid="users">
                                <thead><tr><th>"ログインID"</th><th>"登録日時"</th><th>"二要素認証"</th><th>"状態"</th><th>"操作"</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|u| {
                                        let who = u.login.clone();
                                        view! {
                                            <tr>
                                                <td>{u.login.clone()}</td>
                                                <td>{crate::order_detail::when(&u.created_at)}</td>
                                                <td>{if u.totp { "有効" } else { "無効" }}</td>
                                                <td>{if u.must_change_password { "初回パスワード未変更" } else { "利用中" }}</td>
                                                <td>{if u.you {
                                                    view! { <span>"あなた"</span> }.into_any()
                                                } else {
                                                    view! { <button type="button" class="za-button za-button-light" aria-label=format!("{} を削除", u.login) on:click=move |_| { removing.set(Some(who.clone())); crate::focus("remove-password"); }>"削除"</button> }.into_any()
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
            {move || removing.get().map(|who| {
                let target = who.clone();
                view! {
                    <form class="za-settings" data-testid="remove-user" on:submit=move |ev| { ev.prevent_default(); remove.dispatch(target.clone()); }>
                        <h3>{format!("{who} を削除します")}</h3>
                        <p class="za-note">"削除したユーザーは、すぐにログアウトされ、ログインできなくなります。"</p>
                        {password_field("remove-password")}
                        <div>
                            <button type="submit" class="za-button za-danger" disabled=move || remove.pending().get()>"削除する"</button>
                            <button type="button" class="za-button za-button-light" on:click=move |_| removing.set(None)>"やめる"</button>
                        </div>
                    </form>
                }
            })}
        </section>
        <section class="za-card" aria-labelledby="add-user-heading">
            <h3 id="add-user-heading">"ユーザーを追加"</h3>
            <form class="za-settings" on:submit=move |ev| {
                ev.prevent_default();
                add.dispatch(NewUser { login: login.get_untracked(), password: initial.get_untracked(), current_password: password.get_untracked() });
            }>
                <label for="user-login">"ログインID"</label>
                <input id="user-login" autocomplete="off" aria-describedby="user-login-hint" prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev))/>
                <p class="za-note" id="user-login-hint">"3〜32文字の半角英数字と . _ - @"</p>
                <label for="user-password">"初期パスワード"</label>
                <input id="user-password" type="password" autocomplete="new-password" aria-describedby="user-password-hint" prop:value=move || initial.get() on:input=move |ev| initial.set(event_target_value(&ev))/>
                <p class="za-note" id="user-password-hint">"12文字以上。ご本人に安全な方法で伝えてください。初回ログインのときに、ご本人が自分のパスワードに変更します。"</p>
                {password_field("add-password")}
                <div><button type="submit" class="za-button" disabled=move || add.pending().get()>"追加する"</button></div>
            </form>
        </section>
    }
}
