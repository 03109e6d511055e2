//! Zerostep's merchant admin SPA, served under `/admin/`.
//!
//! This is the shell: the header, the navigation frame and the server's
//! health. Login, settings, orders, 売上確定 and 再与信 screens build on it.

use gloo_net::http::Request;
use leptos::prelude::*;
use zerostep_domain::Health;

/// The admin app's root.
#[component]
pub fn AdminApp() -> impl IntoView {
    let health = LocalResource::new(fetch_health);
    view! {
        <div class="za-app">
            <header class="za-header">
                <h1>"Zerostep 管理画面"</h1>
                <span class="za-subtitle" lang="en">"Merchant admin"</span>
            </header>
            <main class="za-main">
                <section class="za-card" aria-labelledby="status-heading">
                    <h2 id="status-heading">"システム状態 / System status"</h2>
                    <Transition fallback=|| view! { <p role="status">"確認中… / Checking…"</p> }>
                        {move || Suspend::new(async move {
                            match health.await {
                                Ok(h) => view! {
                                    <p data-testid="health">
                                        {format!("サーバー: {} / データベース: {} (v{})", status_word(&h.status), status_word(&h.database), h.version)}
                                    </p>
                                }.into_any(),
                                Err(message) => view! { <p class="za-error" role="alert" data-testid="health">{message}</p> }.into_any(),
                            }
                        })}
                    </Transition>
                </section>
                <p class="za-note">
                    "ログイン、決済設定、受注管理、売上確定・再与信はこの画面に追加されます。"
                    <br/>
                    <span lang="en">"Login, payment settings, orders, sales confirmation and re-authorization are added to this shell."</span>
                </p>
            </main>
        </div>
    }
}

fn status_word(status: &str) -> &'static str {
    if status == "ok" {
        "正常 (ok)"
    } else {
        "異常 (unavailable)"
    }
}

async fn fetch_health() -> Result<Health, String> {
    let response = Request::get("/api/health")
        .send()
        .await
        .map_err(|e| format!("サーバーに接続できません。/ Cannot reach the server: {e}"))?;
    response
        .json::<Health>()
        .await
        .map_err(|e| format!("応答を読み取れません。/ Unreadable reply: {e}"))
}
