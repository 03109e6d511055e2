//! Zerostep's merchant admin SPA, served under `/admin/`: login, the order
//! list, and an order's detail with its payment operations (問い合わせ番号の
//! 登録 → 売上確定, 再与信, 取消, 金額変更, 状態を更新) and API操作履歴.

pub mod account;
pub mod account_api;
pub mod amount;
pub mod api;
pub mod basic;
pub mod bulk;
pub mod bulk_api;
pub mod card_settings;
pub mod delivery;
pub mod login;
pub mod order_detail;
pub mod order_facts;
pub mod orders;
pub mod outbox;
pub mod payment_errors;
pub mod settings;
pub mod slips;
pub mod slips_api;
pub mod tamper;
pub mod text;
pub mod users;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::account::{AccountPage, PasswordForm};
use crate::api::Session;
use crate::basic::BasicSettingsPage;
use crate::bulk::BulkPage;
use crate::delivery::DeliveryPage;
use crate::login::LoginPage;
use crate::order_detail::OrderDetailPage;
use crate::orders::OrdersPage;
use crate::outbox::OutboxPage;
use crate::payment_errors::PaymentErrorsPage;
use crate::settings::SettingsPage;
use crate::slips::SlipsPage;
use crate::tamper::TamperPage;
use crate::users::UsersPage;

/// Moves the keyboard focus to the element `id` (a heading with
/// `tabindex="-1"`, a tab, a field), once the current update is drawn.
pub fn focus(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// The logged-in session, provided once at the root (`None`: show the login).
#[derive(Debug, Clone, Copy)]
pub struct SessionCtx(pub RwSignal<Option<Session>>);

impl SessionCtx {
    /// The session's CSRF token for a state-changing call (empty when logged out).
    pub fn csrf(&self) -> String {
        self.0
            .with_untracked(|s| s.as_ref().map(|s| s.csrf_token.clone()))
            .unwrap_or_default()
    }
}

/// The admin app's root.
#[component]
pub fn AdminApp() -> impl IntoView {
    let session = SessionCtx(RwSignal::new(None));
    provide_context(session);
    api::watch_session(session.0);
    let checked = LocalResource::new(api::session);
    Effect::new(move |_| {
        if let Some(Ok(found)) = checked.get() {
            session.0.set(found);
        }
    });
    let logout = Action::new_local(move |(): &()| {
        let csrf = session.csrf();
        async move {
            let _ = api::logout(&csrf).await;
            session.0.set(None);
        }
    });
    view! {
        <div class="za-app">
            <header class="za-header">
                <h1>"Zerostep 管理画面"</h1>
                <span class="za-subtitle" lang="en">"Merchant admin"</span>
                {move || session.0.get().map(|s| view! {
                    <span class="za-user">{s.login}</span>
                    <button type="button" class="za-button za-button-light" on:click=move |_| { logout.dispatch(()); }>"ログアウト"</button>
                })}
            </header>
            <main class="za-main">
                <Transition fallback=|| view! { <p role="status">{text::shown(&text::checking())}</p> }>
                    {move || Suspend::new(async move {
                        let _ = checked.await;
                        view! {
                            <Show when=move || session.0.get().is_some() fallback=|| view! { <LoginPage/> }>
                            <Show when=move || !session.0.get().is_some_and(|s| s.must_change_password) fallback=|| view! {
                                <section class="za-card" aria-labelledby="first-password-heading">
                                    <h2 id="first-password-heading">"はじめにパスワードを設定してください"</h2>
                                    <p>"このパスワードは、サーバーまたはほかの管理者が用意したものです。ご自身だけが知るパスワードに変更すると、管理画面を使えるようになります。"</p>
                                    <PasswordForm/>
                                </section>
                            }>
                                <Router>
                                    <nav class="za-nav" aria-label="管理メニュー">
                                        <A href="/admin/">"受注一覧"</A>
                                        <A href="/admin/bulk">"外部決済一括処理"</A>
                                        <A href="/admin/slips">"売上確定一括処理"</A>
                                        <A href="/admin/basic">"基本設定"</A>
                                        <A href="/admin/settings">"支払方法設定"</A>
                                        <A href="/admin/delivery">"宅配便・送料計算"</A>
                                        <A href="/admin/payment-errors">"決済エラー履歴"</A>
                                        <A href="/admin/outbox">"メール送信履歴"</A>
                                        <A href="/admin/security">"改ざん検知"</A>
                                        <A href="/admin/users">"管理者ユーザー"</A>
                                        <A href="/admin/account">"アカウント設定"</A>
                                    </nav>
                                    <Routes fallback=|| view! { <OrdersPage/> }>
                                        <Route path=path!("/admin/orders/:number") view=OrderDetailPage/>
                                        <Route path=path!("/admin/basic") view=BasicSettingsPage/>
                                        <Route path=path!("/admin/settings") view=SettingsPage/>
                                        <Route path=path!("/admin/delivery") view=DeliveryPage/>
                                        <Route path=path!("/admin/bulk") view=BulkPage/>
                                        <Route path=path!("/admin/slips") view=SlipsPage/>
                                        <Route path=path!("/admin/outbox") view=OutboxPage/>
                                        <Route path=path!("/admin/payment-errors") view=PaymentErrorsPage/>
                                        <Route path=path!("/admin/security") view=TamperPage/>
                                        <Route path=path!("/admin/users") view=UsersPage/>
                                        <Route path=path!("/admin/account") view=AccountPage/>
                                    </Routes>
                                </Router>
                            </Show>
                            </Show>
                        }
                    })}
                </Transition>
            </main>
        </div>
    }
}
