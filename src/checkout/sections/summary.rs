//! The order summary: lines, shipping, tax per rate and the total, all from
//! the server's quote (総額表示: every amount includes tax).

use leptos::prelude::*;
use zerostep_domain::checkout::{Quote, ShippingStatus};
use zerostep_domain::TaxRate;

use crate::api::ApiError;
use crate::i18n::{Locale, LocaleCtx};

fn yen(y: zerostep_domain::Yen) -> String {
    format!("¥{}", y.grouped())
}

/// The summary (sticky beside the form on wide screens, after it on phones).
#[component]
pub fn OrderSummary(
    /// The server's prices.
    quote: LocalResource<Result<Option<Quote>, ApiError>>,
) -> impl IntoView {
    let locale = expect_context::<LocaleCtx>();
    let t = move |ja, en| locale.pick(ja, en);
    let body = move |q: Quote| {
        let ja = locale.get() == Locale::Ja;
        let goods: u64 = q.lines.iter().map(|l| l.amount.get()).sum();
        let shipping = match (q.shipping.status, q.shipping.fee) {
            (ShippingStatus::Free, _) => (if ja { "送料無料" } else { "Free" }).to_owned(),
            (ShippingStatus::Charged, Some(fee)) => yen(fee),
            (ShippingStatus::Separate, _) => (if ja {
                "別途連絡"
            } else {
                "To be confirmed"
            })
            .to_owned(),
            _ => (if ja {
                "住所入力後に表示"
            } else {
                "Shown after the address"
            })
            .to_owned(),
        };
        let rates = q.rates.iter().map(|r| {
            let (label, id) = match (r.rate, ja) {
                (TaxRate::Standard, true) => ("10%対象".to_owned(), "summary-rate-10"),
                (TaxRate::Standard, false) => ("Taxed at 10%".to_owned(), "summary-rate-10"),
                (TaxRate::Reduced, true) => ("※8%対象（軽減税率）".to_owned(), "summary-rate-8"),
                (TaxRate::Reduced, false) => ("* Taxed at 8% (reduced)".to_owned(), "summary-rate-8"),
            };
            let tax = if ja { format!("{}（内消費税 {}）", yen(r.amount), yen(r.tax)) } else { format!("{} (incl. tax {})", yen(r.amount), yen(r.tax)) };
            view! { <div class="zs-summary-row zs-summary-rate" data-testid=id><dt>{label}</dt><dd>{tax}</dd></div> }
        }).collect_view();
        let note = (!q.determined && q.shipping.status == ShippingStatus::Separate).then(|| view! {
            <p class="zs-note" data-testid="summary-undetermined">
                {if ja { "送料は別途ご連絡します。お支払い金額は確定していません。" } else { "The shop will confirm the shipping fee; the amount is not final." }}
            </p>
        });
        view! {
            <dl class="zs-summary-list">
                <div class="zs-summary-row"><dt>{if ja { "商品小計" } else { "Items" }}</dt><dd data-testid="summary-goods">{format!("¥{}", zerostep_domain::Yen::new(i64::try_from(goods).unwrap_or(0)).map(|y| y.grouped()).unwrap_or_default())}</dd></div>
                <div class="zs-summary-row"><dt>{if ja { "送料" } else { "Shipping" }}</dt><dd data-testid="summary-shipping">{shipping}</dd></div>
                {rates}
                <div class="zs-summary-row zs-summary-total"><dt>{if ja { "合計（税込）" } else { "Total (tax incl.)" }}</dt><dd data-testid="summary-total">{yen(q.total)}</dd></div>
            </dl>
            {note}
            <p class="zs-footnote">{if ja { "※は軽減税率（8%）対象商品です。" } else { "* Reduced tax rate (8%) items." }}</p>
        }
    };
    view! {
        <section class="zs-summary zs-card" part="summary" aria-labelledby="summary-heading" data-testid="summary">
            <h2 id="summary-heading">{t("ご注文内容", "Order summary")}</h2>
            <Transition fallback=move || view! { <p class="zs-loading">{t("計算中…", "Calculating…")}</p> }>
                {move || Suspend::new(async move {
                    match quote.await {
                        Ok(Some(q)) => body(q).into_any(),
                        Ok(None) => view! { <p>{t("商品がありません。", "No items.")}</p> }.into_any(),
                        Err(e) => view! {
                            <div class="zs-error" role="alert">
                                <p>{t("金額を計算できませんでした。", "The total could not be calculated.")}</p>
                                <p>{move || format!("{} ({})", locale.get().of(&e.message), e.code)}</p>
                                <button type="button" class="zs-button" on:click=move |_| quote.refetch()>{t("再計算", "Try again")}</button>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
