//! A labelled text input with its error line.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{FieldError, RequiredMark};
use crate::i18n::{LocaleCtx, Msg};

/// The kinds of text input the forms use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputType {
    /// Free text.
    #[default]
    Text,
    /// An e-mail address.
    Email,
    /// A phone number.
    Tel,
}

impl InputType {
    /// The `type` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            InputType::Text => "text",
            InputType::Email => "email",
            InputType::Tel => "tel",
        }
    }
}

/// A labelled input bound to `value`, with its error line below.
/// An input's example text: one for both languages (a phone number), or
/// one per language (a name).
#[derive(Debug, Clone, Copy)]
pub enum Example {
    /// The same in both languages.
    Same(&'static str),
    /// From the catalogue.
    Msg(Msg),
}

impl Example {
    /// The example in `locale`.
    pub fn text(self, locale: crate::i18n::Locale) -> &'static str {
        match self {
            Example::Same(text) => text,
            Example::Msg(msg) => msg.text(locale),
        }
    }
}

impl From<&'static str> for Example {
    fn from(text: &'static str) -> Self {
        Example::Same(text)
    }
}

impl From<Msg> for Example {
    fn from(msg: Msg) -> Self {
        Example::Msg(msg)
    }
}

#[component]
pub fn TextInput(
    /// The input's id (its error line's is `{id}-error`).
    id: &'static str,
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
    #[prop(optional_no_strip)]
    inputmode: Option<&'static str>,
    /// Example text (in the current language).
    #[prop(optional_no_strip)]
    placeholder: Option<Example>,
    /// Whether the field is required.
    #[prop(default = true)]
    required: bool,
    /// Rewrites the value when the shopper leaves the field (e.g. full-width digits).
    #[prop(optional_no_strip)]
    normalize: Option<fn(&str) -> String>,
    /// Rewrites the value as typed, outside IME composition (e.g. hiragana → katakana).
    #[prop(optional_no_strip)]
    live: Option<fn(&str) -> String>,
    /// Called with the new value after each input.
    #[prop(optional_no_strip)]
    on_input: Option<Callback<String>>,
    /// What is wrong with the value, to show now, in the current language (reactive).
    problem: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    /// Called when the shopper leaves the field, after the rewrites.
    #[prop(into)]
    on_leave: Callback<()>,
) -> impl IntoView {
    let locale = crate::context::<LocaleCtx>();
    let error_id = format!("{id}-error");
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
        on_leave.run(());
    };
    view! {
        <div class="zs-field">
            <label for=id>
                {locale.t(label)}
                <RequiredMark required/>
            </label>
            <input part="input"
                id=id
                name=id
                type=input_type.as_str()
                autocomplete=autocomplete
                inputmode=inputmode
                placeholder=move || placeholder.map(|e| e.text(locale.get()))
                required=required
                aria-required=if required { "true" } else { "false" }
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=crate::handler(input)
                on:blur=crate::handler(blur)
            />
            <FieldError id=error_id problem/>
        </div>
    }
}
