//! 「注文する」 and what the server answers. An order whose answer was lost
//! (or that a reload cut short) may have been placed: before the shopper
//! goes back or starts another, the server says what became of it, and
//! withdraws it if it never arrived, so that nothing is charged twice.

use leptos::prelude::*;
use zerostep_domain::api::ErrorCode;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{OrderPlaced, OrderRequest, PayWay, PaymentRequest, PaymentToken};

use super::review::review;
use super::state::Checkout;
use super::tokenize::Tokenize;
use crate::api::{self, ApiError};
use crate::checkout::card_form::CardField;
use crate::checkout::form::CheckoutForm;
use crate::checkout::order_request::build_order;

/// Sends an order (`Some`) under its key, or asks what became of the order
/// sent with the key (`None`).
type Place = Action<(String, Option<OrderRequest>), Result<OrderPlaced, ApiError>>;

/// The order's placement.
#[derive(Clone, Copy)]
pub(super) struct Placement {
    place: Place,
    /// Whether 「注文確認する」 waits on the answer about an earlier order.
    resume: StoredValue<bool>,
}

impl Placement {
    /// Places `c`'s orders and acts on each answer; asks at once about an
    /// order whose outcome an earlier page never learnt.
    pub fn new(c: Checkout, tokenize: Tokenize) -> Self {
        let place: Place = Action::new_local(move |input: &(String, Option<OrderRequest>)| {
            let (key, order) = input.clone();
            let client = c.client.get_value();
            async move { client.place_order(&key, order.as_ref()).await }
        });
        let placement = Placement {
            place,
            resume: StoredValue::new(false),
        };
        if let Some(key) = api::pending_order() {
            placement.resolve(key);
        }
        Effect::new(move |_| {
            if let Some(result) = place.value().get() {
                let resumed = placement.resume.get_value();
                placement.resume.set_value(false);
                answered(c, tokenize, result, resumed);
            }
        });
        placement
    }

    /// Asks what became of the order sent with `key`.
    pub fn resolve(&self, key: String) {
        self.place.dispatch((key, None));
    }

    /// Asks about `key` first, then reviews the order if it never arrived.
    pub fn resolve_then_review(&self, key: String) {
        self.resume.set_value(true);
        self.resolve(key);
    }

    /// Whether a request is on its way (reactive).
    pub fn pending(&self) -> bool {
        self.place.pending().get()
    }

    /// Whether a request is on its way.
    pub fn pending_untracked(&self) -> bool {
        self.place.pending().get_untracked()
    }

    /// 「注文する」: places the order the open modal shows.
    pub fn place_confirmed(&self, c: Checkout) {
        let Some((q, _)) = c.modal.get_untracked() else {
            return;
        };
        let payment = match c.form.payment.get_untracked() {
            Some(PaymentMethodCode::Card) => {
                let Some(t) = c
                    .token
                    .get_value()
                    .and_then(|t| PaymentToken::parse(&t).ok())
                else {
                    return;
                };
                let pay_way =
                    PayWay::new(c.card_form.pay_way.get_untracked()).unwrap_or(PayWay::LUMP_SUM);
                PaymentRequest::Card { token: t, pay_way }
            }
            Some(PaymentMethodCode::BankTransfer) => PaymentRequest::BankTransfer,
            None => return,
        };
        let (Some(order), Some(key)) = (
            build_order(c.form, c.confirmed_lines.get_value(), payment, q.total),
            c.idempotency_key.get_value(),
        ) else {
            return;
        };
        c.confirm_error.clear();
        api::set_pending_order(Some(&key));
        self.place.dispatch((key, Some(order)));
    }
}

fn placed(c: Checkout, order: OrderPlaced) {
    api::set_pending_order(None);
    CheckoutForm::forget();
    c.cart.clear();
    c.modal.set(None);
    if let Some(cb) = c.hooks.on_placed {
        cb.run(order);
    }
}

fn answered(c: Checkout, tokenize: Tokenize, result: Result<OrderPlaced, ApiError>, resumed: bool) {
    match result {
        Ok(order) => placed(c, order),
        Err(ApiError { code, message }) if api::outcome_unknown(&code) => {
            // Same key on retry: the server answers the first attempt's
            // result. Going back first asks what became of it.
            c.report(&code, &message);
            c.say(&message);
            if c.modal.get_untracked().is_some() {
                c.confirm_error.show(message);
            } else {
                c.payment_error.show(message);
            }
        }
        // Never placed, and now never will be: the shopper starts afresh.
        Err(ApiError { code, message }) if code == ErrorCode::OrderWithdrawn => {
            api::set_pending_order(None);
            c.confirm_error.clear();
            c.payment_error.clear();
            if c.modal.get_untracked().is_some() {
                // 注文する again, for an attempt an earlier check withdrew
                // (its answer was lost): the shopper confirms afresh.
                c.close_modal();
                c.say(&message);
                c.payment_error.show(message);
            } else if resumed {
                review(c, tokenize);
            }
        }
        Err(ApiError { code, message }) => {
            api::set_pending_order(None);
            c.report(&code, &message);
            c.close_modal();
            c.say(&message);
            c.payment_error.show(message);
            if code == ErrorCode::PriceChanged {
                c.quote.refetch();
            }
            if code == ErrorCode::CardDeclined || code == ErrorCode::TokenExpired {
                c.focus(CardField::Number.id());
            }
        }
    }
}
