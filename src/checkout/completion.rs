//! What the shopper sees once an order is placed (the shop's completion
//! page and the embedded widget's last state), and the last order placed.

use leptos::prelude::*;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{OrderOutcome, OrderPlaced};

use crate::i18n::{self, LocaleCtx, Msg};

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
    let locale = crate::context::<LocaleCtx>();
    let pending = order.outcome == OrderOutcome::PendingReview;
    let card = order.payment_method == PaymentMethodCode::Card;
    let number = order.order_number.clone();
    let email = order.email.as_ref().map(ToString::to_string);
    // Nothing said before the order (a decline, an address filled in)
    // outlives it: the heading, which takes the focus, says the rest.
    if let Some(shell) = crate::Shell::provided() {
        shell.announcement.say(String::new());
    }
    // The heading takes the focus, so screen readers start from the result.
    let heading = NodeRef::<leptos::html::H1>::new();
    crate::task::effect(move || {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <section class="zs-section zs-card zs-complete" part="complete" aria-labelledby="complete-heading">
            <h1 id="complete-heading" tabindex="-1" node_ref=heading>{locale.t(if pending { Msg::OrderReceivedChecking } else { Msg::ThankYou })}</h1>
            <p class="zs-order-number">{locale.t(Msg::OrderNumberLabel)}<strong data-testid="order-number">{number.clone()}</strong></p>
            <p>{format!("¥{}", order.total.grouped())}</p>
            <ul class="zs-next-steps">
                // No mail has gone yet while the payment is being confirmed:
                // it goes once the outcome is known, either way.
                {(!pending).then(|| view! { <li>{move || i18n::confirmation_sent(locale.get(), email.as_deref())}</li> })}
                <li>{locale.t(match (pending, card) {
                    (true, _) => Msg::NextWhenChecking,
                    (false, true) => Msg::NextWhenAuthorized,
                    (false, false) => Msg::NextWhenTransfer,
                })}</li>
            </ul>
        </section>
    }
}
