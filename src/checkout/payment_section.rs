//! お支払い方法: the methods from settings, each selectable or not with the reason in words.

use leptos::prelude::*;
use zerostep_domain::checkout::{CheckoutConfig, PaymentMethodCode, Quote, UnavailableReason};

use crate::api::ApiError;
use crate::checkout::card_form::CardFields;
use crate::checkout::form::{CheckoutForm, Field};
use crate::checkout::text_field::FieldError;
use crate::i18n::{Locale, LocaleCtx};

/// Why a method cannot be chosen, in words.
pub fn reason_text(
    reason: UnavailableReason,
    code: PaymentMethodCode,
    locale: Locale,
) -> &'static str {
    let card = code == PaymentMethodCode::Card;
    match (reason, locale) {
        (UnavailableReason::OverLimit, Locale::Ja) => {
            "クレジットカード決済は1回のお支払いが30万円（税込）までのため、ご利用いただけません。"
        }
        (UnavailableReason::OverLimit, Locale::En) => "Card payments are limited to ¥300,000 (tax incl.) per order.",
        (UnavailableReason::Undetermined, Locale::Ja) if card => {
            "送料が「別途連絡」となりお支払い金額が確定しないため、クレジットカード決済はご利用いただけません。"
        }
        (UnavailableReason::Undetermined, Locale::Ja) => "お支払い金額が確定しないため、ご利用いただけません。",
        (UnavailableReason::Undetermined, Locale::En) => {
            "The shipping fee will be confirmed later, so the amount is not final and this method cannot be used."
        }
        (UnavailableReason::NotAcceptedByDelivery, Locale::Ja) => "選択された配送方法では、この支払方法はご利用いただけません。",
        (UnavailableReason::NotAcceptedByDelivery, Locale::En) => "This payment method is not available with the chosen delivery method.",
        (UnavailableReason::NotOnThisDevice, Locale::Ja) => "この支払方法はお使いの端末ではご利用いただけません。",
        (UnavailableReason::NotOnThisDevice, Locale::En) => "This payment method is not offered on this device.",
        (UnavailableReason::OutOfRange, Locale::Ja) => "ご注文金額がこの支払方法の利用条件の範囲外のため、ご利用いただけません。",
        (UnavailableReason::OutOfRange, Locale::En) => "The order total is outside the range in which this payment method is offered.",
        (UnavailableReason::Disabled, Locale::Ja) => "現在この支払方法はご利用いただけません。",
        (UnavailableReason::Disabled, Locale::En) => "This payment method is currently unavailable.",
    }
}

/// The payment choice.
#[component]
pub fn PaymentSection(
    /// The shop's settings.
    config: LocalResource<Result<CheckoutConfig, ApiError>>,
    /// The server's prices (which decide availability).
    quote: LocalResource<Result<Option<Quote>, ApiError>>,
    /// Why the last payment attempt failed (decline, token error), shown here.
    payment_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let form = expect_context::<CheckoutForm>();
    let locale = expect_context::<LocaleCtx>();
    let t = move |ja, en| locale.pick(ja, en);
    let methods = move || {
        config
            .get()
            .and_then(Result::ok)
            .map(|c| c.payment_methods)
            .unwrap_or_default()
    };
    let availability = move |code: PaymentMethodCode| {
        quote
            .get()
            .and_then(Result::ok)
            .flatten()
            .and_then(|q| q.payment_methods.into_iter().find(|m| m.code == code))
    };
    view! {
        <section class="zs-section zs-card" part="payment" aria-labelledby="payment-heading">
            <h2 id="payment-heading">{t("お支払い方法", "Payment method")}</h2>
            <fieldset id=Field::Payment.id() tabindex="-1" class="zs-radio-group"
                aria-describedby=Field::Payment.error_id()>
                <legend class="zs-visually-hidden">{t("お支払い方法", "Payment method")}</legend>
                {move || methods().into_iter().map(|m| {
                    let code = m.code;
                    let input_id = format!("payment-{}", code.as_str());
                    let reason_id = format!("payment-{}-reason", code.as_str());
                    let enabled = m.enabled;
                    let reason = move || availability(code).and_then(|a| a.reason).or((!enabled).then_some(UnavailableReason::Disabled));
                    let selectable = move || reason().is_none();
                    let logo = m.logo_url.clone().map(|src| view! { <img class="zs-logo" src=crate::api::url(&src) alt=m.logo_alt.clone().unwrap_or_default()/> });
                    let notes = m.notes.clone();
                    let card_notice = m.card_notice.clone();
                    view! {
                        <div class="zs-radio-option" class:zs-disabled=move || !selectable() data-testid=format!("payment-option-{}", code.as_str())>
                            <input type="radio" name="payment" id=input_id.clone() value=code.as_str()
                                disabled=move || !selectable()
                                aria-describedby=reason_id.clone()
                                prop:checked=move || form.payment.get() == Some(code)
                                on:change=move |_| form.payment.set(Some(code))/>
                            <label for=input_id>{m.name.clone()} {logo}</label>
                            <p class="zs-reason" id=reason_id data-testid=format!("payment-reason-{}", code.as_str())>
                                {move || reason().map(|r| reason_text(r, code, locale.get()))}
                            </p>
                            {notes.map(|n| view! { <p class="zs-note">{n}</p> })}
                            {move || (form.payment.get() == Some(code) && code == PaymentMethodCode::Card).then(|| {
                                let pay_ways = config.get().and_then(Result::ok).map(|c| c.token.pay_ways).unwrap_or_else(|| vec![1]);
                                view! {
                                    {card_notice.clone().map(|n| view! { <p class="zs-card-notice" data-testid="card-notice">{n}</p> })}
                                    <CardFields pay_ways/>
                                }
                            })}
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <FieldError field=Field::Payment/>
            {move || payment_error.get().map(|e| view! { <div class="zs-error" role="alert" data-testid="payment-error">{crate::i18n::in_locale(&e, locale.get()).to_owned()}</div> })}
        </section>
    }
}
