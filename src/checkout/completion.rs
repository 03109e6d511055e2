//! What the shopper sees once an order is placed (the shop's completion
//! page and the embedded widget's last state), and the last order placed.

use leptos::prelude::*;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{OrderOutcome, OrderPlaced};

use crate::i18n::{self, Locale, LocaleCtx, Msg};

/// The order just placed, for the completion page.
#[derive(Debug, Clone, Copy)]
pub struct LastOrder(pub RwSignal<Option<OrderPlaced>>);

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
            <p class="zs-order-number">{locale.t(Msg::OrderNumberLabel)}<strong data-testid="order-number">{number.clone()}</strong></p>
            <p>{format!("¥{}", order.total.grouped())}</p>
            <ul class="zs-next-steps">
                <li>{move || i18n::confirmation_sent(locale.get(), &email)}</li>
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
