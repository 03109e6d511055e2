//! The catalogue: every fixed text of the checkout SPA ([`Msg`]) and the
//! texts it makes at run time, in both languages.

use zerostep_domain::checkout::TimeSlot;
use zerostep_domain::Prefecture;

use super::{Locale, Text};

/// Declares [`Msg`], one line per text: its name, then the Japanese and the
/// English. A text missing in either language does not compile.
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident => $ja:literal, $en:literal;)*) => {
        /// Every fixed text of the checkout SPA.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every text, in catalogue order.
            #[cfg(test)]
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            /// The text in `locale`.
            pub fn text(self, locale: Locale) -> &'static str {
                // A table rather than a `match`: the texts stay data, not
                // code (about 0.5 KB less to load).
                const TEXTS: &[[&str; 2]] = &[$([$ja, $en]),*];
                TEXTS[self as usize][locale as usize]
            }
        }
    };
}

messages! {
    /// The products heading.
    Products => "商品一覧",
        "Products";
    /// 「カゴに入れる」.
    AddToCart => "カゴに入れる",
        "Add to cart";
    /// The cart link in the header.
    Cart => "買い物カゴ",
        "Cart";
    /// Suffix after a tax-included price.
    TaxIncluded => "（税込）",
        " (tax incl.)";
    /// Marks a reduced-rate item.
    ReducedRate => "※軽減税率対象",
        "* Reduced tax rate";
    /// The language switch's label (names the other language).
    SwitchLanguage => "English",
        "日本語";
    /// While loading.
    Loading => "読み込み中…",
        "Loading…";
    /// When a load failed.
    LoadFailed => "読み込めませんでした。",
        "Could not load.";
    /// Retry button.
    Retry => "再読み込み",
        "Try again";
    /// The catalogue is empty.
    NoProducts => "現在お取り扱いの商品はありません。",
        "No products are on sale right now.";
    /// Unknown route heading.
    NotFound => "ページが見つかりません",
        "Page not found";
    /// Link back to the shop.
    BackToShop => "ショップに戻る",
        "Back to the shop";
    /// Footnote explaining the reduced-rate mark.
    ReducedRateNote => "※印は軽減税率（8%）対象商品です。",
        "* Items taxed at the reduced rate (8%).";
    /// The purchase page's heading.
    Checkout => "ご購入手続き",
        "Checkout";
    /// The buyer section's heading.
    YourDetails => "ご注文者情報",
        "Your details";
    /// The recipient section's heading.
    DeliveryAddress => "お届け先",
        "Delivery address";
    /// Deliver to the buyer.
    SameAsBuyer => "ご注文者と同じ",
        "Same as your address";
    /// Deliver elsewhere.
    AnotherAddress => "別の住所に届ける",
        "Another address";
    /// The summary's heading.
    OrderSummary => "ご注文内容",
        "Order summary";
    /// While the total is priced.
    Calculating => "計算中…",
        "Calculating…";
    /// An empty summary.
    NoItems => "商品がありません。",
        "No items.";
    /// The quote failed.
    TotalFailed => "金額を計算できませんでした。",
        "The total could not be calculated.";
    /// A part of the page loaded on demand could not be fetched.
    PartUnavailable => "この部分を読み込めませんでした。通信状況をご確認のうえ、ページを再読み込みしてください。",
        "This part of the page could not be loaded. Check your connection and reload the page.";
    /// Prices the cart again.
    Recalculate => "再計算",
        "Try again";
    /// The payment section's heading.
    PaymentMethod => "お支払い方法",
        "Payment method";
    /// The delivery section's heading.
    DeliveryHeading => "配送方法・お届け日時",
        "Delivery method and time";
    /// The delivery method's label.
    DeliveryMethod => "配送方法",
        "Delivery method";
    /// お届け希望日's label.
    PreferredDate => "お届け希望日",
        "Preferred date";
    /// No delivery date asked for.
    NoPreference => "指定なし",
        "No preference";
    /// お届け時間帯's label.
    PreferredTime => "お届け時間帯",
        "Preferred time";
    /// The cart section's heading.
    ShoppingCart => "買い物カゴ",
        "Shopping cart";
    /// An empty cart.
    CartEmpty => "買い物カゴに商品がありません。",
        "Your cart is empty.";
    /// The − button.
    DecreaseQuantity => "数量を減らす",
        "Decrease quantity";
    /// The + button.
    IncreaseQuantity => "数量を増やす",
        "Increase quantity";
    /// Removes a line.
    Remove => "削除",
        "Remove";
    /// The area choice's label (a postal code with several areas).
    ChooseArea => "地域を選択",
        "Choose the area";
    /// 支払回数's label.
    PaymentPlan => "支払回数",
        "Payment plan";
    /// An empty choice.
    Choose => "選択してください",
        "Choose";
    /// 「カード番号を入力してください。」
    CardNumberRequired => "カード番号を入力してください。",
        "Please enter the card number.";
    /// 「有効期限を入力してください。」
    ExpiryRequired => "有効期限を入力してください。",
        "Please enter the expiry date.";
    /// 「カード名義を入力してください。」
    HolderRequired => "カード名義を入力してください。",
        "Please enter the name on the card.";
    /// 「セキュリティコードを入力してください。」
    CvcRequired => "セキュリティコードを入力してください。",
        "Please enter the security code.";
    /// 「カード番号の桁数が正しくありません。」
    CardNumberLength => "カード番号の桁数が正しくありません。",
        "The card number has the wrong number of digits.";
    /// 「カード番号が正しくありません。入力内容をご確認ください。」
    CardNumberInvalid => "カード番号が正しくありません。入力内容をご確認ください。",
        "The card number is not valid; please check it.";
    /// 「このカードブランドはご利用いただけません（Visa・Mastercard・JCB・American Express・Diners Club）。」
    CardBrandNotAccepted => "このカードブランドはご利用いただけません（Visa・Mastercard・JCB・American Express・Diners Club）。",
        "This card brand is not accepted (Visa, Mastercard, JCB, American Express, Diners Club).";
    /// 「有効期限は「月/年」の形式で入力してください（例: 12/30）。」
    ExpiryFormat => "有効期限は「月/年」の形式で入力してください（例: 12/30）。",
        "Enter the expiry as MM/YY (e.g. 12/30).";
    /// 「有効期限が過ぎています。」
    CardExpired => "有効期限が過ぎています。",
        "The card has expired.";
    /// 「カード名義は半角英字で入力してください（例: TARO YAMADA）。」
    HolderLetters => "カード名義は半角英字で入力してください（例: TARO YAMADA）。",
        "Type the name on the card in half-width letters (e.g. TARO YAMADA).";
    /// 「カード名義は25文字以内で入力してください。」
    HolderLength => "カード名義は25文字以内で入力してください。",
        "The name on the card can have at most 25 characters.";
    /// 「セキュリティコードは3桁（American Expressは4桁）の数字です。」
    CvcFormat => "セキュリティコードは3桁（American Expressは4桁）の数字です。",
        "The security code has 3 digits (4 for American Express).";
    /// 「住所を自動入力しました。」
    AddressFilled => "住所を自動入力しました。",
        "The address was filled in.";
    /// 「この郵便番号には複数の地域があります。選択してください。」
    SeveralAreas => "この郵便番号には複数の地域があります。選択してください。",
        "Several areas share this postal code; choose one.";
    /// 「住所を自動入力しました。番地を入力してください。」
    AddressFilledAddStreet => "住所を自動入力しました。番地を入力してください。",
        "Address filled in; please add the street number.";
    /// 「この郵便番号の住所は見つかりませんでした。住所を入力してください。」
    AddressNotFound => "この郵便番号の住所は見つかりませんでした。住所を入力してください。",
        "No address was found for this postal code; please type it in.";
    /// 「住所を自動入力できませんでした。住所を入力してください。」
    AddressLookupFailed => "住所を自動入力できませんでした。住所を入力してください。",
        "The address could not be filled in; please type it.";
    /// 「送料無料」
    FreeShipping => "送料無料",
        "Free";
    /// 「別途連絡」
    ShippingToBeAdvised => "別途連絡",
        "To be confirmed";
    /// 「住所入力後に表示」
    ShippingAfterAddress => "住所入力後に表示",
        "Shown after the address";
    /// 「送料は別途ご連絡します。お支払い金額は確定していません。」
    AmountNotFinal => "送料は別途ご連絡します。お支払い金額は確定していません。",
        "The shop will confirm the shipping fee; the amount is not final.";
    /// 「商品小計」
    ItemsSubtotal => "商品小計",
        "Items";
    /// 「送料」
    Shipping => "送料",
        "Shipping";
    /// 「合計（税込）」
    TotalTaxIncluded => "合計（税込）",
        "Total (tax incl.)";
    /// 「※は軽減税率（8%）対象商品です。」
    ReducedRateFootnote => "※は軽減税率（8%）対象商品です。",
        "* Reduced tax rate (8%) items.";
    /// The summary's 10% line.
    TaxedAt10 => "10%対象",
        "Taxed at 10%";
    /// The summary's 8% line.
    TaxedAt8 => "※8%対象（軽減税率）",
        "* Taxed at 8% (reduced)";
    /// 「ご注文内容の確認」
    ConfirmHeading => "ご注文内容の確認",
        "Confirm your order";
    /// 「ご注文商品」
    OrderedItems => "ご注文商品",
        "Items";
    /// 「お支払い合計（税込）」
    PaymentTotal => "お支払い合計（税込）",
        "Total (tax incl.)";
    /// 「お支払い方法・お支払い時期」
    PaymentAndTiming => "お支払い方法・お支払い時期",
        "Payment and when you pay";
    /// 「お届け先・お届け時期」
    DeliveryAndTiming => "お届け先・お届け時期",
        "Delivery";
    /// 「キャンセル・返品について」
    CancellationHeading => "キャンセル・返品について",
        "Cancellation and returns";
    /// 「ご注文確定後のキャンセルは、発送前に限り承ります。商品到着後8日以内の未開封・未使用品は返品を承ります（返送料はお客様負担）。食品は衛生上の理由により、不良品を除き返品をお受けできません。」
    CancellationPolicy => "ご注文確定後のキャンセルは、発送前に限り承ります。商品到着後8日以内の未開封・未使用品は返品を承ります（返送料はお客様負担）。食品は衛生上の理由により、不良品を除き返品をお受けできません。",
        "Orders can be cancelled until they ship. Unopened, unused goods can be returned within 8 days of arrival (return postage is yours). Food cannot be returned unless defective.";
    /// 「戻る」
    Back => "戻る",
        "Back";
    /// 「注文番号: 」
    OrderNumberLabel => "注文番号: ",
        "Order number: ";
    /// 「ご注文情報がありません」
    NoRecentOrder => "ご注文情報がありません",
        "No recent order";
    /// 「確認中…」
    Checking => "確認中…",
        "Checking…";
    /// 「注文確認する」
    ReviewOrder => "注文確認する",
        "Review order";
    /// Example family name.
    PlaceholderFamily => "山田",
        "Smith";
    /// Example given name.
    PlaceholderGiven => "太郎",
        "Anna";
    /// Example family name in katakana (the field takes katakana only).
    PlaceholderFamilyKana => "ヤマダ",
        "スミス";
    /// Example given name in katakana.
    PlaceholderGivenKana => "タロウ",
        "アンナ";
    /// Example e-mail address.
    PlaceholderEmail => "taro@example.jp",
        "anna@example.com";
    /// 「姓」
    LabelFamily => "姓",
        "Family name";
    /// 「名」
    LabelGiven => "名",
        "Given name";
    /// 「セイ（フリガナ）」
    LabelFamilyKana => "セイ（フリガナ）",
        "Family name (katakana)";
    /// 「メイ（フリガナ）」
    LabelGivenKana => "メイ（フリガナ）",
        "Given name (katakana)";
    /// 「メールアドレス」
    LabelEmail => "メールアドレス",
        "E-mail";
    /// 「電話番号」
    LabelPhone => "電話番号",
        "Phone";
    /// 「お届け先 姓」
    LabelShipFamily => "お届け先 姓",
        "Recipient family name";
    /// 「お届け先 名」
    LabelShipGiven => "お届け先 名",
        "Recipient given name";
    /// 「お届け先 電話番号」
    LabelShipPhone => "お届け先 電話番号",
        "Recipient phone";
    /// 「郵便番号」
    LabelPostal => "郵便番号",
        "Postal code";
    /// 「都道府県」
    LabelPrefecture => "都道府県",
        "Prefecture";
    /// 「市区町村」
    LabelCity => "市区町村",
        "City / ward";
    /// 「番地」
    LabelLine1 => "番地",
        "Street address";
    /// 「建物名・部屋番号」
    LabelLine2 => "建物名・部屋番号",
        "Building / room";
    /// 「カード番号」
    LabelCardNumber => "カード番号",
        "Card number";
    /// 「有効期限（月/年）」
    LabelExpiry => "有効期限（月/年）",
        "Expiry (MM/YY)";
    /// 「セキュリティコード」
    LabelCvc => "セキュリティコード",
        "Security code";
    /// 「カード名義（半角英字）」
    LabelHolder => "カード名義（半角英字）",
        "Name on card";
    /// 「必須」
    Required => "必須",
        "Required";
    /// 「任意」
    Optional => "任意",
        "Optional";
    /// 「有効期限」 (in a message about the field)
    CardExpiryName => "有効期限",
        "Expiry";
    /// 「カード名義」 (in a message about the field)
    CardHolderName => "カード名義",
        "Name on card";
    /// The confirmation modal's reduced-rate line.
    TaxedAt8Short => "※8%対象",
        "* Taxed at 8%";
    /// When a card is charged (the confirmation modal).
    CardChargedWhen => "「注文する」を押した時点でカードの与信（仮売上）を行い、商品の発送時に売上が確定します。",
        "Your card is authorized when you press Place order; it is charged when the goods ship.";
    /// When a bank transfer is due (the confirmation modal).
    TransferDueWhen => "ご注文後7日以内に、ご案内する口座へお振込みください。入金確認後に発送します。",
        "Please pay by bank transfer within 7 days; we ship once it arrives.";
    /// 「注文する」.
    PlaceOrder => "注文する",
        "Place order";
    /// 「注文する」 while the order is being placed.
    Placing => "処理中…",
        "Placing…";
    /// The authentication dialog's heading (EMV 3-D Secure).
    AuthenticationHeading => "本人認証（3Dセキュア）",
        "Card authentication (3-D Secure)";
    /// What the authentication dialog asks of the shopper.
    AuthenticationNote => "カード発行会社の画面で本人認証を行ってください。認証が終わると、ご注文の結果を表示します。",
        "Please confirm it is you on your card issuer's page below. When you have finished, we will show the result of your order.";
    /// The issuer's frame, for screen readers.
    AuthenticationFrame => "カード発行会社の本人認証画面",
        "Your card issuer's authentication page";
    /// The way out when the frame shows nothing.
    AuthenticationElsewhere => "画面が表示されない場合は、別の画面で認証する",
        "Page not showing? Authenticate on a page of its own";
    /// Once the issuer's page opened in a window of its own (the widget).
    AuthenticationDone => "別の画面で認証を終えたら、こちらを押してください",
        "Finished in the other window? Press here";
    /// The completion page's heading.
    ThankYou => "ご注文ありがとうございました",
        "Thank you for your order";
    /// The completion page's heading when the payment is being confirmed.
    OrderReceivedChecking => "ご注文を受け付けました（確認中）",
        "Order received (being confirmed)";
    /// What comes next when the payment is being confirmed.
    NextWhenChecking => "決済結果を確認中です。結果が確定しましたら、ご登録のメールアドレスへお知らせします。カードへの二重請求はありません。",
        "We are confirming the payment and will e-mail you the result; your card will not be charged twice.";
    /// What comes next after a card authorization.
    NextWhenAuthorized => "カードの与信（仮売上）が完了しました。商品の発送時に売上が確定します。",
        "Your card is authorized; it is charged when the goods ship.";
    /// What comes next for a bank transfer.
    NextWhenTransfer => "ご注文確認メールに記載の口座へ、7日以内にお振込みください。",
        "Please pay by bank transfer within 7 days, as the e-mail explains.";
    /// Yamato's token script could not be loaded.
    TokenLoadFailed => "カード決済の準備ができませんでした（決済システムに接続できません）。時間をおいて、もう一度お試しください。",
        "Card payment could not start (the payment system is unreachable). Please try again shortly.";
    /// Yamato's token script did not answer.
    TokenTimeout => "決済システムの応答がありませんでした。もう一度「注文確認する」を押してください。",
        "The payment system did not answer in time. Please press Review order again.";
    /// A card field the token script found empty.
    TokenEmpty => "入力してください。",
        "Required.";
    /// A card number the token script refused.
    TokenBadNumber => "カード番号が正しくありません。",
        "The card number is not valid.";
    /// An expiry the token script found past.
    TokenExpired => "有効期限が過ぎています。",
        "The card has expired.";
    /// A card field of the wrong length.
    TokenDigits => "桁数が正しくありません。",
        "Wrong number of digits.";
    /// A card field with characters it cannot hold.
    TokenChars => "使用できない文字が含まれています。",
        "Contains characters that cannot be used.";
    /// A card field in the wrong format.
    TokenFormat => "形式が正しくありません。",
        "Wrong format.";
    /// 「買い物を続ける」: back to the shop, the cart kept.
    ContinueShopping => "買い物を続ける",
        "Continue shopping";
    /// Any other refusal of a card field.
    TokenCheckEntry => "入力内容をご確認ください。",
        "Please check this entry.";
    /// The 3-step cart's steps, as its indicator names them.
    StepsLabel => "購入の手順",
        "Checkout steps";
    /// 「カゴの中身」: the 3-step cart's first page.
    StepCart => "カゴの中身",
        "Your cart";
    /// 「購入者情報入力」 (STEP1).
    StepBuyer => "購入者情報入力",
        "Your details";
    /// 「支払い方法・配送指定」 (STEP2).
    StepDelivery => "支払い方法・配送指定",
        "Payment and delivery";
    /// 「確認画面」 (STEP3).
    StepConfirm => "確認画面",
        "Review and pay";
    /// 「購入手続きへ」: from the cart to STEP1.
    ProceedToPurchase => "購入手続きへ",
        "Proceed to checkout";
    /// 「次へ」: to the next step.
    Next => "次へ",
        "Next";
    /// The buyer block of STEP3.
    BuyerHeading => "ご注文者",
        "Ordered by";
    /// The card block at the bottom of STEP3.
    CardDetails => "クレジットカード情報",
        "Card details";
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

/// The chosen payment method is no longer offered (the cart or the
/// delivery changed), so the choice was cleared.
pub fn payment_method_withdrawn(name: &str, name_en: Option<&str>) -> Text {
    let en = Locale::En.pick(name, name_en);
    Text::new(
        format!("「{name}」はこのご注文ではご利用いただけなくなったため、選択を解除しました。別のお支払い方法を選択してください。"),
        format!("\"{en}\" is no longer available for this order, so it was unselected. Please choose another payment method."),
    )
}

/// The issuer's page said the authentication is over, but the order's
/// answer is not final yet (a return being read, or A09 still on its way).
pub fn authentication_unsettled() -> Text {
    Text::fixed(
        "本人認証の結果をまだ確認できていません。少し待ってから、もう一度「注文確認する」（3ステップカートでは「注文する」）を押してください。ご注文が二重になることはありません。",
        "The authentication's result is not confirmed yet. Please wait a moment and press Review order (Place order in the 3-step cart) again; you will not be charged twice.",
    )
}

/// Back from the modal: the card's inputs were emptied when its token was
/// made.
pub fn card_entered_again() -> Text {
    Text::fixed(
        "カード情報は安全のため、確認画面を開いた時点で消去しました。もう一度ご入力ください。",
        "For your security, card details are erased once the review opens. Please enter them again.",
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
/// Without `email` (the order was placed in another tab or session, which
/// alone is told the address): the address given with the order.
pub fn confirmation_sent(locale: Locale, email: Option<&str>) -> String {
    match (locale, email) {
        (Locale::Ja, Some(email)) => format!("ご注文内容の確認メールを {email} にお送りしました。"),
        (Locale::En, Some(email)) => format!("A confirmation e-mail was sent to {email}."),
        (Locale::Ja, None) => {
            "ご注文内容の確認メールを、ご注文時のメールアドレスにお送りしました。".to_owned()
        }
        (Locale::En, None) => {
            "A confirmation e-mail was sent to the address given with the order.".to_owned()
        }
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

impl Msg {
    /// The text in both languages, for a message that stays on screen.
    pub fn both(self) -> Text {
        Text::fixed(self.text(Locale::Ja), self.text(Locale::En))
    }
}

/// A problem with a field, named, with Yamato's code for support.
pub fn named_problem(locale: Locale, name: &str, problem: &str, code: &str) -> String {
    match locale {
        Locale::Ja => format!("{name}：{problem}（{code}）"),
        Locale::En => format!("{name}: {problem} ({code})"),
    }
}

/// The recipient's name as the modal addresses them (「山田 太郎 様」).
pub fn recipient(locale: Locale, name: &str) -> String {
    match locale {
        Locale::Ja => format!("{name} 様"),
        Locale::En => name.to_owned(),
    }
}

/// The quantity control's name for a product.
pub fn quantity_of(locale: Locale, product_name: &str) -> String {
    match locale {
        Locale::Ja => format!("{product_name} の数量"),
        Locale::En => format!("{product_name} quantity"),
    }
}

/// A delivery date: `12月1日(火)` or `Tue, Dec 1` (`weekday` 0 is Sunday).
pub fn date_label(locale: Locale, month: u32, day: u32, weekday: usize) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let weekday = weekday.min(6);
    match locale {
        Locale::Ja => format!(
            "{month}月{day}日({})",
            ["日", "月", "火", "水", "木", "金", "土"][weekday]
        ),
        Locale::En => {
            let m = MONTHS
                .get((month as usize).saturating_sub(1))
                .copied()
                .unwrap_or("");
            format!(
                "{}, {m} {day}",
                ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday]
            )
        }
    }
}

/// The confirmation modal's delivery line: method, date (or none) and time slot.
pub fn delivery_when(locale: Locale, method: &str, date: Option<&str>, slot: TimeSlot) -> String {
    let slot = time_slot(locale, slot);
    match (date, locale) {
        (Some(date), _) => format!("{method} / {date} / {slot}"),
        (None, Locale::Ja) => {
            format!("{method} / お届け日指定なし（ご注文から2日後以降に発送）/ {slot}")
        }
        (None, Locale::En) => {
            format!("{method} / no date (ships from two days after the order) / {slot}")
        }
    }
}

/// A お届け時間帯's name.
pub fn time_slot(locale: Locale, slot: TimeSlot) -> &'static str {
    match locale {
        Locale::Ja => slot.label_ja(),
        Locale::En => slot.label_en(),
    }
}

/// A 都道府県's name.
pub fn prefecture(locale: Locale, p: Prefecture) -> &'static str {
    match locale {
        Locale::Ja => p.name_ja(),
        Locale::En => p.name_en(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        for &msg in Msg::ALL {
            let (ja, en) = (msg.text(Locale::Ja), msg.text(Locale::En));
            assert!(!ja.is_empty() && !en.is_empty(), "{msg:?}");
            assert_ne!(ja, en, "{msg:?} is untranslated");
        }
        // The cuts fall where each text begins and ends, first to last.
        assert_eq!(Msg::Products.text(Locale::Ja), "商品一覧");
        assert_eq!(Msg::AddToCart.text(Locale::Ja), "カゴに入れる");
        assert_eq!(Msg::AddToCart.text(Locale::En), "Add to cart");
        assert_eq!(
            Msg::ALL.last().map(|m| m.text(Locale::En)),
            Some("Card details")
        );
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
