//! One type per kind where Leptos would compile its generic code once per
//! closure (with `erase_components`, as every browser bundle is built):
//!
//! - an event handler is [`handler`]`(move |ev| ...)`, one boxed type per
//!   event, so the listener's wrapper and its erased attribute are compiled
//!   once per event rather than once per handler;
//! - a `<Show>` condition is [`when`]`(move || ...)`, and what a `<Show>`
//!   holds is one `AnyView` (`{view! { ... }.into_any()}`), so `Show` and its
//!   memo are compiled once;
//! - a reactive child is a closure written in place (`{move || ...}`, which
//!   `view!` turns into a [`Reactive`]) giving `&str`, `String` or
//!   `Option<AnyView>` (a view is `Some(view.into_any())`, an optional text
//!   `unwrap_or_default()`); a text made by a function is a [`Reactive`]
//!   ([`reactive`]). Each other output type, or a closure type of its own,
//!   compiles a render effect and its view code again.
//!
//! Together about 6.5 KB of the widget's first load (levers.md, sixth
//! round).

/// An event handler as the one type every handler of its event shares:
/// `on:click=handler(move |_| ...)`.
pub fn handler<E: 'static>(f: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(f)
}

/// A `<Show>` condition as the one type every condition shares:
/// `<Show when=when(move || ...)>`.
pub fn when(f: impl Fn() -> bool + Send + Sync + 'static) -> Box<dyn Fn() -> bool + Send + Sync> {
    Box::new(f)
}

/// A reactive value as the type `view!` gives a closure written in place
/// (`{move || ...}`): a text made by a function ([`crate::i18n::LocaleCtx::t`],
/// [`crate::i18n::shop_text`]) shares the rendering code of every child of
/// its value type.
pub type Reactive<T> = std::sync::Arc<std::sync::Mutex<dyn FnMut() -> T + Send>>;

/// `f` as a [`Reactive`].
pub fn reactive<T: 'static>(f: impl FnMut() -> T + Send + 'static) -> Reactive<T> {
    std::sync::Arc::new(std::sync::Mutex::new(f))
}
