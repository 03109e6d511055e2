//! 「注文する」 and what the server answers. An order whose answer was lost
//! (or that a reload cut short) may have been placed: before the shopper
//! goes back or starts another, the server says what became of it, and
//! withdraws it if it never arrived, so that nothing is charged twice.

use leptos::prelude::*;
use zerostep_domain::api::ErrorCode;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::{
    OrderOutcome, OrderPlaced, OrderRequest, PayWay, PaymentRequest, PaymentToken,
};

use super::authentication::{page_origin, Authentication};
use super::hooks::AuthenticationEvent;
use super::review::review;
use super::state::Checkout;
use super::tokenize::Tokenize;
use crate::api::{self, ApiError};
use crate::checkout::card_form::CardField;
use crate::checkout::form::CheckoutForm;
use crate::checkout::order_request::build_order;
use crate::i18n;
use crate::task::Job;

/// Sends an order (`Some`) under its key, or asks what became of the order
/// sent with the key (`None`).
type Place = Job<(String, Option<OrderRequest>)>;

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
        let resume = StoredValue::new(false);
        let place: Place = Job::new(
            move |(key, order): (String, Option<OrderRequest>)| {
                let client = c.client.get_value();
                async move {
                    match order {
                        Some(order) => client.place_order(&key, &order).await,
                        None => client.abandon_order(&key).await,
                    }
                }
            },
            move |result| {
                let resumed = resume.get_value();
                resume.set_value(false);
                answered(c, tokenize, result, resumed);
            },
        );
        let placement = Placement { place, resume };
        if let Some(key) = api::pending_order() {
            placement.resolve(key);
        }
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
        self.place.pending()
    }

    /// Whether a request is on its way.
    pub fn pending_untracked(&self) -> bool {
        self.place.pending_untracked()
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

/// The card's issuer authenticates the shopper first (EMV 3-D Secure): its
/// pages open in the dialog, in our frame. The order's key stays pending, so
/// when the issuer is done (or after a reload, or in the whole window) the
/// page asks what became of the order and shows the completion or the reason.
fn authenticate(c: Checkout, path: Option<&str>) {
    let client = c.client.get_value();
    let Some(mut auth) = path.and_then(|p| Authentication::new(&client, p, &page_origin())) else {
        return;
    };
    // The issuer's page already said it is over, yet the order still waits
    // (its return is being read, or A09 is on its way): no second start;
    // the key stays, so the next 「注文確認する」 asks again.
    if c.returned.get_value().as_deref() == Some(auth.session()) {
        c.returned.set_value(None);
        let message = i18n::authentication_unsettled();
        c.say(&message);
        if c.modal.get_untracked().is_some() {
            c.confirm_error.show(message);
        } else {
            c.payment_error.show(message);
        }
        return;
    }
    if !c.authenticating.get_value() {
        c.authenticating.set_value(true);
        if let Some(cb) = c.hooks.on_authentication {
            cb.run(AuthenticationEvent::Started);
        }
    }
    auth.key = api::pending_order();
    c.authentication.set(Some(auth));
}

/// Tells the host an authentication is over, once its order's answer is in.
fn authentication_ended(c: Checkout, completed: bool) {
    if c.authenticating.get_value() {
        c.authenticating.set_value(false);
        if let Some(cb) = c.hooks.on_authentication {
            cb.run(AuthenticationEvent::Ended { completed });
        }
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

/// What the page does with an answer about an order: the recovery
/// protocol that keeps a lost answer from charging twice, as a pure
/// function (its effects are [`answered`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// Placed (or accepted pending review): the host takes over.
    Placed,
    /// The outcome is not known (the network, the server busy with the same
    /// key): the key is kept, so a retry asks about this order; the message
    /// shows where the shopper is.
    Unknown {
        /// In the open modal rather than beside the payment choice.
        in_modal: bool,
    },
    /// The order never arrived and now never will: the shopper starts afresh.
    Withdrawn {
        /// The modal was open (its 注文する was for a withdrawn attempt):
        /// it closes and says so.
        close_modal: bool,
        /// 注文確認する was waiting on this answer: the review goes on.
        review: bool,
    },
    /// Refused (declined, price changed, …): the modal closes, the reason
    /// shows beside the payment choice.
    Refused {
        /// The total changed: price again.
        refetch_quote: bool,
        /// The card is at fault: its number takes focus.
        focus_card: bool,
    },
}

/// The step for an answer whose error code is `code` (`None`: placed),
/// with the modal open or not, and whether 注文確認する waits on it.
pub(super) fn next(code: Option<&str>, modal_open: bool, resumed: bool) -> Step {
    match code {
        None => Step::Placed,
        Some(code) if api::outcome_unknown(code) => Step::Unknown {
            in_modal: modal_open,
        },
        Some(code) if code == ErrorCode::OrderWithdrawn => Step::Withdrawn {
            close_modal: modal_open,
            review: !modal_open && resumed,
        },
        Some(code) => Step::Refused {
            refetch_quote: code == ErrorCode::PriceChanged,
            focus_card: code == ErrorCode::CardDeclined
                || code == ErrorCode::TokenExpired
                || code == ErrorCode::AuthenticationFailed,
        },
    }
}

fn answered(c: Checkout, tokenize: Tokenize, result: Result<OrderPlaced, ApiError>, resumed: bool) {
    let modal_open = c.modal.get_untracked().is_some();
    let step = next(
        result.as_ref().err().map(|e| e.code.as_str()),
        modal_open,
        resumed,
    );
    if !matches!(&result, Ok(o) if o.outcome == OrderOutcome::Authenticate) {
        c.returned.set_value(None);
    }
    let (code, message) = match result {
        Ok(order) if order.outcome == OrderOutcome::Authenticate => {
            return authenticate(c, order.authentication_url.as_deref());
        }
        Ok(order) => {
            authentication_ended(c, true);
            return placed(c, order);
        }
        Err(ApiError { code, message }) => (code, message),
    };
    if !matches!(step, Step::Unknown { .. }) {
        authentication_ended(c, false);
    }
    match step {
        Step::Placed => {}
        Step::Unknown { in_modal } => {
            // Same key on retry: the server answers the first attempt's
            // result. Going back first asks what became of it.
            c.report(&code, &message);
            c.say(&message);
            if in_modal {
                c.confirm_error.show(message);
            } else {
                c.payment_error.show(message);
            }
        }
        Step::Withdrawn {
            close_modal,
            review: resume,
        } => {
            api::set_pending_order(None);
            c.confirm_error.clear();
            c.payment_error.clear();
            if close_modal {
                c.close_modal();
                c.say(&message);
                c.payment_error.show(message);
            } else if resume {
                review(c, tokenize);
            }
        }
        Step::Refused {
            refetch_quote,
            focus_card,
        } => {
            api::set_pending_order(None);
            c.report(&code, &message);
            c.close_modal();
            c.say(&message);
            c.payment_error.show(message);
            if refetch_quote {
                c.quote.refetch();
            }
            if focus_card {
                c.focus(CardField::Number.id());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_outcome_keeps_the_key_and_shows_where_the_shopper_is() {
        for code in [
            "network",
            "bad_response",
            "request_in_progress",
            "internal_error",
        ] {
            assert_eq!(
                next(Some(code), true, false),
                Step::Unknown { in_modal: true }
            );
            assert_eq!(
                next(Some(code), false, true),
                Step::Unknown { in_modal: false }
            );
        }
    }

    #[test]
    fn a_withdrawn_order_starts_afresh_and_resumes_a_waiting_review() {
        let withdrawn = Some("order_withdrawn");
        assert_eq!(
            next(withdrawn, true, false),
            Step::Withdrawn {
                close_modal: true,
                review: false
            }
        );
        assert_eq!(
            next(withdrawn, false, true),
            Step::Withdrawn {
                close_modal: false,
                review: true
            }
        );
        assert_eq!(
            next(withdrawn, false, false),
            Step::Withdrawn {
                close_modal: false,
                review: false
            }
        );
    }

    #[test]
    fn a_refusal_reprices_or_points_at_the_card() {
        assert_eq!(next(None, true, false), Step::Placed);
        assert_eq!(
            next(Some("price_changed"), true, false),
            Step::Refused {
                refetch_quote: true,
                focus_card: false
            }
        );
        for code in ["card_declined", "token_expired"] {
            assert_eq!(
                next(Some(code), true, false),
                Step::Refused {
                    refetch_quote: false,
                    focus_card: true
                }
            );
        }
        assert_eq!(
            next(Some("too_many_attempts"), true, false),
            Step::Refused {
                refetch_quote: false,
                focus_card: false
            }
        );
    }
}
