//! お支払い方法: the methods from settings. One that is not offered here (off,
//! not for the delivery method, outside its 適用条件, not for this device) is
//! not shown; one the shopper can make possible (the card over 300,000 yen,
//! an amount left 別途連絡) is shown disabled, with the reason in words.

use leptos::prelude::*;
use zerostep_domain::checkout::{CheckoutConfig, PaymentMethodCode, Quote, UnavailableReason};

use crate::checkout::card_form::CardFields;
use crate::checkout::form::{CheckoutForm, Field};
use crate::checkout::payment_error::PaymentError;
use crate::checkout::text_field::FormFieldError;
use crate::i18n::{shop_text, LocaleCtx, Msg};

/// The payment choice.
#[component]
pub fn PaymentSection(
    /// The shop's settings (none until read).
    config: impl Fn() -> Option<CheckoutConfig> + Copy + Send + Sync + 'static,
    /// The server's prices, which decide availability (none while unknown).
    quote: impl Fn() -> Option<Quote> + Copy + Send + Sync + 'static,
    /// Why the last payment attempt failed (decline, token error), shown here.
    payment_error: crate::i18n::ShownText,
    /// The card inputs are elsewhere (the 3-step cart asks for them at the
    /// bottom of STEP3), so none are shown under the card choice.
    card_elsewhere: Memo<bool>,
) -> impl IntoView {
    let form = crate::context::<CheckoutForm>();
    let locale = crate::context::<LocaleCtx>();
    let client = crate::api::ApiClient::from_context();
    let methods = move || {
        config()
            .map(|c| c.payment_methods)
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m.enabled)
    };
    let availability = move |code: PaymentMethodCode| {
        quote().and_then(|q| q.payment_methods.into_iter().find(|m| m.code == code))
    };
    view! {
        <section class="zs-section zs-card" part="payment" aria-labelledby="payment-heading">
            <h2 id="payment-heading">{locale.t(Msg::PaymentMethod)}</h2>
            <fieldset id=Field::Payment.id() tabindex="-1" class="zs-radio-group"
                aria-describedby=Field::Payment.error_id()>
                <legend class="zs-visually-hidden">{locale.t(Msg::PaymentMethod)}</legend>
                {move || Some(methods().map(|m| {
                    let code = m.code;
                    let input_id = format!("payment-{}", code.as_str());
                    let reason_id = format!("payment-{}-reason", code.as_str());
                    let reason = move || availability(code).and_then(|a| a.reason);
                    let selectable = move || reason().is_none();
                    let hidden = move || reason().is_some_and(UnavailableReason::hides_method);
                    let name = shop_text(m.name.clone(), m.name_en.clone());
                    let alt = shop_text(m.logo_alt.clone().unwrap_or_default(), m.logo_alt_en.clone());
                    let logo = m.logo_url.clone().map(|src| view! { <img class="zs-logo" src=client.url(&src) alt=alt/> });
                    let notes = m.notes.clone().map(|n| shop_text(n, m.notes_en.clone()));
                    let card_notice = m.card_notice.clone().map(|n| shop_text(n, m.card_notice_en.clone()));
                    view! {
                        <div class="zs-radio-option" class:zs-disabled=move || !selectable() class:zs-hidden=hidden data-testid=format!("payment-option-{}", code.as_str())>
                            <input type="radio" name="payment" id=input_id.clone() value=code.as_str()
                                disabled=move || !selectable()
                                aria-describedby=reason_id.clone()
                                prop:checked=move || form.payment.get() == Some(code)
                                on:change=crate::handler(move |_| {
                                    form.payment.set(Some(code));
                                    // What was said about the last choice goes with it.
                                    payment_error.clear();
                                })/>
                            <label for=input_id>{name} {logo}</label>
                            <p class="zs-reason" id=reason_id data-testid=format!("payment-reason-{}", code.as_str())>
                                {move || reason().map(|r| locale.get().of(&r.text(code == PaymentMethodCode::Card)).to_owned()).unwrap_or_default()}
                            </p>
                            {notes.map(|n| view! { <p class="zs-note">{n}</p> }.into_any())}
                            {move || (!card_elsewhere.get() && form.payment.get() == Some(code) && code == PaymentMethodCode::Card).then(|| {
                                let pay_ways = config().map(|c| c.token.pay_ways).unwrap_or_else(|| vec![1]);
                                view! {
                                    {card_notice.clone().map(|n| view! { <p class="zs-card-notice" data-testid="card-notice">{n}</p> }.into_any())}
                                    <CardFields pay_ways error=payment_error/>
                                }.into_any()
                            })}
                        </div>
                    }
                }).collect_view().into_any())}
            </fieldset>
            <FormFieldError field=Field::Payment/>
            // Above the card inputs when they are here, else after the choices.
            {move || (card_elsewhere.get() || form.payment.get() != Some(PaymentMethodCode::Card)).then(|| view! { <PaymentError error=payment_error/> }.into_any())}
        </section>
    }
}
