//! The confirmation modal: the final-confirmation items of 特定商取引法
//! 第12条の6 (items and quantities, prices with tax per rate, shipping, total,
//! payment method and when it is charged, delivery, cancellation policy), and
//! 「注文する」. A real dialog: focus moves in and stays, Esc or 「戻る」 closes it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use zerostep_domain::checkout::{CheckoutConfig, PaymentMethodCode, Quote, ShippingStatus};
use zerostep_domain::TaxRate;

use crate::checkout::form::CheckoutForm;
use crate::checkout::sections::delivery::date_label;
use crate::i18n::{self, shop_text, LocaleCtx, Msg};

fn yen(y: zerostep_domain::Yen) -> String {
    format!("¥{}", y.grouped())
}

fn focusables(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(
        "button:not([disabled]), a[href], input:not([disabled]), select, [tabindex='0']",
    ) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// The modal.
#[component]
pub fn ConfirmModal(
    /// The priced order being confirmed.
    quote: Quote,
    /// The shop's settings (payment names).
    config: CheckoutConfig,
    /// Closes the modal (「戻る」, Esc); the token is discarded.
    #[prop(into)]
    on_close: Callback<()>,
    /// Places the order (「注文する」).
    #[prop(into)]
    on_place: Callback<()>,
    /// Whether the order is being placed (the button is disabled meanwhile).
    #[prop(into)]
    placing: Signal<bool>,
    /// Why the last attempt failed, when the modal stays open (a network error).
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let dialog = NodeRef::<leptos::html::Div>::new();

    // Focus moves into the dialog when it opens.
    crate::task::effect(move || {
        if let Some(el) = dialog.get() {
            if let Some(first) = focusables(&el).into_iter().next() {
                let _ = first.focus();
            }
        }
    });
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            on_close.run(());
            return;
        }
        if ev.key() != "Tab" {
            return;
        }
        let Some(el) = dialog.get() else { return };
        let items = focusables(&el);
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        let active = crate::platform::dom::active_element_near(&el);
        let at = |x: &web_sys::HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == x.unchecked_ref::<web_sys::Element>())
        };
        if ev.shift_key() && at(first) {
            ev.prevent_default();
            let _ = last.focus();
        } else if !ev.shift_key() && at(last) {
            ev.prevent_default();
            let _ = first.focus();
        }
    };

    view! {
        <div class="zs-modal-backdrop" part="modal-backdrop">
            <div class="zs-modal" part="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-heading" node_ref=dialog on:keydown=crate::handler(keydown) data-testid="confirm-modal">
                <h2 id="confirm-heading">{locale.t(Msg::ConfirmHeading)}</h2>
                <OrderReview quote config/>
                {move || error.get().map(|e| view! { <div class="zs-error" role="alert" data-testid="confirm-error">{e}</div> }.into_any())}
                <div class="zs-modal-actions">
                    <button type="button" class="zs-button" on:click=crate::handler(move |_| on_close.run(()))>{locale.t(Msg::Back)}</button>
                    <button type="button" class="zs-button zs-button-primary" part="place-order" disabled=move || placing.get()
                        aria-busy=move || if placing.get() { "true" } else { "false" }
                        on:click=crate::handler(move |_| if !placing.get_untracked() { on_place.run(()) })>
                        {move || if placing.get() { Msg::Placing } else { Msg::PlaceOrder }.text(locale.get())}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// What the shopper confirms (the final-confirmation items of 特定商取引法
/// 第12条の6): items and quantities, prices with tax per rate, shipping,
/// total, payment method and when it is charged, delivery, cancellation
/// policy; with the buyer too on the 3-step cart's STEP3. The modal shows it,
/// and STEP3 is it.
#[component]
pub fn OrderReview(
    /// The priced order being confirmed.
    quote: Quote,
    /// The shop's settings (payment names).
    config: CheckoutConfig,
    /// Show who orders (name, e-mail, phone) first.
    #[prop(optional)]
    with_buyer: bool,
) -> impl IntoView {
    let form = crate::context::<CheckoutForm>();
    let locale = crate::context::<LocaleCtx>();
    let method = form.payment.get_untracked();
    let method_name = config
        .payment_methods
        .iter()
        .find(|m| Some(m.code) == method)
        .map(|m| shop_text(m.name.clone(), m.name_en.clone()));
    let card = method == Some(PaymentMethodCode::Card);
    let delivery = config
        .delivery_methods
        .iter()
        .find(|d| d.code == form.delivery_method.get_untracked())
        .cloned();
    let date_iso = form.delivery_date.get_untracked();
    let slot = form.time_slot.get_untracked();
    let address = if form.ship_same.get_untracked() {
        form.buyer_address
    } else {
        form.ship_address
    };
    let recipient_name = if form.ship_same.get_untracked() {
        format!(
            "{} {}",
            form.family.get_untracked(),
            form.given.get_untracked()
        )
    } else {
        format!(
            "{} {}",
            form.ship_family.get_untracked(),
            form.ship_given.get_untracked()
        )
    };
    let address_text = format!(
        "〒{} {}{}{} {}",
        address.postal.get_untracked(),
        address
            .prefecture_value()
            .map(|p| p.name_ja())
            .unwrap_or_default(),
        address.city.get_untracked(),
        address.line1.get_untracked(),
        address.line2.get_untracked()
    );
    let lines = quote.lines.clone();
    let rates = quote.rates.clone();
    let shipping = quote.shipping;
    let total = quote.total;

    let buyer = with_buyer.then(|| {
        let name = format!(
            "{} {}",
            form.family.get_untracked(),
            form.given.get_untracked()
        );
        let contact = format!(
            "{} / {}",
            form.email.get_untracked(),
            form.phone.get_untracked()
        );
        view! {
            <section class="zs-confirm-block" data-testid="review-buyer">
                <h3>{locale.t(Msg::BuyerHeading)}</h3>
                <p>{move || i18n::recipient(locale.get(), &name)}</p>
                <p>{contact}</p>
            </section>
        }
        .into_any()
    });
    view! {
        {buyer}
        <section aria-label=locale.t(Msg::OrderedItems)>
            <ul class="zs-confirm-lines">
                {lines.into_iter().map(|l| {
                    let mark = if l.tax_rate == TaxRate::Reduced { "※" } else { "" };
                    let name = shop_text(l.name.to_string(), l.name_en.map(String::from));
                    view! { <li><span>{name}{format!("{mark} × {}", l.quantity.get())}</span><span>{yen(l.amount)}</span></li> }
                }).collect_view()}
            </ul>
            <dl class="zs-summary-list">
                <div class="zs-summary-row"><dt>{locale.t(Msg::Shipping)}</dt>
                    <dd>{move || match (shipping.status, shipping.fee) {
                        (ShippingStatus::Free, _) => Msg::FreeShipping.text(locale.get()).to_owned(),
                        (_, Some(fee)) => yen(fee),
                        _ => Msg::ShippingToBeAdvised.text(locale.get()).to_owned(),
                    }}</dd></div>
                {rates.into_iter().map(|r| view! {
                    <div class="zs-summary-row zs-summary-rate"><dt>{locale.t(match r.rate {
                        TaxRate::Standard => Msg::TaxedAt10,
                        TaxRate::Reduced => Msg::TaxedAt8Short,
                    })}</dt><dd>{move || i18n::tax_included(locale.get(), &yen(r.amount), &yen(r.tax))}</dd></div>
                }).collect_view()}
                <div class="zs-summary-row zs-summary-total"><dt>{locale.t(Msg::PaymentTotal)}</dt><dd data-testid="confirm-total">{yen(total)}</dd></div>
            </dl>
        </section>
        <section class="zs-confirm-block">
            <h3>{locale.t(Msg::PaymentAndTiming)}</h3>
            <p>{method_name}</p>
            <p class="zs-note">{locale.t(if card { Msg::CardChargedWhen } else { Msg::TransferDueWhen })}</p>
        </section>
        <section class="zs-confirm-block">
            <h3>{locale.t(Msg::DeliveryAndTiming)}</h3>
            <p>{move || i18n::recipient(locale.get(), &recipient_name)}</p>
            <p>{address_text}</p>
            <p>{move || {
                let method = delivery.as_ref().map(|d| locale.get().pick(&d.name, d.name_en.as_deref()).to_owned()).unwrap_or_default();
                let date = delivery.as_ref().and_then(|d| d.dates.iter().find(|x| x.date == date_iso)).map(|d| date_label(d, locale.get()));
                i18n::delivery_when(locale.get(), &method, date.as_deref(), slot)
            }}</p>
        </section>
        <section class="zs-confirm-block">
            <h3>{locale.t(Msg::CancellationHeading)}</h3>
            <p class="zs-note">{locale.t(Msg::CancellationPolicy)}</p>
        </section>
    }
}
