//! 外部決済一括処理 (bulk re-authorization): tabs 「未処理一覧」 and 「操作ログ」.
//! The 支払方法 (by the name set in 名称設定) and 「上記条件で検索」 list the
//! orders, 「全選択」 picks them, 「処理対象を確定し次へ」 shows what will be
//! done, 「処理内容を確定し次へ」 starts the server-side job; the page then
//! follows its progress (the job id is in the URL, so a reload keeps showing
//! it) to 「一括処理が完了しました」, with every order's result and Yamato's
//! code. Each 操作ログ row opens its run the same way.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use zerostep_domain::api::admin::{Candidate, JobDetail, JobKind};

use crate::{api, bulk_api, SessionCtx};

fn sleep_ms(ms: i32) -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

/// Reads a server-side run with `fetch` every 400 ms, handing each reading
/// to `show`, until `done` says it is over (`true`) or a reading fails
/// (`false`, the reason given to `failed`).
pub(crate) async fn follow<T>(
    fetch: impl AsyncFn() -> Result<T, api::ApiError>,
    done: impl Fn(&T) -> bool,
    show: impl Fn(T),
    failed: impl Fn(String),
) -> bool {
    loop {
        match fetch().await {
            Ok(reading) => {
                let over = done(&reading);
                show(reading);
                if over {
                    return true;
                }
            }
            Err(e) => {
                failed(e.message);
                return false;
            }
        }
        let _ = sleep_ms(400).await;
    }
}

/// The bulk page.
#[component]
pub fn BulkPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let query = use_query_map();
    let navigate = use_navigate();
    let tab_log = RwSignal::new(false);
    let found = RwSignal::new(None::<Vec<Candidate>>);
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<JobDetail>);

    let search = Action::new_local(move |(): &()| async move {
        match bulk_api::bulk_candidates().await {
            Ok(list) => {
                chosen.set(BTreeSet::new());
                found.set(Some(list));
            }
            Err(e) => error.set(Some(e.message)),
        }
    });
    // Follow the job named in the URL until it is done.
    let follow = Action::new_local(move |id: &i64| {
        let id = *id;
        async move {
            let done = follow(
                async || bulk_api::bulk_job(id).await,
                |d| d.job.status == "done",
                |d| progress.set(Some(d)),
                |e| error.set(Some(e)),
            )
            .await;
            // The list afresh: the orders just run show their new 前回再与信,
            // and none is left ticked.
            if done && found.with_untracked(Option::is_some) {
                search.dispatch(());
            }
        }
    });
    Effect::new(move |_| {
        if let Some(id) = query
            .with(|q| q.get("job"))
            .and_then(|j| j.parse::<i64>().ok())
        {
            follow.dispatch(id);
        }
    });
    let start = Action::new_local(move |numbers: &Vec<String>| {
        let numbers = numbers.clone();
        let csrf = session.csrf();
        let navigate = navigate.clone();
        async move {
            let started = bulk_api::start_bulk(&csrf, numbers).await;
            confirming.set(false);
            match started {
                Ok(s) => {
                    // Nothing stays ticked one click from a second run.
                    chosen.set(BTreeSet::new());
                    navigate(&format!("/admin/bulk?job={}", s.job_id), Default::default());
                }
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let log = LocalResource::new(move || {
        let _ = tab_log.get();
        bulk_api::bulk_jobs()
    });
    // The token method's name as the merchant set it (名称設定).
    let method_name = LocalResource::new(api::card_settings);
    let method_chosen = RwSignal::new(true);

    view! {
        <section class="za-card" aria-labelledby="bulk-heading">
            <h2 id="bulk-heading">"外部決済一括処理（再与信）"</h2>
            <div class="za-tabs" role="tablist">
                <button type="button" role="tab" class="za-button za-button-light" aria-selected=move || (!tab_log.get()).to_string() on:click=move |_| tab_log.set(false)>"未処理一覧"</button>
                <button type="button" role="tab" class="za-button za-button-light" aria-selected=move || tab_log.get().to_string() on:click=move |_| tab_log.set(true)>"操作ログ"</button>
            </div>
            {move || error.get().map(|e| view! { <div class="za-error" role="alert">{e}</div> })}
            {move || progress.get().map(|d| view! {
                <div class="za-ok" role="status" data-testid="bulk-progress">
                    {format!("{}（No.{}）：{} / {} 件（成功 {} 件、失敗 {} 件）",
                        if d.job.status == "done" { "一括処理が完了しました" } else { "一括処理中" },
                        d.job.id, d.job.succeeded + d.job.failed, d.job.total, d.job.succeeded, d.job.failed)}
                    <ul data-testid="bulk-failures">
                        {d.items.iter().filter(|i| i.status == "failed").map(|i| view! {
                            <li>{format!("{}：{}", i.order_number, i.message.as_ref().map(crate::text::shown).unwrap_or_default())}</li>
                        }).collect_view()}
                    </ul>
                </div>
                <table class="za-table" data-testid="bulk-results">
                    <thead><tr><th>"注文番号"</th><th>"結果"</th><th>"詳細（エラーコード）"</th></tr></thead>
                    <tbody>{d.items.into_iter().map(|i| view! {
                        <tr>
                            <td>{i.order_number.clone()}</td>
                            <td>{match i.status.as_str() { "ok" => "成功", "failed" => "失敗", _ => "未処理" }}</td>
                            <td>{i.message.as_ref().map(crate::text::shown).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            })}
            <Show when=move || !tab_log.get() fallback=move || view! {
                <Transition fallback=|| view! { <p>"読み込み中…"</p> }>
                    {move || Suspend::new(async move {
                        match log.await {
                            Ok(jobs) => view! {
                                <table class="za-table" data-testid="bulk-log">
                                    <thead><tr><th>"No."</th><th>"処理"</th><th>"実行日時"</th><th>"実行者"</th><th>"件数"</th><th>"成功"</th><th>"失敗"</th><th>"状態"</th></tr></thead>
                                    <tbody>{jobs.into_iter().map(|j| view! {
                                        <tr><td>{if j.kind == JobKind::Slips {
                                            view! { <A href=format!("/admin/slips?run={}", j.id)>{format!("No.{}", j.id)}</A> }.into_any()
                                        } else {
                                            view! { <A href=format!("/admin/bulk?job={}", j.id) on:click=move |_| tab_log.set(false)>{format!("No.{}", j.id)}</A> }.into_any()
                                        }}</td>
                                        <td>{if j.kind == JobKind::Slips { "売上確定（E01）" } else { "再与信（A11）" }}</td><td>{crate::order_detail::when(&j.created_at)}</td><td>{j.created_by}</td><td>{j.total}</td><td>{j.succeeded}</td><td>{j.failed}</td>
                                        <td>{if j.status == "done" { "完了" } else { "処理中" }}</td></tr>
                                    }).collect_view()}</tbody>
                                </table>
                            }.into_any(),
                            Err(e) => view! { <p class="za-error">{e.message}</p> }.into_any(),
                        }
                    })}
                </Transition>
            }>
                <div class="za-inline">
                    <label for="bulk-method">"支払方法"</label>
                    <select id="bulk-method" on:change=move |ev| method_chosen.set(!event_target_value(&ev).is_empty())>
                        <option value="">"選択してください"</option>
                        <option value="card" selected=true>
                            {move || method_name.get().and_then(Result::ok).map(|v| v.settings.name).unwrap_or_else(|| "クレジットカード決済".to_owned())}
                        </option>
                    </select>
                    <button type="button" class="za-button" disabled=move || !method_chosen.get()
                        on:click=move |_| { error.set(None); search.dispatch(()); }>"上記条件で検索"</button>
                </div>
                <p class="za-note">"トークン方式で決済された、ご注文から60日以内の注文が対象です。データ量が多いとお時間を要することがあります。"</p>
                {move || found.get().map(|list| {
                    let all: Vec<String> = list.iter().map(|c| c.order_number.clone()).collect();
                    let count = list.len();
                    view! {
                        <p data-testid="bulk-count">{format!("{count}件")}</p>
                        <button type="button" class="za-button za-button-light" on:click=move |_| chosen.set(all.iter().cloned().collect())>"全選択"</button>
                        <table class="za-table">
                            <thead><tr><th>"選択"</th><th>"注文番号"</th><th>"受付番号"</th><th>"注文日時"</th><th>"合計"</th><th>"前回再与信"</th></tr></thead>
                            <tbody>{list.into_iter().map(|c| {
                                let n = c.order_number.clone();
                                let n2 = n.clone();
                                view! {
                                    <tr>
                                        <td><input type="checkbox" aria-label=format!("{} を選択", n)
                                            prop:checked=move || chosen.with(|s| s.contains(&n))
                                            on:change=move |ev| { let on = event_target_checked(&ev); let n = n2.clone(); chosen.update(|s| { if on { s.insert(n); } else { s.remove(&n); } }); }/></td>
                                        <td>{c.order_number.clone()}</td><td>{c.receipt_no}</td><td>{crate::order_detail::when(&c.created_at)}</td>
                                        <td class="za-num">{crate::order_detail::yen(c.total)}</td><td>{c.last_reauth_at.map(|t| crate::order_detail::when(&t)).unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}</tbody>
                        </table>
                        <Show when=move || !confirming.get() fallback=move || view! {
                            <p data-testid="bulk-confirm">{move || format!("選択した{}件の注文に再与信（A11）を行います。", chosen.with(BTreeSet::len))}</p>
                            <button type="button" class="za-button za-button-light" on:click=move |_| confirming.set(false)>"戻る"</button>
                            <button type="button" class="za-button" disabled=move || start.pending().get()
                                on:click=move |_| { start.dispatch(chosen.get_untracked().into_iter().collect()); }>"処理内容を確定し次へ"</button>
                        }>
                            <button type="button" class="za-button" disabled=move || chosen.with(BTreeSet::is_empty) on:click=move |_| confirming.set(true)>"処理対象を確定し次へ"</button>
                        </Show>
                    }
                })}
            </Show>
        </section>
    }
}
