//! What the flow tells whoever hosts it (the shop's router, the embedded
//! widget, a Leptos host).

use leptos::prelude::*;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::OrderPlaced;

use super::state::Checkout;
use crate::api::ApiError;

/// The host's callbacks.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckoutHooks {
    /// The order was placed (authorized, or accepted pending confirmation).
    pub on_placed: Option<Callback<OrderPlaced>>,
    /// Validity or total changed.
    pub on_change: Option<Callback<CheckoutStatus>>,
    /// The shopper was shown an error (a decline, the network, the token library).
    pub on_error: Option<Callback<ApiError>>,
    /// The card's issuer authenticates the shopper (EMV 3-D Secure): it
    /// started, or it ended with the order placed or not.
    pub on_authentication: Option<Callback<AuthenticationEvent>>,
}

/// Where the card's authentication (EMV 3-D Secure) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthenticationEvent {
    /// The issuer's page opened.
    Started,
    /// It is over, and the order is placed (`true`) or not.
    Ended {
        /// The order was placed.
        completed: bool,
    },
}

/// Whether the form could be submitted now, and the total the server priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckoutStatus {
    /// Every field, the payment method and (for cards) the card inputs are valid.
    pub valid: bool,
    /// The tax-included total, once priced.
    pub total: Option<zerostep_domain::Yen>,
    /// How many items the cart holds.
    pub items: u32,
}

/// Tells the host's `on_change` whenever the status changes.
pub(super) fn report_status(c: Checkout) {
    let Some(on_change) = c.hooks.on_change else {
        return;
    };
    let last = StoredValue::new(None::<CheckoutStatus>);
    crate::task::effect(move || {
        let card_ok = c.form.payment.get() != Some(PaymentMethodCode::Card)
            || (c.token.get_value().is_some() || c.card_form.is_valid());
        let status = CheckoutStatus {
            valid: !c.cart.is_empty() && c.form.is_valid() && card_ok,
            total: c
                .quote
                .get()
                .and_then(Result::ok)
                .flatten()
                .map(|q| q.total),
            items: c.cart.item_count(),
        };
        if last.get_value() != Some(status) {
            last.set_value(Some(status));
            on_change.run(status);
        }
    });
}
