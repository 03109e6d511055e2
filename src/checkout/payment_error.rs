//! Why the last payment attempt failed (a decline, a token error), shown
//! where the shopper is sent: above the card inputs when they are on
//! screen, so a phone that moves the focus to the emptied card number
//! shows the reason with it, and named by the card number's description.

use leptos::prelude::*;

use crate::i18n::{LocaleCtx, ShownText};

/// The element's id, which the card number's `aria-describedby` names.
pub const ID: &str = "payment-error";

/// The reason, when there is one.
#[component]
pub fn PaymentError(
    /// The reason.
    error: ShownText,
) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    // A closure written in place rather than returned as the view, which
    // would compile its own render effect (`crate::erased`).
    view! {
        {move || error.get(locale.get()).map(|e| {
            view! { <div class="zs-error" role="alert" id=ID data-testid="payment-error">{e}</div> }.into_any()
        })}
    }
}
