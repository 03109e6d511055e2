//! The purchase page's text inputs: a [`TextInput`] bound to one of the
//! form's fields, its problems shown and said as the form's rules decide.

use leptos::prelude::*;

use crate::checkout::form::{CheckoutForm, Field};
use crate::components::announcer::Announcement;
use crate::components::field::{Example, FieldError, InputType, TextInput};
use crate::i18n::{LocaleCtx, Msg};

/// The error line under one of the form's fields.
#[component]
pub fn FormFieldError(
    /// The field.
    field: Field,
) -> impl IntoView {
    view! { <FieldError id=field.error_id() problem=shown_problem(field)/> }
}

/// `field`'s problem to show now, in the current language (reactive).
fn shown_problem(field: Field) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let form = crate::context::<CheckoutForm>();
    let locale = crate::context::<LocaleCtx>();
    move || {
        form.visible_problem(field)
            .map(|p| locale.get().of(&p).to_owned())
    }
}

/// Says a field's problem through the live region after the shopper leaves it.
pub fn announce_problem(form: CheckoutForm, field: Field, label: Msg) {
    let locale = crate::context::<LocaleCtx>();
    let announcement = crate::context::<Announcement>();
    if let Some(problem) = untrack(|| form.problem(field)) {
        let l = locale.0.get_untracked();
        announcement.say(format!("{}: {}", label.text(l), l.of(&problem)));
    }
}

/// A labelled input bound to `value`, checked as `field`.
#[component]
pub fn TextField(
    /// Which field (its id, its validation).
    field: Field,
    /// The visible label.
    label: Msg,
    /// The bound value.
    value: RwSignal<String>,
    /// The `autocomplete` token.
    autocomplete: &'static str,
    /// The input type.
    #[prop(optional)]
    input_type: InputType,
    /// The `inputmode` hint for virtual keyboards.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Example text (in the current language).
    #[prop(optional, into)]
    placeholder: Option<Example>,
    /// Whether the field is required.
    #[prop(default = true)]
    required: bool,
    /// Rewrites the value when the shopper leaves the field (e.g. full-width digits).
    #[prop(optional)]
    normalize: Option<fn(&str) -> String>,
    /// Rewrites the value as typed, outside IME composition (e.g. hiragana → katakana).
    #[prop(optional)]
    live: Option<fn(&str) -> String>,
    /// Called with the new value after each input.
    #[prop(optional, into)]
    on_input: Option<Callback<String>>,
) -> impl IntoView {
    let form = crate::context::<CheckoutForm>();
    let on_leave = Callback::new(move |()| {
        form.touch(field);
        announce_problem(form, field, label);
    });
    view! {
        <TextInput id=field.id() label value autocomplete input_type inputmode placeholder required
            normalize live on_input problem=shown_problem(field) on_leave/>
    }
}
