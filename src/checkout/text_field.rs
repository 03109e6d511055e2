//! A labelled text input with its error line, wired to the form's validation.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::checkout::form::{CheckoutForm, Field};
use crate::components::announcer::Announcement;
use crate::i18n::{Locale, LocaleCtx, Msg};

/// A field's label, from the catalogue.
pub type Label = Msg;

/// The label's text in `locale`.
pub fn label_text(label: Label, locale: Locale) -> &'static str {
    label.text(locale)
}

/// The 必須 / 任意 mark after a label.
#[component]
pub fn RequiredMark(
    /// Whether the field is required.
    required: bool,
) -> impl IntoView {
    let locale = expect_context::<LocaleCtx>();
    let text = locale.t(if required {
        Msg::Required
    } else {
        Msg::Optional
    });
    view! { <span class=if required { "zs-mark zs-mark-required" } else { "zs-mark" }>{text}</span> }
}

/// The error line under a field: always present (so nothing shifts), filled
/// when the field has a problem to show.
#[component]
pub fn FieldError(
    /// The field.
    field: Field,
) -> impl IntoView {
    let form = expect_context::<CheckoutForm>();
    let locale = expect_context::<LocaleCtx>();
    view! {
        <p class="zs-field-error" id=field.error_id() data-testid=field.error_id()>
            {move || form.visible_problem(field).map(|p| locale.get().of(&p).to_owned())}
        </p>
    }
}

/// Says a field's problem through the live region after the shopper leaves it.
pub fn announce_problem(form: CheckoutForm, field: Field, label: Label) {
    let locale = expect_context::<LocaleCtx>();
    let announcement = expect_context::<Announcement>();
    if let Some(problem) = untrack(|| form.problem(field)) {
        let l = locale.0.get_untracked();
        announcement.say(format!("{}: {}", label_text(label, l), l.of(&problem)));
    }
}

/// A labelled input bound to `value`.
#[component]
pub fn TextField(
    /// Which field (its id, its validation).
    field: Field,
    /// The visible label (Japanese, English).
    label: Label,
    /// The bound value.
    value: RwSignal<String>,
    /// The `autocomplete` token.
    autocomplete: &'static str,
    /// The input type (`text`, `email`, `tel`).
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `inputmode` hint for virtual keyboards.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Example text.
    #[prop(optional)]
    placeholder: Option<&'static str>,
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
    let form = expect_context::<CheckoutForm>();
    let locale = expect_context::<LocaleCtx>();
    let invalid = move || form.visible_problem(field).is_some();
    let input = move |ev: leptos::ev::Event| {
        let mut text = event_target_value(&ev);
        let composing = ev
            .dyn_ref::<web_sys::InputEvent>()
            .is_some_and(web_sys::InputEvent::is_composing);
        if let (Some(f), false) = (live, composing) {
            text = f(&text);
        }
        value.set(text.clone());
        if let Some(cb) = on_input {
            cb.run(text);
        }
    };
    let blur = move |_| {
        if let Some(f) = normalize {
            value.update(|v| *v = f(v));
        }
        if let Some(f) = live {
            value.update(|v| *v = f(v));
        }
        form.touch(field);
        announce_problem(form, field, label);
    };
    view! {
        <div class="zs-field">
            <label for=field.id()>
                {move || label_text(label, locale.get())}
                <RequiredMark required/>
            </label>
            <input part="input"
                id=field.id()
                name=field.id()
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                placeholder=placeholder
                required=required
                aria-required=if required { "true" } else { "false" }
                aria-invalid=move || if invalid() { "true" } else { "false" }
                aria-describedby=field.error_id()
                prop:value=move || value.get()
                on:input=input
                on:blur=blur
            />
            <FieldError field/>
        </div>
    }
}
