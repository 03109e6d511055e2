//! The SPA's words, Japanese first with an English switch.
//!
//! Each piece of text is a [`Msg`]; [`Msg::text`] gives it in a [`Locale`].
//! Keeping every string here makes a missing translation a compile error.

use leptos::prelude::*;
pub use zerostep_domain::api::Text;

use crate::platform::storage::{self, Store};

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

impl Locale {
    /// `text` in this language.
    pub fn of(self, text: &Text) -> &str {
        text.get(self == Locale::En)
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

// Messages the SPA makes itself, in both languages (so a language switch
// applies to a message already shown). The server's come with the error.

/// The server could not be reached.
pub fn unreachable(detail: &str) -> Text {
    Text::new(
        "サーバーに接続できませんでした。",
        format!("Could not reach the server: {detail}"),
    )
}

/// The server's answer could not be read.
pub fn unreadable(detail: &str) -> Text {
    Text::new(
        "サーバーの応答を読み取れませんでした。",
        format!("The server's reply could not be read: {detail}"),
    )
}

/// 「注文確認する」 while the quote failed.
pub fn total_failed() -> Text {
    Text::fixed(
    "合計金額を計算できなかったため、ご注文内容の確認に進めません。通信状況をご確認のうえ、もう一度「注文確認する」を押してください。",
    "The total could not be calculated, so the order cannot be reviewed. Please check your connection and press Review order again.",
)
}

/// 「注文確認する」 while the quote is on its way.
pub fn total_pending() -> Text {
    Text::fixed(
        "合計金額を計算しています。少し待ってから、もう一度「注文確認する」を押してください。",
        "The total is being calculated. Please press Review order again in a moment.",
    )
}

/// The embedding page's `items` is not a JSON list.
pub fn items_not_a_list(detail: &str) -> Text {
    Text::new(
        "items は [{\"sku\": \"…\", \"qty\": 1}] の形の JSON で指定してください。",
        format!("items must be a JSON list of {{sku, qty}}: {detail}"),
    )
}

/// The embedding page's `items` has more than `max` entries.
pub fn too_many_items(max: usize) -> Text {
    Text::new(
        format!("items は {max} 件までです。"),
        format!("items holds at most {max} lines."),
    )
}

/// `items[i].qty` is not 1-99.
pub fn bad_quantity(i: usize) -> Text {
    Text::new(
        format!("items[{i}].qty は 1〜99 の整数で指定してください。"),
        format!("items[{i}].qty must be a whole number from 1 to 99."),
    )
}

/// `items[i].sku` is not a SKU.
pub fn bad_sku(i: usize, sku: &str) -> Text {
    Text::new(
        format!("items[{i}].sku「{sku}」は商品コードとして正しくありません。"),
        format!("items[{i}].sku is not a valid SKU."),
    )
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
    fn a_text_is_shown_in_the_chosen_language() {
        let text = unreachable("timeout");
        assert_eq!(Locale::Ja.of(&text), "サーバーに接続できませんでした。");
        assert_eq!(Locale::En.of(&text), "Could not reach the server: timeout");
        assert!(bad_quantity(2).ja.contains("items[2].qty"));
        assert_eq!(Locale::En.of(&total_pending()), total_pending().en);
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
