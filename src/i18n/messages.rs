//! The catalogue: every fixed text of the checkout SPA ([`Msg`]) and the
//! texts it makes at run time, in both languages.

use super::{Locale, Text};

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
    /// The purchase page's heading.
    Checkout,
    /// The buyer section's heading.
    YourDetails,
    /// The recipient section's heading.
    DeliveryAddress,
    /// Deliver to the buyer.
    SameAsBuyer,
    /// Deliver elsewhere.
    AnotherAddress,
    /// The summary's heading.
    OrderSummary,
    /// While the total is priced.
    Calculating,
    /// An empty summary.
    NoItems,
    /// The quote failed.
    TotalFailed,
    /// Prices the cart again.
    Recalculate,
    /// The payment section's heading.
    PaymentMethod,
    /// The delivery section's heading.
    DeliveryHeading,
    /// The delivery method's label.
    DeliveryMethod,
    /// お届け希望日's label.
    PreferredDate,
    /// No delivery date asked for.
    NoPreference,
    /// お届け時間帯's label.
    PreferredTime,
    /// The cart section's heading.
    ShoppingCart,
    /// An empty cart.
    CartEmpty,
    /// The − button.
    DecreaseQuantity,
    /// The + button.
    IncreaseQuantity,
    /// Removes a line.
    Remove,
    /// The area choice's label (a postal code with several areas).
    ChooseArea,
    /// 支払回数's label.
    PaymentPlan,
    /// An empty choice.
    Choose,
    /// 「カード番号を入力してください。」
    CardNumberRequired,
    /// 「有効期限を入力してください。」
    ExpiryRequired,
    /// 「カード名義を入力してください。」
    HolderRequired,
    /// 「セキュリティコードを入力してください。」
    CvcRequired,
    /// 「カード番号の桁数が正しくありません。」
    CardNumberLength,
    /// 「カード番号が正しくありません。入力内容をご確認ください。」
    CardNumberInvalid,
    /// 「このカードブランドはご利用いただけません（Visa・Mastercard・JCB・American Express・Diners Club）。」
    CardBrandNotAccepted,
    /// 「有効期限は「月/年」の形式で入力してください（例: 12/30）。」
    ExpiryFormat,
    /// 「有効期限が過ぎています。」
    CardExpired,
    /// 「カード名義は半角英字で入力してください（例: TARO YAMADA）。」
    HolderLetters,
    /// 「カード名義は25文字以内で入力してください。」
    HolderLength,
    /// 「セキュリティコードは3桁（American Expressは4桁）の数字です。」
    CvcFormat,
    /// 「住所を自動入力しました。」
    AddressFilled,
    /// 「この郵便番号には複数の地域があります。選択してください。」
    SeveralAreas,
    /// 「住所を自動入力しました。番地を入力してください。」
    AddressFilledAddStreet,
    /// 「この郵便番号の住所は見つかりませんでした。住所を入力してください。」
    AddressNotFound,
    /// 「住所を自動入力できませんでした。住所を入力してください。」
    AddressLookupFailed,
    /// 「送料無料」
    FreeShipping,
    /// 「別途連絡」
    ShippingToBeAdvised,
    /// 「住所入力後に表示」
    ShippingAfterAddress,
    /// 「送料は別途ご連絡します。お支払い金額は確定していません。」
    AmountNotFinal,
    /// 「商品小計」
    ItemsSubtotal,
    /// 「送料」
    Shipping,
    /// 「合計（税込）」
    TotalTaxIncluded,
    /// 「※は軽減税率（8%）対象商品です。」
    ReducedRateFootnote,
    /// The summary's 10% line.
    TaxedAt10,
    /// The summary's 8% line.
    TaxedAt8,
    /// 「ご注文内容の確認」
    ConfirmHeading,
    /// 「ご注文商品」
    OrderedItems,
    /// 「お支払い合計（税込）」
    PaymentTotal,
    /// 「お支払い方法・お支払い時期」
    PaymentAndTiming,
    /// 「お届け先・お届け時期」
    DeliveryAndTiming,
    /// 「キャンセル・返品について」
    CancellationHeading,
    /// 「ご注文確定後のキャンセルは、発送前に限り承ります。商品到着後8日以内の未開封・未使用品は返品を承ります（返送料はお客様負担）。食品は衛生上の理由により、不良品を除き返品をお受けできません。」
    CancellationPolicy,
    /// 「戻る」
    Back,
    /// 「注文番号: 」
    OrderNumberLabel,
    /// 「ご注文情報がありません」
    NoRecentOrder,
    /// 「確認中…」
    Checking,
    /// 「注文確認する」
    ReviewOrder,
    /// 「姓」
    LabelFamily,
    /// 「名」
    LabelGiven,
    /// 「セイ（フリガナ）」
    LabelFamilyKana,
    /// 「メイ（フリガナ）」
    LabelGivenKana,
    /// 「メールアドレス」
    LabelEmail,
    /// 「電話番号」
    LabelPhone,
    /// 「お届け先 姓」
    LabelShipFamily,
    /// 「お届け先 名」
    LabelShipGiven,
    /// 「お届け先 電話番号」
    LabelShipPhone,
    /// 「郵便番号」
    LabelPostal,
    /// 「都道府県」
    LabelPrefecture,
    /// 「市区町村」
    LabelCity,
    /// 「番地」
    LabelLine1,
    /// 「建物名・部屋番号」
    LabelLine2,
    /// 「カード番号」
    LabelCardNumber,
    /// 「有効期限（月/年）」
    LabelExpiry,
    /// 「セキュリティコード」
    LabelCvc,
    /// 「カード名義（半角英字）」
    LabelHolder,
    /// 「必須」
    Required,
    /// 「任意」
    Optional,
    /// 「有効期限」 (in a message about the field)
    CardExpiryName,
    /// 「カード名義」 (in a message about the field)
    CardHolderName,
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
            (Msg::Checkout, Ja) => "ご購入手続き",
            (Msg::Checkout, En) => "Checkout",
            (Msg::YourDetails, Ja) => "ご注文者情報",
            (Msg::YourDetails, En) => "Your details",
            (Msg::DeliveryAddress, Ja) => "お届け先",
            (Msg::DeliveryAddress, En) => "Delivery address",
            (Msg::SameAsBuyer, Ja) => "ご注文者と同じ",
            (Msg::SameAsBuyer, En) => "Same as your address",
            (Msg::AnotherAddress, Ja) => "別の住所に届ける",
            (Msg::AnotherAddress, En) => "Another address",
            (Msg::OrderSummary, Ja) => "ご注文内容",
            (Msg::OrderSummary, En) => "Order summary",
            (Msg::Calculating, Ja) => "計算中…",
            (Msg::Calculating, En) => "Calculating…",
            (Msg::NoItems, Ja) => "商品がありません。",
            (Msg::NoItems, En) => "No items.",
            (Msg::TotalFailed, Ja) => "金額を計算できませんでした。",
            (Msg::TotalFailed, En) => "The total could not be calculated.",
            (Msg::Recalculate, Ja) => "再計算",
            (Msg::Recalculate, En) => "Try again",
            (Msg::PaymentMethod, Ja) => "お支払い方法",
            (Msg::PaymentMethod, En) => "Payment method",
            (Msg::DeliveryHeading, Ja) => "配送方法・お届け日時",
            (Msg::DeliveryHeading, En) => "Delivery method and time",
            (Msg::DeliveryMethod, Ja) => "配送方法",
            (Msg::DeliveryMethod, En) => "Delivery method",
            (Msg::PreferredDate, Ja) => "お届け希望日",
            (Msg::PreferredDate, En) => "Preferred date",
            (Msg::NoPreference, Ja) => "指定なし",
            (Msg::NoPreference, En) => "No preference",
            (Msg::PreferredTime, Ja) => "お届け時間帯",
            (Msg::PreferredTime, En) => "Preferred time",
            (Msg::ShoppingCart, Ja) => "買い物カゴ",
            (Msg::ShoppingCart, En) => "Shopping cart",
            (Msg::CartEmpty, Ja) => "買い物カゴに商品がありません。",
            (Msg::CartEmpty, En) => "Your cart is empty.",
            (Msg::DecreaseQuantity, Ja) => "数量を減らす",
            (Msg::DecreaseQuantity, En) => "Decrease quantity",
            (Msg::IncreaseQuantity, Ja) => "数量を増やす",
            (Msg::IncreaseQuantity, En) => "Increase quantity",
            (Msg::Remove, Ja) => "削除",
            (Msg::Remove, En) => "Remove",
            (Msg::ChooseArea, Ja) => "地域を選択",
            (Msg::ChooseArea, En) => "Choose the area",
            (Msg::PaymentPlan, Ja) => "支払回数",
            (Msg::PaymentPlan, En) => "Payment plan",
            (Msg::Choose, Ja) => "選択してください",
            (Msg::Choose, En) => "Choose",
            (Msg::CardNumberRequired, Ja) => "カード番号を入力してください。",
            (Msg::CardNumberRequired, En) => "Please enter the card number.",
            (Msg::ExpiryRequired, Ja) => "有効期限を入力してください。",
            (Msg::ExpiryRequired, En) => "Please enter the expiry date.",
            (Msg::HolderRequired, Ja) => "カード名義を入力してください。",
            (Msg::HolderRequired, En) => "Please enter the name on the card.",
            (Msg::CvcRequired, Ja) => "セキュリティコードを入力してください。",
            (Msg::CvcRequired, En) => "Please enter the security code.",
            (Msg::CardNumberLength, Ja) => "カード番号の桁数が正しくありません。",
            (Msg::CardNumberLength, En) => "The card number has the wrong number of digits.",
            (Msg::CardNumberInvalid, Ja) => "カード番号が正しくありません。入力内容をご確認ください。",
            (Msg::CardNumberInvalid, En) => "The card number is not valid; please check it.",
            (Msg::CardBrandNotAccepted, Ja) => "このカードブランドはご利用いただけません（Visa・Mastercard・JCB・American Express・Diners Club）。",
            (Msg::CardBrandNotAccepted, En) => "This card brand is not accepted (Visa, Mastercard, JCB, American Express, Diners Club).",
            (Msg::ExpiryFormat, Ja) => "有効期限は「月/年」の形式で入力してください（例: 12/30）。",
            (Msg::ExpiryFormat, En) => "Enter the expiry as MM/YY (e.g. 12/30).",
            (Msg::CardExpired, Ja) => "有効期限が過ぎています。",
            (Msg::CardExpired, En) => "The card has expired.",
            (Msg::HolderLetters, Ja) => "カード名義は半角英字で入力してください（例: TARO YAMADA）。",
            (Msg::HolderLetters, En) => "Type the name on the card in half-width letters (e.g. TARO YAMADA).",
            (Msg::HolderLength, Ja) => "カード名義は25文字以内で入力してください。",
            (Msg::HolderLength, En) => "The name on the card can have at most 25 characters.",
            (Msg::CvcFormat, Ja) => "セキュリティコードは3桁（American Expressは4桁）の数字です。",
            (Msg::CvcFormat, En) => "The security code has 3 digits (4 for American Express).",
            (Msg::AddressFilled, Ja) => "住所を自動入力しました。",
            (Msg::AddressFilled, En) => "The address was filled in.",
            (Msg::SeveralAreas, Ja) => "この郵便番号には複数の地域があります。選択してください。",
            (Msg::SeveralAreas, En) => "Several areas share this postal code; choose one.",
            (Msg::AddressFilledAddStreet, Ja) => "住所を自動入力しました。番地を入力してください。",
            (Msg::AddressFilledAddStreet, En) => "Address filled in; please add the street number.",
            (Msg::AddressNotFound, Ja) => "この郵便番号の住所は見つかりませんでした。住所を入力してください。",
            (Msg::AddressNotFound, En) => "No address was found for this postal code; please type it in.",
            (Msg::AddressLookupFailed, Ja) => "住所を自動入力できませんでした。住所を入力してください。",
            (Msg::AddressLookupFailed, En) => "The address could not be filled in; please type it.",
            (Msg::FreeShipping, Ja) => "送料無料",
            (Msg::FreeShipping, En) => "Free",
            (Msg::ShippingToBeAdvised, Ja) => "別途連絡",
            (Msg::ShippingToBeAdvised, En) => "To be confirmed",
            (Msg::ShippingAfterAddress, Ja) => "住所入力後に表示",
            (Msg::ShippingAfterAddress, En) => "Shown after the address",
            (Msg::AmountNotFinal, Ja) => "送料は別途ご連絡します。お支払い金額は確定していません。",
            (Msg::AmountNotFinal, En) => "The shop will confirm the shipping fee; the amount is not final.",
            (Msg::ItemsSubtotal, Ja) => "商品小計",
            (Msg::ItemsSubtotal, En) => "Items",
            (Msg::Shipping, Ja) => "送料",
            (Msg::Shipping, En) => "Shipping",
            (Msg::TotalTaxIncluded, Ja) => "合計（税込）",
            (Msg::TotalTaxIncluded, En) => "Total (tax incl.)",
            (Msg::ReducedRateFootnote, Ja) => "※は軽減税率（8%）対象商品です。",
            (Msg::ReducedRateFootnote, En) => "* Reduced tax rate (8%) items.",
            (Msg::TaxedAt10, Ja) => "10%対象",
            (Msg::TaxedAt10, En) => "Taxed at 10%",
            (Msg::TaxedAt8, Ja) => "※8%対象（軽減税率）",
            (Msg::TaxedAt8, En) => "* Taxed at 8% (reduced)",
            (Msg::ConfirmHeading, Ja) => "ご注文内容の確認",
            (Msg::ConfirmHeading, En) => "Confirm your order",
            (Msg::OrderedItems, Ja) => "ご注文商品",
            (Msg::OrderedItems, En) => "Items",
            (Msg::PaymentTotal, Ja) => "お支払い合計（税込）",
            (Msg::PaymentTotal, En) => "Total (tax incl.)",
            (Msg::PaymentAndTiming, Ja) => "お支払い方法・お支払い時期",
            (Msg::PaymentAndTiming, En) => "Payment and when you pay",
            (Msg::DeliveryAndTiming, Ja) => "お届け先・お届け時期",
            (Msg::DeliveryAndTiming, En) => "Delivery",
            (Msg::CancellationHeading, Ja) => "キャンセル・返品について",
            (Msg::CancellationHeading, En) => "Cancellation and returns",
            (Msg::CancellationPolicy, Ja) => "ご注文確定後のキャンセルは、発送前に限り承ります。商品到着後8日以内の未開封・未使用品は返品を承ります（返送料はお客様負担）。食品は衛生上の理由により、不良品を除き返品をお受けできません。",
            (Msg::CancellationPolicy, En) => "Orders can be cancelled until they ship. Unopened, unused goods can be returned within 8 days of arrival (return postage is yours). Food cannot be returned unless defective.",
            (Msg::Back, Ja) => "戻る",
            (Msg::Back, En) => "Back",
            (Msg::OrderNumberLabel, Ja) => "注文番号: ",
            (Msg::OrderNumberLabel, En) => "Order number: ",
            (Msg::NoRecentOrder, Ja) => "ご注文情報がありません",
            (Msg::NoRecentOrder, En) => "No recent order",
            (Msg::Checking, Ja) => "確認中…",
            (Msg::Checking, En) => "Checking…",
            (Msg::ReviewOrder, Ja) => "注文確認する",
            (Msg::ReviewOrder, En) => "Review order",
            (Msg::LabelFamily, Ja) => "姓",
            (Msg::LabelFamily, En) => "Family name",
            (Msg::LabelGiven, Ja) => "名",
            (Msg::LabelGiven, En) => "Given name",
            (Msg::LabelFamilyKana, Ja) => "セイ（フリガナ）",
            (Msg::LabelFamilyKana, En) => "Family name (katakana)",
            (Msg::LabelGivenKana, Ja) => "メイ（フリガナ）",
            (Msg::LabelGivenKana, En) => "Given name (katakana)",
            (Msg::LabelEmail, Ja) => "メールアドレス",
            (Msg::LabelEmail, En) => "E-mail",
            (Msg::LabelPhone, Ja) => "電話番号",
            (Msg::LabelPhone, En) => "Phone",
            (Msg::LabelShipFamily, Ja) => "お届け先 姓",
            (Msg::LabelShipFamily, En) => "Recipient family name",
            (Msg::LabelShipGiven, Ja) => "お届け先 名",
            (Msg::LabelShipGiven, En) => "Recipient given name",
            (Msg::LabelShipPhone, Ja) => "お届け先 電話番号",
            (Msg::LabelShipPhone, En) => "Recipient phone",
            (Msg::LabelPostal, Ja) => "郵便番号",
            (Msg::LabelPostal, En) => "Postal code",
            (Msg::LabelPrefecture, Ja) => "都道府県",
            (Msg::LabelPrefecture, En) => "Prefecture",
            (Msg::LabelCity, Ja) => "市区町村",
            (Msg::LabelCity, En) => "City / ward",
            (Msg::LabelLine1, Ja) => "番地",
            (Msg::LabelLine1, En) => "Street address",
            (Msg::LabelLine2, Ja) => "建物名・部屋番号",
            (Msg::LabelLine2, En) => "Building / room",
            (Msg::LabelCardNumber, Ja) => "カード番号",
            (Msg::LabelCardNumber, En) => "Card number",
            (Msg::LabelExpiry, Ja) => "有効期限（月/年）",
            (Msg::LabelExpiry, En) => "Expiry (MM/YY)",
            (Msg::LabelCvc, Ja) => "セキュリティコード",
            (Msg::LabelCvc, En) => "Security code",
            (Msg::LabelHolder, Ja) => "カード名義（半角英字）",
            (Msg::LabelHolder, En) => "Name on card",
            (Msg::Required, Ja) => "必須",
            (Msg::Required, En) => "Required",
            (Msg::Optional, Ja) => "任意",
            (Msg::Optional, En) => "Optional",
            (Msg::CardExpiryName, Ja) => "有効期限",
            (Msg::CardExpiryName, En) => "Expiry",
            (Msg::CardHolderName, Ja) => "カード名義",
            (Msg::CardHolderName, En) => "Name on card",
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

/// A 支払回数 choice: 一括払い (1), リボ払い (0) or 分割払い (n回).
pub fn pay_way(locale: Locale, n: u8) -> String {
    match (n, locale) {
        (1, Locale::Ja) => "一括払い".to_owned(),
        (1, Locale::En) => "Single payment".to_owned(),
        (0, Locale::Ja) => "リボ払い".to_owned(),
        (0, Locale::En) => "Revolving".to_owned(),
        (n, Locale::Ja) => format!("分割払い（{n}回）"),
        (n, Locale::En) => format!("{n} instalments"),
    }
}

/// What the screen reader hears when 注文確認する finds `count` fields wrong.
pub fn fields_need_attention(locale: Locale, count: usize) -> String {
    match locale {
        Locale::Ja => format!("入力内容に{count}件の誤りがあります。"),
        Locale::En => format!("{count} fields need attention."),
    }
}

/// The completion page's line about the confirmation mail.
pub fn confirmation_sent(locale: Locale, email: &str) -> String {
    match locale {
        Locale::Ja => format!("ご注文内容の確認メールを {email} にお送りしました。"),
        Locale::En => format!("A confirmation e-mail was sent to {email}."),
    }
}

/// A tax-rate line's amount with the tax it includes.
pub fn tax_included(locale: Locale, amount: &str, tax: &str) -> String {
    match locale {
        Locale::Ja => format!("{amount}（内消費税 {tax}）"),
        Locale::En => format!("{amount} (incl. tax {tax})"),
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
            Msg::Checkout,
            Msg::YourDetails,
            Msg::DeliveryAddress,
            Msg::SameAsBuyer,
            Msg::AnotherAddress,
            Msg::OrderSummary,
            Msg::Calculating,
            Msg::NoItems,
            Msg::TotalFailed,
            Msg::Recalculate,
            Msg::PaymentMethod,
            Msg::DeliveryHeading,
            Msg::DeliveryMethod,
            Msg::PreferredDate,
            Msg::NoPreference,
            Msg::PreferredTime,
            Msg::ShoppingCart,
            Msg::CartEmpty,
            Msg::DecreaseQuantity,
            Msg::IncreaseQuantity,
            Msg::Remove,
            Msg::ChooseArea,
            Msg::PaymentPlan,
            Msg::Choose,
            Msg::CardNumberRequired,
            Msg::ExpiryRequired,
            Msg::HolderRequired,
            Msg::CvcRequired,
            Msg::CardNumberLength,
            Msg::CardNumberInvalid,
            Msg::CardBrandNotAccepted,
            Msg::ExpiryFormat,
            Msg::CardExpired,
            Msg::HolderLetters,
            Msg::HolderLength,
            Msg::CvcFormat,
            Msg::AddressFilled,
            Msg::SeveralAreas,
            Msg::AddressFilledAddStreet,
            Msg::AddressNotFound,
            Msg::AddressLookupFailed,
            Msg::FreeShipping,
            Msg::ShippingToBeAdvised,
            Msg::ShippingAfterAddress,
            Msg::AmountNotFinal,
            Msg::ItemsSubtotal,
            Msg::Shipping,
            Msg::TotalTaxIncluded,
            Msg::ReducedRateFootnote,
            Msg::TaxedAt10,
            Msg::TaxedAt8,
            Msg::ConfirmHeading,
            Msg::OrderedItems,
            Msg::PaymentTotal,
            Msg::PaymentAndTiming,
            Msg::DeliveryAndTiming,
            Msg::CancellationHeading,
            Msg::CancellationPolicy,
            Msg::Back,
            Msg::OrderNumberLabel,
            Msg::NoRecentOrder,
            Msg::Checking,
            Msg::ReviewOrder,
            Msg::LabelFamily,
            Msg::LabelGiven,
            Msg::LabelFamilyKana,
            Msg::LabelGivenKana,
            Msg::LabelEmail,
            Msg::LabelPhone,
            Msg::LabelShipFamily,
            Msg::LabelShipGiven,
            Msg::LabelShipPhone,
            Msg::LabelPostal,
            Msg::LabelPrefecture,
            Msg::LabelCity,
            Msg::LabelLine1,
            Msg::LabelLine2,
            Msg::LabelCardNumber,
            Msg::LabelExpiry,
            Msg::LabelCvc,
            Msg::LabelHolder,
            Msg::Required,
            Msg::Optional,
            Msg::CardExpiryName,
            Msg::CardHolderName,
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
