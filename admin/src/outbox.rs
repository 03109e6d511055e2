//! メール送信履歴: the mails sent, or held in the outbox, with their text.

use leptos::prelude::*;

use crate::api;

fn kind_name(kind: &str) -> &'static str {
    match kind {
        "thanks" => "サンクスメール",
        "shop_notice" => "受注通知メール",
        "not_completed" => "注文不成立のお知らせ",
        "shop_not_completed" => "注文不成立通知",
        "shipping_notice" => "配送通知メール",
        _ => "メール",
    }
}

/// The outbox page.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let mails = LocalResource::new(api::outbox);
    view! {
        <section class="za-card" aria-labelledby="outbox-heading">
            <h2 id="outbox-heading">"メール送信履歴"</h2>
            <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
                {move || Suspend::new(async move {
                    match mails.await {
                        Ok(list) if list.is_empty() => view! { <p>"メールはまだありません。"</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="za-mails" data-testid="outbox">
                                {list.into_iter().map(|m| {
                                    let state = match (&m.sent_at, &m.last_error) {
                                        (Some(t), _) => format!("送信済み {}", crate::order_detail::when(t)),
                                        (None, Some(e)) => format!("未送信（{}回失敗: {e}）", m.attempts),
                                        (None, None) => "送信待ち（送信箱）".to_owned(),
                                    };
                                    view! {
                                        <li>
                                            <details>
                                                <summary>{format!("#{} {} {} — {} — {}", m.id, crate::order_detail::when(&m.created_at), kind_name(&m.kind), m.recipient, m.subject)}</summary>
                                                <p class="za-note">{state}</p>
                                                <pre class="za-mail-body">{m.body}</pre>
                                            </details>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <p class="za-error">{e.message}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
