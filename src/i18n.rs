//! The SPA's words, Japanese first with an English switch.
//!
//! Each piece of text is a [`Msg`]; [`Msg::text`] gives it in a [`Locale`].
//! Keeping every string here makes a missing translation a compile error.

use leptos::prelude::*;

use crate::storage::{self, Store};

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// 日本語 (the default).
    #[default]
    Ja,
    /// English.
    En,
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
        Effect::new(move |_| {
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

    /// A reactive choice between a Japanese and an English text.
    pub fn pick(
        self,
        ja: &'static str,
        en: &'static str,
    ) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || match self.0.get() {
            Locale::Ja => ja,
            Locale::En => en,
        }
    }

    /// A reactive text for `msg` in the current language.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || msg.text(self.0.get())
    }
}

/// Every fixed text of the checkout SPA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    /// The shop's name in the header.
    ShopName,
    /// The products heading.
    Products,
    /// 「カゴに入れる」.
    AddToCart,
    /// The cart link in the header.
    Cart,
    /// Suffix after a tax-included price.
    TaxIncluded,
    /// Marks a reduced-rate item.
    ReducedRate,
    /// The language switch's label (names the other language).
    SwitchLanguage,
    /// While loading.
    Loading,
    /// When a load failed.
    LoadFailed,
    /// Retry button.
    Retry,
    /// The catalogue is empty.
    NoProducts,
    /// Unknown route heading.
    NotFound,
    /// Link back to the shop.
    BackToShop,
    /// Footnote explaining the reduced-rate mark.
    ReducedRateNote,
}

impl Msg {
    /// The text in `locale`.
    pub fn text(self, locale: Locale) -> &'static str {
        use Locale::{En, Ja};
        match (self, locale) {
            (Msg::ShopName, Ja) => "Zerostep 茶舗",
            (Msg::ShopName, En) => "Zerostep Tea House",
            (Msg::Products, Ja) => "商品一覧",
            (Msg::Products, En) => "Products",
            (Msg::AddToCart, Ja) => "カゴに入れる",
            (Msg::AddToCart, En) => "Add to cart",
            (Msg::Cart, Ja) => "買い物カゴ",
            (Msg::Cart, En) => "Cart",
            (Msg::TaxIncluded, Ja) => "（税込）",
            (Msg::TaxIncluded, En) => " (tax incl.)",
            (Msg::ReducedRate, Ja) => "※軽減税率対象",
            (Msg::ReducedRate, En) => "* Reduced tax rate",
            (Msg::SwitchLanguage, Ja) => "English",
            (Msg::SwitchLanguage, En) => "日本語",
            (Msg::Loading, Ja) => "読み込み中…",
            (Msg::Loading, En) => "Loading…",
            (Msg::LoadFailed, Ja) => "読み込めませんでした。",
            (Msg::LoadFailed, En) => "Could not load.",
            (Msg::Retry, Ja) => "再読み込み",
            (Msg::Retry, En) => "Try again",
            (Msg::NoProducts, Ja) => "現在お取り扱いの商品はありません。",
            (Msg::NoProducts, En) => "No products are on sale right now.",
            (Msg::NotFound, Ja) => "ページが見つかりません",
            (Msg::NotFound, En) => "Page not found",
            (Msg::BackToShop, Ja) => "ショップに戻る",
            (Msg::BackToShop, En) => "Back to the shop",
            (Msg::ReducedRateNote, Ja) => "※印は軽減税率（8%）対象商品です。",
            (Msg::ReducedRateNote, En) => "* Items taxed at the reduced rate (8%).",
        }
    }
}

/// The part of a bilingual server message (`日本語 / English`: the first
/// `/ ` after Japanese text divides them) in `locale`. A message in one
/// language only is returned whole.
pub fn in_locale(message: &str, locale: Locale) -> &str {
    let split = message
        .match_indices("/ ")
        .map(|(i, _)| i)
        .find(|&i| !message[..i].is_ascii());
    match (split, locale) {
        (Some(i), Locale::Ja) => message[..i].trim_end(),
        (Some(i), Locale::En) => message[i + 2..].trim_start(),
        (None, _) => message,
    }
}

/// A message in both languages, in the form [`in_locale`] divides.
pub fn both(text: impl Fn(Locale) -> String) -> String {
    format!("{} / {}", text(Locale::Ja), text(Locale::En))
}

/// What the screen reader hears after 「カゴに入れる」.
pub fn added_to_cart(locale: Locale, product_name: &str) -> String {
    match locale {
        Locale::Ja => format!("「{product_name}」をカゴに入れました"),
        Locale::En => format!("\"{product_name}\" was added to your cart"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        let all = [
            Msg::ShopName,
            Msg::Products,
            Msg::AddToCart,
            Msg::Cart,
            Msg::TaxIncluded,
            Msg::ReducedRate,
            Msg::SwitchLanguage,
            Msg::Loading,
            Msg::LoadFailed,
            Msg::Retry,
            Msg::NoProducts,
            Msg::NotFound,
            Msg::BackToShop,
            Msg::ReducedRateNote,
        ];
        for msg in all {
            let (ja, en) = (msg.text(Locale::Ja), msg.text(Locale::En));
            assert!(!ja.is_empty() && !en.is_empty(), "{msg:?}");
            assert_ne!(ja, en, "{msg:?} is untranslated");
        }
        assert_eq!(Msg::AddToCart.text(Locale::Ja), "カゴに入れる");
    }

    #[test]
    fn a_server_message_is_shown_in_the_chosen_language() {
        // (message, in Japanese, in English): a slash in the Japanese part
        // without a space stays, and an English-only message is not divided.
        let cases = [
            (
                "カードの承認が得られませんでした。（A082000010, G12）/ The card was declined. (A082000010, G12)",
                "カードの承認が得られませんでした。（A082000010, G12）",
                "The card was declined. (A082000010, G12)",
            ),
            (
                "有効期限（月/年）が正しくありません。/ The expiry (MM/YY) is wrong.",
                "有効期限（月/年）が正しくありません。",
                "The expiry (MM/YY) is wrong.",
            ),
            (
                "Could not load: http/ 2 error",
                "Could not load: http/ 2 error",
                "Could not load: http/ 2 error",
            ),
            ("読み込めませんでした。", "読み込めませんでした。", "読み込めませんでした。"),
        ];
        for (message, ja, en) in cases {
            assert_eq!(in_locale(message, Locale::Ja), ja);
            assert_eq!(in_locale(message, Locale::En), en);
        }
        // What `both` writes, `in_locale` divides again.
        let message = both(|l| Msg::LoadFailed.text(l).to_owned());
        assert_eq!(in_locale(&message, Locale::Ja), "読み込めませんでした。");
        assert_eq!(in_locale(&message, Locale::En), "Could not load.");
    }

    #[test]
    fn the_switch_names_the_other_language() {
        assert_eq!(Locale::Ja.other(), Locale::En);
        assert_eq!(Msg::SwitchLanguage.text(Locale::Ja), "English");
        assert_eq!(
            added_to_cart(Locale::Ja, "煎茶"),
            "「煎茶」をカゴに入れました"
        );
    }
}
