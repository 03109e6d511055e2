//! The checkout feature: the purchase flow ([`flow`]: its state, prices,
//! token, review and placement), the form ([`form`]: inputs, which break
//! their rule, the tab's saved copy), the sections, the card inputs, the
//! text inputs bound to the form, the modal, the completion, the order
//! request and which words a token error gets. Used by `pages/` and
//! `widget.rs` alike, never the reverse. Its words are all in `crate::i18n`.

pub mod card_form;
pub mod completion;
pub mod confirm_modal;
pub mod flow;
pub mod form;
pub mod order_request;
pub mod payment_error;
pub mod sections;
pub mod text_field;
pub mod token_errors;

pub use completion::{LastOrder, OrderCompletion};
pub use flow::{AuthenticationEvent, CheckoutFlow, CheckoutHooks, CheckoutStatus};

/// The purchase flow's two forms, provided by the flow as one context.
#[derive(Debug, Clone, Copy)]
pub struct Forms {
    /// The page's inputs.
    pub form: form::CheckoutForm,
    /// The card's.
    pub card: card_form::CardForm,
}

impl crate::Shared for form::CheckoutForm {
    fn pick() -> Option<Self> {
        leptos::prelude::use_context::<Forms>().map(|f| f.form)
    }
}

impl crate::Shared for card_form::CardForm {
    fn pick() -> Option<Self> {
        leptos::prelude::use_context::<Forms>().map(|f| f.card)
    }
}
