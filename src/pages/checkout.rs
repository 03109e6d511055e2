//! The purchase page (`/checkout`): one page, no steps (ゼロステップカート).
//! 買い物カゴ, ご注文者情報, お届け先, 配送方法・お届け日時, お支払い方法, and the
//! order summary priced by the server as the address changes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use zerostep_domain::checkout::QuoteRequest;

use crate::api;
use crate::cart::Cart;
use crate::checkout::buyer_section::{BuyerSection, ShippingSection};
use crate::checkout::cart_section::CartSection;
use crate::checkout::delivery_section::DeliverySection;
use crate::checkout::form::CheckoutForm;
use crate::checkout::payment_section::PaymentSection;
use crate::checkout::summary::OrderSummary;
use crate::components::announcer::Announcement;
use crate::i18n::{Locale, LocaleCtx};

fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(el) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// The purchase page.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let cart = expect_context::<Cart>();
    let locale = expect_context::<LocaleCtx>();
    let announcement = expect_context::<Announcement>();
    let form = CheckoutForm::new();
    provide_context(form);

    let config = LocalResource::new(api::checkout_config);
    let quote = LocalResource::new(move || {
        let lines = cart.request_lines();
        let prefecture = form.delivery_prefecture();
        let method = form.delivery_method.get();
        async move {
            if lines.is_empty() {
                return Ok(None);
            }
            let delivery_method = (!method.is_empty()).then_some(method);
            api::quote(QuoteRequest {
                lines,
                prefecture,
                delivery_method,
            })
            .await
            .map(Some)
        }
    });

    // The first delivery method is the default.
    Effect::new(move |_| {
        if let Some(Ok(c)) = config.get() {
            if form.delivery_method.get_untracked().is_empty() {
                if let Some(first) = c.delivery_methods.first() {
                    form.delivery_method.set(first.code.clone());
                }
            }
        }
    });
    // A method that stops being selectable (total, address, delivery) is unselected.
    Effect::new(move |_| {
        if let (Some(chosen), Some(Ok(Some(q)))) = (form.payment.get(), quote.get()) {
            if q.payment_methods
                .iter()
                .any(|m| m.code == chosen && !m.selectable)
            {
                form.payment.set(None);
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submitted.set(true);
        let invalid = form.invalid_fields();
        let ja = locale.0.get_untracked() == Locale::Ja;
        if let Some(first) = invalid.first() {
            focus(first.id());
            announcement.say(if ja {
                format!("入力内容に{}件の誤りがあります。", invalid.len())
            } else {
                format!("{} fields need attention.", invalid.len())
            });
            return;
        }
        announcement.say(
            if ja {
                "入力内容を確認しました。"
            } else {
                "Your details are complete."
            }
            .to_owned(),
        );
    };

    view! {
        <div class="zs-checkout">
            <h1>{locale.pick("ご購入手続き", "Checkout")}</h1>
            <Show when=move || !cart.is_empty() fallback=move || view! { <CartSection quote/> }>
                <div class="zs-checkout-grid">
                    <form class="zs-checkout-main" novalidate=true on:submit=submit>
                        <CartSection quote/>
                        <BuyerSection/>
                        <ShippingSection/>
                        <DeliverySection config/>
                        <PaymentSection config quote/>
                        <button type="submit" class="zs-button zs-button-primary zs-submit">
                            {locale.pick("注文確認する", "Review order")}
                        </button>
                    </form>
                    <aside class="zs-checkout-summary">
                        <OrderSummary quote/>
                    </aside>
                </div>
            </Show>
        </div>
    }
}
