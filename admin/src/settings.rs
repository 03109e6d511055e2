//! 支払方法設定 (基本設定 ＞ 支払方法設定), as the guide's §3 has it: the
//! 「他社連携」 tab puts クレジットカード決済（クロネコwebコレクト(トークン方式)）
//! on the shop's list; the 「使用決済」 tab lists the methods in use, the
//! card's with its 「未設定」 button until it is set up. Its settings —
//! 加盟店コード, アクセスキー and the logo included — are changed in one form
//! and saved in two steps: 「確認画面へ」 shows what will be saved, 「設定する」
//! saves it. 「画像削除」 clears the logo and its ALT text together.

use leptos::prelude::*;

use zerostep_domain::api::admin::{DeliverySettings, PaymentMethodSummary};

use crate::card_settings::CardSettingsForm;
use crate::{api, SessionCtx};

/// The outside service the guide links (its name in the list).
pub(crate) const SERVICE: &str = "クレジットカード決済（クロネコwebコレクト(トークン方式)）";

/// The two tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    /// 他社連携.
    Linked,
    /// 使用決済.
    InUse,
}

/// The warning the guide gives: the card is on, but no delivery method
/// accepts it, so shoppers never see it (`None` when all is well).
pub fn card_unreachable(
    methods: &[PaymentMethodSummary],
    deliveries: &[DeliverySettings],
) -> Option<&'static str> {
    let card_on = methods.iter().any(|m| m.code == "card" && m.enabled);
    let accepted = deliveries
        .iter()
        .any(|d| d.accepts.iter().any(|a| a == "card"));
    (card_on && !accepted).then_some(
        "クレジットカード決済を「利用する」に設定していますが、対応可能な支払方法にクレジットカード決済を含む配送方法がありません。このままでは購入画面に表示されません。「宅配便・送料計算」の宅配便基本設定で指定してください。",
    )
}

/// The 支払方法設定 page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = expect_context::<SessionCtx>();
    let methods = LocalResource::new(api::payment_methods);
    let deliveries = LocalResource::new(api::delivery_settings);
    let tab = RwSignal::new(Tab::InUse);
    let editing = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let list = move || methods.get().and_then(Result::ok).unwrap_or_default();
    let card = move || list().into_iter().find(|m| m.code == "card");
    let link = Action::new_local(move |linked: &bool| {
        let (linked, csrf) = (*linked, session.csrf());
        async move {
            let outcome = api::link_card(&csrf, linked).await;
            message.set(Some(match outcome {
                Ok(()) if linked => (
                    true,
                    "リストに追加しました。「使用決済」タブの「未設定」から設定してください。"
                        .to_owned(),
                ),
                Ok(()) => (
                    true,
                    "リストから外しました。クレジットカード決済は購入画面に表示されません。"
                        .to_owned(),
                ),
                Err(e) => (false, e.message),
            }));
            editing.set(false);
            methods.refetch();
        }
    });
    let warning = move || {
        let deliveries = deliveries.get().and_then(Result::ok)?;
        card_unreachable(&list(), &deliveries)
    };
    let select = move |t: Tab| {
        tab.set(t);
        let id = if t == Tab::Linked {
            "tab-linked"
        } else {
            "tab-in-use"
        };
        crate::focus(id);
    };
    // The tabs follow the ARIA pattern: one Tab stop, the arrow keys move.
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(
            ev.key().as_str(),
            "ArrowLeft" | "ArrowRight" | "Home" | "End"
        ) {
            ev.prevent_default();
            select(if tab.get_untracked() == Tab::Linked {
                Tab::InUse
            } else {
                Tab::Linked
            });
        }
    };
    let tab_button = move |t: Tab, id: &'static str, label: &'static str| {
        view! {
            <button type="button" role="tab" id=id class="za-tab"
                aria-selected=move || if tab.get() == t { "true" } else { "false" }
                aria-controls=format!("{id}-panel")
                tabindex=move || if tab.get() == t { "0" } else { "-1" }
                on:click=move |_| tab.set(t)>{label}</button>
        }
    };
    view! {
        <section class="za-card" aria-labelledby="payment-settings-heading">
            <h2 id="payment-settings-heading">"支払方法設定"</h2>
            {move || message.get().map(|(ok, t)| view! { <div class=if ok { "za-ok" } else { "za-error" } role="alert" data-testid="methods-message">{t}</div> })}
            {move || warning().map(|w| view! { <p class="za-error" role="alert" data-testid="card-unreachable">{w}</p> })}
            <div role="tablist" aria-label="支払方法設定" class="za-tabs" on:keydown=keydown>
                {tab_button(Tab::Linked, "tab-linked", "他社連携")}
                {tab_button(Tab::InUse, "tab-in-use", "使用決済")}
            </div>
            <div role="tabpanel" id="tab-linked-panel" aria-labelledby="tab-linked" hidden=move || tab.get() != Tab::Linked>
                <table class="za-table">
                    <thead><tr><th scope="col">"外部決済サービス"</th><th scope="col">"状態"</th><th scope="col">"操作"</th></tr></thead>
                    <tbody>
                        <tr data-testid="linked-card">
                            <td>{SERVICE}</td>
                            <td>{move || if card().is_some_and(|c| c.linked) { "リストに追加済み" } else { "未追加" }}</td>
                            <td>{move || if card().is_some_and(|c| c.linked) {
                                view! { <button type="button" class="za-button za-button-light" disabled=move || link.pending().get()
                                    on:click=move |_| if crate::order_detail::confirm("クレジットカード決済をリストから外します。購入画面に表示されなくなり、再度追加したときは設定からやり直しです。よろしいですか？") { link.dispatch(false); }>"リストから外す"</button> }.into_any()
                            } else {
                                view! { <button type="button" class="za-button" disabled=move || link.pending().get()
                                    on:click=move |_| { link.dispatch(true); }>"リストに追加"</button> }.into_any()
                            }}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <div role="tabpanel" id="tab-in-use-panel" aria-labelledby="tab-in-use" hidden=move || tab.get() != Tab::InUse>
                <table class="za-table">
                    <thead><tr><th scope="col">"支払方法の名称"</th><th scope="col">"利用"</th><th scope="col">"設定"</th></tr></thead>
                    <tbody>
                        {move || list().into_iter().filter(|m| m.linked).map(|m| {
                            let external = m.external;
                            let configured = m.configured;
                            view! {
                                <tr data-testid=format!("in-use-{}", m.code)>
                                    <td>{if external { format!("{}（{}）", SERVICE, m.name) } else { m.name.clone() }}</td>
                                    <td>{if !configured { "—" } else if m.enabled { "利用する" } else { "利用しない" }}</td>
                                    <td>{if external {
                                        view! { <button type="button" class="za-button" class:za-button-light=configured
                                            on:click=move |_| { editing.set(true); message.set(None); }>{if configured { "設定" } else { "未設定" }}</button> }.into_any()
                                    } else {
                                        view! { <span class="za-note">"（ショップの標準の支払方法）"</span> }.into_any()
                                    }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <Show when=move || editing.get()>
            <CardSettingsForm on_saved=move || { methods.refetch(); deliveries.refetch(); }/>
        </Show>
    }
}
