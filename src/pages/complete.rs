//! The completion page (`/complete`): the 注文番号 and what happens next.

use leptos::prelude::*;
use leptos_router::components::A;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{OrderOutcome, OrderPlaced};

use crate::i18n::{Locale, LocaleCtx};
use crate::pages::checkout::LastOrder;

/// Thanks, the order number, and the next steps.
#[component]
pub fn CompletePage() -> impl IntoView {
    let locale = expect_context::<LocaleCtx>();
    let last = expect_context::<LastOrder>();
    let ja = move || locale.get() == Locale::Ja;
    let back = move || {
        view! {
            <A href="/" attr:class="zs-button">{move || if ja() { "ショップに戻る" } else { "Back to the shop" }}</A>
        }
    };
    view! {
        {move || match last.0.get() {
            None => view! {
                <section class="zs-section zs-card zs-complete" aria-labelledby="complete-heading">
                    <h1 id="complete-heading">{move || if ja() { "ご注文情報がありません" } else { "No recent order" }}</h1>
                    {back()}
                </section>
            }.into_any(),
            Some(order) => view! { <OrderCompletion order/> {back()} }.into_any(),
        }}
    }
}

/// What the shopper sees once an order is placed (the shop's completion page
/// and the embedded widget's last state).
#[component]
pub fn OrderCompletion(
    /// The order just placed.
    order: OrderPlaced,
) -> impl IntoView {
    let locale = expect_context::<LocaleCtx>();
    let ja = move || locale.get() == Locale::Ja;
    let pending = order.outcome == OrderOutcome::PendingReview;
    let card = order.payment_method == PaymentMethodCode::Card;
    let number = order.order_number.clone();
    let email = order.email.to_string();
    // The heading takes the focus, so screen readers start from the result.
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <section class="zs-section zs-card zs-complete" part="complete" aria-labelledby="complete-heading">
            <h1 id="complete-heading" tabindex="-1" node_ref=heading>{move || match (pending, ja()) {
                (false, true) => "ご注文ありがとうございました",
                (false, false) => "Thank you for your order",
                (true, true) => "ご注文を受け付けました（確認中）",
                (true, false) => "Order received (being confirmed)",
            }}</h1>
            <p class="zs-order-number">{move || if ja() { "注文番号: " } else { "Order number: " }}<strong data-testid="order-number">{number.clone()}</strong></p>
            <p>{format!("¥{}", order.total.grouped())}</p>
            <ul class="zs-next-steps">
                <li>{move || if ja() { format!("ご注文内容の確認メールを {email} にお送りしました。") } else { format!("A confirmation e-mail was sent to {email}.") }}</li>
                {move || match (pending, card, ja()) {
                    (true, _, true) => "決済結果を確認中です。確認が取れ次第メールでお知らせします。カードへの二重請求はありません。",
                    (true, _, false) => "We are confirming the payment and will e-mail you; your card will not be charged twice.",
                    (false, true, true) => "カードの与信（仮売上）が完了しました。商品の発送時に売上が確定します。",
                    (false, true, false) => "Your card is authorized; it is charged when the goods ship.",
                    (false, false, true) => "ご注文確認メールに記載の口座へ、7日以内にお振込みください。",
                    (false, false, false) => "Please pay by bank transfer within 7 days, as the e-mail explains.",
                }.into_view()}
            </ul>
        </section>
    }
}
