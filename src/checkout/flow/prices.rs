//! The shop's settings and the server's prices for the cart and address,
//! and the choices they decide: the first delivery method, dummy cards in
//! sandbox mode, and a payment method that stops being selectable.

use leptos::prelude::*;
use zerostep_domain::checkout::QuoteRequest;

use super::state::{Checkout, Config, Prices};
use crate::api::ApiClient;
use crate::cart::Cart;
use crate::checkout::form::CheckoutForm;
use crate::i18n;
use crate::task::Fetched;

/// Reads the settings and prices the cart, again whenever what prices it changes.
pub(super) fn settings_and_prices(
    client: StoredValue<ApiClient>,
    cart: Cart,
    form: CheckoutForm,
) -> (Config, Prices) {
    let config: Config = Fetched::new(move || {
        let client = client.get_value();
        async move { client.checkout_config().await }
    });
    // The method a quote asks for: none while the choice is empty or the
    // first method, which the server applies to a quote without one. So the
    // first method being filled in when the settings arrive (below) asks for
    // no second quote. Should the shop's first method have changed since the
    // settings were read (a quote names the method it is priced with), every
    // quote names its method from then on.
    let name_method = RwSignal::new(false);
    // The first method the settings list (`None` until they are read).
    let listed_first = Memo::new(move |_| {
        config.with(|c| match c {
            Some(Ok(c)) => Some(c.delivery_methods.first().map(|d| d.code.clone())),
            _ => None,
        })
    });
    let quote_method = Memo::new(move |_| {
        let method = form.delivery_method.get();
        let is_first = listed_first
            .get()
            .flatten()
            .is_some_and(|first| first == method);
        (!method.is_empty() && (!is_first || name_method.get())).then_some(method)
    });
    let quote: Prices = Fetched::new(move || {
        let client = client.get_value();
        let lines = cart.request_lines();
        let prefecture = form.delivery_prefecture();
        let delivery_method = quote_method.get();
        async move {
            if lines.is_empty() {
                return Ok(None);
            }
            let asked_by_name = delivery_method.is_some();
            let quote = client
                .quote(QuoteRequest {
                    lines,
                    prefecture,
                    delivery_method,
                })
                .await?;
            // Asked without a method, the quote is priced with the shop's
            // first; if that is not the first the settings listed, every
            // quote names its method from now on.
            if !asked_by_name
                && listed_first
                    .get_untracked()
                    .is_some_and(|first| first != quote.delivery_method)
            {
                _ = name_method.try_set(true);
            }
            Ok(Some(quote))
        }
    });
    (config, quote)
}

/// The choices the settings and prices make for the shopper.
pub(super) fn follow_settings(c: Checkout) {
    let (config, quote, form, card_form) = (c.config, c.quote, c.form, c.card_form);
    // Defaults from the settings: the first delivery method; dummy cards in sandbox mode only.
    crate::task::effect(move || {
        if let Some(Ok(c)) = config.get() {
            card_form.allow_dummy.set(c.token.allow_dummy_cards);
            // The first method, unless one still offered was restored.
            let chosen = form.delivery_method.get_untracked();
            if !c.delivery_methods.iter().any(|d| d.code == chosen) {
                if let Some(first) = c.delivery_methods.first() {
                    form.delivery_method.set(first.code.clone());
                    form.delivery_date.set(String::new());
                }
            }
        }
    });
    // A method that stops being selectable (total, address, delivery) is
    // unselected; when it leaves the page, the shopper is told why the
    // choice is gone (a disabled one still shows its reason).
    crate::task::effect(move || {
        let (Some(chosen), Some(Ok(Some(q)))) = (form.payment.get(), quote.get()) else {
            return;
        };
        let Some(reason) = q
            .payment_methods
            .iter()
            .find(|m| m.code == chosen && !m.selectable)
            .and_then(|m| m.reason)
        else {
            return;
        };
        form.payment.set(None);
        if reason.hides_method() {
            let name = config
                .get_untracked()
                .and_then(Result::ok)
                .and_then(|c| c.payment_methods.into_iter().find(|m| m.code == chosen))
                .map(|m| (m.name, m.name_en))
                .unwrap_or_default();
            let text = i18n::payment_method_withdrawn(&name.0, name.1.as_deref());
            c.payment_error.show(text.clone());
            c.say(&text);
        }
    });
}
