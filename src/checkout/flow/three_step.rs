//! What the 3-step cart adds to the page the zero-step cart renders (the
//! same sections, state, token and placement, each step showing its part):
//! 「次へ」, and STEP3's review with the card inputs at the bottom, whose
//! 「注文する」 makes the token and places the order at that click.
//! (カゴの中身 is the cart section; STEP1 the buyer's and the delivery
//! address's; STEP2 delivery and payment, without the card inputs.)

use leptos::prelude::*;
use zerostep_domain::checkout::{CheckoutConfig, PaymentMethodCode, Quote};

use super::state::Checkout;
use crate::checkout::card_form::CardFields;
use crate::checkout::confirm_modal::OrderReview;
use crate::checkout::form::Field;
use crate::checkout::sections::summary::OrderSummary;
use crate::i18n::{self, shop_text, Msg};

/// 「次へ」 (and 「購入手続きへ」): marks the step's fields as seen; moves on
/// when they are valid, or points at the first that is not.
pub(super) fn advance(c: Checkout) {
    let step = c.steps.current.get_untracked();
    let fields = step.fields();
    for &f in &fields {
        c.form.touch(f);
    }
    let invalid: Vec<Field> = fields
        .into_iter()
        .filter(|&f| untrack(|| c.form.problem(f)).is_some())
        .collect();
    if let Some(first) = invalid.first() {
        c.focus(first.id());
        c.announcement.say(i18n::fields_need_attention(
            c.locale.0.get_untracked(),
            invalid.len(),
        ));
        return;
    }
    c.steps.go.run((step.next(), false));
}

/// STEP3 確認画面's own part: the order as the modal shows it, with the
/// buyer; the card inputs at the bottom; why the last attempt failed. Its
/// 「戻る」 and 「注文する」 are the page's.
pub(super) fn confirm_part(c: Checkout) -> impl IntoView {
    let locale = c.locale;
    let reviewed = move || -> Option<(Quote, CheckoutConfig)> {
        let q = c.quote.get().and_then(Result::ok).flatten()?;
        let config = c.config.get().and_then(Result::ok)?;
        Some((q, config))
    };
    let card = move || c.form.payment.get() == Some(PaymentMethodCode::Card);
    // The card inputs, once the settings are known.
    let card_settings = move || {
        card()
            .then(|| c.config.get().and_then(Result::ok))
            .flatten()
    };
    view! {
        <div class="zs-section zs-card zs-confirm-page" data-testid="review">
            {move || Some(match reviewed() {
                Some((quote, config)) => view! { <OrderReview quote config with_buyer=true/> }.into_any(),
                None => view! { <OrderSummary quote=c.quote/> }.into_any(),
            })}
        </div>
        // Made once the settings are known, and not again: a focused card
        // input must not be replaced by a new one when they arrive.
        {move || card_settings().map(|config| {
            let pay_ways = config.token.pay_ways.clone();
            let notice = config.payment_methods.into_iter()
                .find(|m| m.code == PaymentMethodCode::Card)
                .and_then(|m| Some(shop_text(m.card_notice?, m.card_notice_en)));
            view! {
                <section class="zs-section zs-card" part="payment" aria-labelledby="card-heading">
                    <h2 id="card-heading">{locale.t(Msg::CardDetails)}</h2>
                    {notice.map(|n| view! { <p class="zs-card-notice" data-testid="card-notice">{n}</p> }.into_any())}
                    <CardFields pay_ways error=c.payment_error/>
                </section>
            }.into_any()
        })}
        {move || card_settings().is_none().then(|| view! { <crate::checkout::payment_error::PaymentError error=c.payment_error/> }.into_any())}
        {move || c.confirm_error.get(locale.get()).map(|e| view! { <div class="zs-error" role="alert" data-testid="confirm-error">{e}</div> }.into_any())}
    }
}
