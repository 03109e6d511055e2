//! 売上確定一括処理 (受注管理): the slip-number CSV of a day's parcels.
//! The merchant chooses the file (and the 配送サービス of the rows that do
//! not say), 「アップロードして確認」 shows every row with what will happen
//! to it, 「処理内容を確定し次へ」 starts the server-side run; the page then
//! follows it (the run's id is in the URL, so a reload keeps showing it) to
//! 「一括処理が完了しました」, with every row's outcome and the result file.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use send_wrapper::SendWrapper;
use zerostep_domain::api::slips::{SlipPreview, SlipRun};
use zerostep_domain::merchant::Carrier;

use crate::{slips_api, SessionCtx};

/// How the file is prepared, in the guide's words for merchants.
const HOW_TO: &str = "注文番号（または受付番号）と問い合わせ番号の2列のCSV（1行目の見出しは任意、3列目に配送サービス「ヤマト運輸」「その他」も書けます）か、B2クラウドの発行済みデータのCSVを選んでください。B2クラウドで送り状を発行するときは、「お客様管理番号」に当店の注文番号を入れてください。UTF-8とShift_JISのどちらでも読めます（2MB・10,000行まで）。";

/// The 売上確定一括処理 page.
#[component]
pub fn SlipsPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let query = use_query_map();
    let navigate = use_navigate();
    let file = RwSignal::new(None::<SendWrapper<web_sys::File>>);
    let carrier = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<SlipPreview>);
    let error = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<SlipRun>);

    let check = Action::new_local(move |(): &()| {
        let csrf = session.csrf();
        let chosen = file.get_untracked();
        let carrier = carrier.get_untracked();
        async move {
            let Some(chosen) = chosen else {
                error.set(Some("CSVファイルを選んでください。".to_owned()));
                return;
            };
            match slips_api::preview(&csrf, &carrier, &chosen).await {
                Ok(p) => preview.set(Some(p)),
                Err(e) => error.set(Some(e.message)),
            }
        }
    });
    let follow = Action::new_local(move |id: &i64| {
        let id = *id;
        async move {
            crate::bulk::follow(
                async || slips_api::run(id).await,
                |run| run.job.status == "done",
                |run| progress.set(Some(run)),
                |e| error.set(Some(e)),
            )
            .await;
        }
    });
    Effect::new(move |_| {
        if let Some(id) = query
            .with(|q| q.get("run"))
            .and_then(|r| r.parse::<i64>().ok())
        {
            follow.dispatch(id);
        }
    });
    let start = Action::new_local(move |(): &()| {
        let csrf = session.csrf();
        let chosen = file.get_untracked();
        let carrier = carrier.get_untracked();
        let navigate = navigate.clone();
        async move {
            let Some(chosen) = chosen else { return };
            match slips_api::start(&csrf, &carrier, &chosen).await {
                Ok(started) => {
                    // Nothing stays one click from a second run.
                    preview.set(None);
                    navigate(
                        &format!("/admin/slips?run={}", started.job_id),
                        Default::default(),
                    );
                }
                Err(e) => error.set(Some(e.message)),
            }
        }
    });

    view! {
        <section class="za-card" aria-labelledby="slips-heading">
            <h2 id="slips-heading">"売上確定一括処理"</h2>
            <p class="za-note" id="slips-how-to" data-testid="slips-how-to">{HOW_TO}</p>
            {move || error.get().map(|e| view! { <div class="za-error" role="alert">{e}</div> })}
            {move || progress.get().map(|run| {
                let done = run.job.status == "done";
                let id = run.job.id;
                view! {
                    <div class="za-ok" role="status" data-testid="slips-progress">
                        {format!("{}（No.{}）：{} / {} 行（売上確定 {} 件、失敗・対象外 {} 件）",
                            if done { "一括処理が完了しました" } else { "一括処理中" },
                            id, run.job.succeeded + run.job.failed, run.job.total, run.job.succeeded, run.job.failed)}
                    </div>
                    {done.then(|| view! {
                        <p><a href=format!("/api/admin/slips/runs/{id}/result.csv") download=format!("slip-run-{id}.csv")>"結果をCSVでダウンロード"</a></p>
                    })}
                    <table class="za-table" data-testid="slips-results">
                        <thead><tr><th>"行"</th><th>"注文番号"</th><th>"問い合わせ番号"</th><th>"結果"</th><th>"理由（エラーコード）"</th></tr></thead>
                        <tbody>{run.rows.into_iter().map(|r| view! {
                            <tr>
                                <td class="za-num">{r.line}</td>
                                <td>{r.order_number.clone().unwrap_or_else(|| r.order.clone())}</td>
                                <td>{r.slip.clone().unwrap_or_default()}</td>
                                <td>{r.status.label()}</td>
                                <td>{r.message.as_ref().map(crate::text::shown).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }
            })}
            <form class="za-settings" on:submit=move |ev| {
                ev.prevent_default();
                if check.pending().get_untracked() {
                    return;
                }
                error.set(None);
                preview.set(None);
                check.dispatch(());
            }>
                <label for="slips-file">"CSVファイル"</label>
                <input id="slips-file" type="file" accept=".csv,text/csv" aria-describedby="slips-how-to"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        file.set(input.files().and_then(|list| list.get(0)).map(SendWrapper::new));
                        preview.set(None);
                    }/>
                <fieldset>
                    <legend>"配送サービス（ファイルに書かれていない行）"</legend>
                    {[("", "支払方法設定のとおり"), ("yamato", "ヤマト運輸"), ("other", "その他")].map(|(value, label)| view! {
                        <label><input type="radio" name="slips-carrier" prop:checked=move || carrier.get() == value
                            on:change=move |_| { carrier.set(value.to_owned()); preview.set(None); }/>{label}</label>
                    })}
                </fieldset>
                // Never disabled while it works: the keyboard's focus stays on it.
                <button type="submit" class="za-button" aria-busy=move || check.pending().get().to_string()>"アップロードして確認"</button>
            </form>
            {move || preview.get().map(|p| {
                let to_send = p.to_send;
                view! {
                    <h3>"処理内容の確認"</h3>
                    <p data-testid="slips-counts">{format!("売上確定（E01）を送信：{} 件　対象外：{} 件", p.to_send, p.skipped)}</p>
                    <table class="za-table" data-testid="slips-preview">
                        <thead><tr><th>"行"</th><th>"注文番号"</th><th>"問い合わせ番号"</th><th>"配送サービス"</th><th>"処理内容"</th></tr></thead>
                        <tbody>{p.rows.into_iter().map(|r| view! {
                            <tr>
                                <td class="za-num">{r.line}</td>
                                <td>{r.order_number.clone().unwrap_or_else(|| r.order.clone())}</td>
                                <td>{r.slip.clone().unwrap_or_default()}</td>
                                <td>{r.carrier.map_or("", Carrier::label)}</td>
                                <td>{match &r.reason {
                                    None => "売上確定（E01）を送信".to_owned(),
                                    Some(reason) => format!("対象外：{}", crate::text::shown(reason)),
                                }}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                    <button type="button" class="za-button" disabled=move || to_send == 0 || start.pending().get()
                        on:click=move |_| { error.set(None); start.dispatch(()); }>"処理内容を確定し次へ"</button>
                }
            })}
        </section>
    }
}
