//! The order summary: lines, shipping, tax per rate and the total, all from
//! the server's quote (総額表示: every amount includes tax).

use leptos::prelude::*;
use zerostep_domain::checkout::{Quote, ShippingStatus};
use zerostep_domain::TaxRate;

use crate::api::ApiError;
use crate::i18n::{self, LocaleCtx, Msg};
use crate::task::Fetched;

fn yen(y: zerostep_domain::Yen) -> String {
    format!("¥{}", y.grouped())
}

/// The summary (sticky beside the form on wide screens, after it on phones).
#[component]
pub fn OrderSummary(
    /// The server's prices.
    quote: Fetched<Result<Option<Quote>, ApiError>>,
) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let body = move |q: Quote| {
        let lang = locale.get();
        let goods: u64 = q.lines.iter().map(|l| l.amount.get()).sum();
        let shipping = match (q.shipping.status, q.shipping.fee) {
            (ShippingStatus::Free, _) => Msg::FreeShipping.text(lang).to_owned(),
            (ShippingStatus::Charged, Some(fee)) => yen(fee),
            (ShippingStatus::Separate, _) => Msg::ShippingToBeAdvised.text(lang).to_owned(),
            _ => Msg::ShippingAfterAddress.text(lang).to_owned(),
        };
        let rates = q.rates.iter().map(|r| {
            let (label, id) = match r.rate {
                TaxRate::Standard => (Msg::TaxedAt10.text(lang), "summary-rate-10"),
                TaxRate::Reduced => (Msg::TaxedAt8.text(lang), "summary-rate-8"),
            };
            let tax = i18n::tax_included(lang, &yen(r.amount), &yen(r.tax));
            view! { <div class="zs-summary-row zs-summary-rate" data-testid=id><dt>{label}</dt><dd>{tax}</dd></div> }
        }).collect_view();
        let note = (!q.determined && q.shipping.status == ShippingStatus::Separate).then(|| {
            view! {
                <p class="zs-note" data-testid="summary-undetermined">
                    {Msg::AmountNotFinal.text(lang)}
                </p>
            }
            .into_any()
        });
        view! {
            <dl class="zs-summary-list">
                <div class="zs-summary-row"><dt>{Msg::ItemsSubtotal.text(lang)}</dt><dd data-testid="summary-goods">{format!("¥{}", zerostep_domain::Yen::new(i64::try_from(goods).unwrap_or(0)).map(|y| y.grouped()).unwrap_or_default())}</dd></div>
                <div class="zs-summary-row"><dt>{Msg::Shipping.text(lang)}</dt><dd data-testid="summary-shipping">{shipping}</dd></div>
                {rates}
                <div class="zs-summary-row zs-summary-total"><dt>{Msg::TotalTaxIncluded.text(lang)}</dt><dd data-testid="summary-total">{yen(q.total)}</dd></div>
            </dl>
            {note}
            <p class="zs-footnote">{Msg::ReducedRateFootnote.text(lang)}</p>
        }
    };
    view! {
        <section class="zs-summary zs-card" part="summary" aria-labelledby="summary-heading" data-testid="summary">
            <h2 id="summary-heading">{locale.t(Msg::OrderSummary)}</h2>
            // The last prices stay while new ones are asked for (the
            // resource keeps its value until the next one comes).
            {move || Some(match quote.get() {
                None => view! { <p class="zs-loading">{locale.t(Msg::Calculating)}</p> }.into_any(),
                Some(Ok(Some(q))) => body(q).into_any(),
                Some(Ok(None)) => view! { <p>{locale.t(Msg::NoItems)}</p> }.into_any(),
                Some(Err(e)) => view! {
                    <div class="zs-error" role="alert">
                        <p>{locale.t(Msg::TotalFailed)}</p>
                        <p>{move || e.shown(locale.get())}</p>
                        <button type="button" class="zs-button" on:click=crate::handler(move |_| quote.refetch())>{locale.t(Msg::Recalculate)}</button>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}
