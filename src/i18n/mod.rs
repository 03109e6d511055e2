//! The SPA's words, Japanese first with an English switch: the language
//! ([`Locale`], chosen once near the root as [`LocaleCtx`]) and the
//! catalogue ([`messages`]). A fixed text is a [`Msg`], shown with
//! [`LocaleCtx::t`]; a text made at run time is a [`Text`] in both
//! languages, shown with [`Locale::of`].

use leptos::prelude::*;
pub use zerostep_domain::api::Text;

mod messages;
pub mod problems;
pub use messages::*;

use crate::platform::storage::{self, Store};

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// 日本語 (the default).
    #[default]
    Ja = 0,
    /// English.
    En = 1,
}

impl Locale {
    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Ja => "ja",
            Locale::En => "en",
        }
    }

    /// The other language (what the switch changes to).
    pub fn other(self) -> Locale {
        match self {
            Locale::Ja => Locale::En,
            Locale::En => Locale::Ja,
        }
    }
}

/// The current language, provided once near the root.
#[derive(Debug, Clone, Copy)]
pub struct LocaleCtx(pub RwSignal<Locale>);

impl Default for LocaleCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// Where the shop remembers the language chosen last (`localStorage`).
const CHOSEN: &str = "zerostep.locale";

impl LocaleCtx {
    /// Japanese to start with.
    pub fn new() -> Self {
        LocaleCtx(RwSignal::new(Locale::Ja))
    }

    /// The language this browser chose last on the shop (Japanese until it
    /// chooses); the choice is kept from now on, and the page's `lang` follows it.
    pub fn remembered() -> Self {
        let chosen = storage::get(Store::Local, CHOSEN);
        let ctx = LocaleCtx(RwSignal::new(if chosen.as_deref() == Some("en") {
            Locale::En
        } else {
            Locale::Ja
        }));
        crate::task::effect(move || {
            let tag = ctx.get().tag();
            storage::set(Store::Local, CHOSEN, Some(tag));
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", tag);
            }
        });
        ctx
    }

    /// The current language (reactive).
    pub fn get(self) -> Locale {
        self.0.get()
    }

    /// A reactive text for `msg` in the current language.
    pub fn t(self, msg: Msg) -> crate::Reactive<&'static str> {
        crate::reactive(move || msg.text(self.0.get()))
    }
}

/// One of the shop's own texts in the current language (reactive): the
/// English the merchant gave, or the Japanese.
pub fn shop_text(ja: String, en: Option<String>) -> crate::Reactive<String> {
    let locale = crate::context::<LocaleCtx>();
    // Kept as plain strings (an empty English one: none), the kind the page
    // stores already.
    let (ja, en) = (
        StoredValue::new(ja),
        StoredValue::new(en.unwrap_or_default()),
    );
    crate::reactive(move || {
        ja.with_value(|ja| en.with_value(|en| locale.get().pick(ja, Some(en)).to_owned()))
    })
}

impl Locale {
    /// `text` in this language.
    pub fn of(self, text: &Text) -> &str {
        text.get(self == Locale::En)
    }

    /// One of the shop's own texts in this language: in English, `en` where
    /// the merchant gave it, `ja` otherwise (and always in Japanese).
    pub fn pick<'a>(self, ja: &'a str, en: Option<&'a str>) -> &'a str {
        match (self, en) {
            (Locale::En, Some(en)) if !en.trim().is_empty() => en,
            _ => ja,
        }
    }
}

/// A message on screen (or none), kept in both languages so that the
/// language switch applies to it too. Two signals of plain strings rather
/// than one of `Option<Text>`: each new signal type is reactive code
/// monomorphised into the first load (about 400 B brotli), and these two
/// types are there anyway.
#[derive(Debug, Clone, Copy)]
pub struct ShownText {
    ja: RwSignal<Option<String>>,
    en: RwSignal<Option<String>>,
}

impl Default for ShownText {
    fn default() -> Self {
        Self::new()
    }
}

impl ShownText {
    /// Nothing shown.
    pub fn new() -> Self {
        ShownText {
            ja: RwSignal::new(None),
            en: RwSignal::new(None),
        }
    }

    /// Shows `text`.
    pub fn show(&self, text: Text) {
        self.ja.set(Some(text.ja));
        self.en.set(Some(text.en));
    }

    /// Shows nothing.
    pub fn clear(&self) {
        self.ja.set(None);
        self.en.set(None);
    }

    /// The message in `locale`, if one is shown (reactive).
    pub fn get(&self, locale: Locale) -> Option<String> {
        match locale {
            Locale::Ja => self.ja.get(),
            Locale::En => self.en.get(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Locale;

    #[test]
    fn the_shops_own_texts_are_english_only_where_the_merchant_gave_english() {
        assert_eq!(
            Locale::En.pick("宅配便", Some("Home delivery")),
            "Home delivery"
        );
        assert_eq!(Locale::Ja.pick("宅配便", Some("Home delivery")), "宅配便");
        assert_eq!(Locale::En.pick("宅配便", None), "宅配便");
        assert_eq!(Locale::En.pick("宅配便", Some("  ")), "宅配便");
    }
}
