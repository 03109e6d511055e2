//! The SPA's words, Japanese first with an English switch.
//!
//! Each piece of text is a [`Msg`]; [`Msg::text`] gives it in a [`Locale`].
//! Keeping every string here makes a missing translation a compile error.

use leptos::prelude::*;

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

impl LocaleCtx {
    /// Japanese to start with.
    pub fn new() -> Self {
        LocaleCtx(RwSignal::new(Locale::Ja))
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
    fn the_switch_names_the_other_language() {
        assert_eq!(Locale::Ja.other(), Locale::En);
        assert_eq!(Msg::SwitchLanguage.text(Locale::Ja), "English");
        assert_eq!(
            added_to_cart(Locale::Ja, "煎茶"),
            "「煎茶」をカゴに入れました"
        );
    }
}
