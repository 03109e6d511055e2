//! The error line under a field.

use leptos::prelude::*;

/// The error line under a field: always present (so nothing shifts), filled
/// when `problem` says something. Its id is the one the input names in
/// `aria-describedby`.
#[component]
pub fn FieldError(
    /// The line's id (also its test id).
    id: String,
    /// What to show, in the current language (reactive).
    problem: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl IntoView {
    view! { <p class="zs-field-error" id=id.clone() data-testid=id>{move || problem().unwrap_or_default()}</p> }
}
