//! The 必須 / 任意 mark after a label.

use leptos::prelude::*;

use crate::i18n::{LocaleCtx, Msg};

/// The 必須 / 任意 mark after a label.
#[component]
pub fn RequiredMark(
    /// Whether the field is required.
    required: bool,
) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let text = locale.t(if required {
        Msg::Required
    } else {
        Msg::Optional
    });
    // Hidden from the accessible name (「姓」, not 「姓必須」): the input
    // says it is required with `aria-required`.
    view! { <span class=if required { "zs-mark zs-mark-required" } else { "zs-mark" } aria-hidden="true">{text}</span> }
}
