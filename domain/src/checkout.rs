//! The purchase page's API shapes and the pricing rules behind `POST /api/quotes`.
//!
//! Pricing lives here, with no I/O, so its rules are tested in a second: lines
//! are tax-included (総額表示); the shipping fee is taxed at the standard
//! rate; consumption tax is computed once per rate over the whole order.

use serde::{Deserialize, Serialize};

use crate::{Prefecture, Product, ProductName, Sku, TaxRate, Yen, YenError};

/// How many of one product a cart line may hold.
pub const MAX_QUANTITY: u8 = 99;
/// How many lines a cart may hold.
pub const MAX_LINES: usize = 50;
/// The card gateway's limit per payment (seed: 1決済につき30万円まで).
pub const CARD_LIMIT: u64 = 300_000;

/// A quantity from 1 to 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Quantity(u8);

/// Not a quantity from 1 to 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("quantity must be 1 to {MAX_QUANTITY} (got {0})")]
pub struct QuantityError(pub i64);

impl Quantity {
    /// Parses a quantity.
    pub fn new(n: i64) -> Result<Self, QuantityError> {
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=MAX_QUANTITY).contains(n))
            .map(Quantity)
            .ok_or(QuantityError(n))
    }

    /// The number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Quantity {
    type Error = QuantityError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Quantity::new(value)
    }
}

impl From<Quantity> for u8 {
    fn from(value: Quantity) -> Self {
        value.0
    }
}

/// One line of a cart as the browser sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CartLine {
    /// The product.
    pub sku: Sku,
    /// How many.
    pub quantity: Quantity,
}

/// A payment method Zerostep offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethodCode {
    /// クレジットカード決済 (クロネコwebコレクト, token method).
    Card,
    /// 銀行振込.
    BankTransfer,
}

impl PaymentMethodCode {
    /// The code as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethodCode::Card => "card",
            PaymentMethodCode::BankTransfer => "bank_transfer",
        }
    }

    /// The method stored as `code`.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "card" => Some(PaymentMethodCode::Card),
            "bank_transfer" => Some(PaymentMethodCode::BankTransfer),
            _ => None,
        }
    }
}

/// Yamato's delivery time slots (お届け時間帯).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeSlot {
    /// 指定なし.
    Unspecified,
    /// 午前中.
    Morning,
    /// 14〜16時.
    From14To16,
    /// 16〜18時.
    From16To18,
    /// 18〜20時.
    From18To20,
    /// 19〜21時.
    From19To21,
}

impl TimeSlot {
    /// Every slot, in display order.
    pub const ALL: [TimeSlot; 6] = [
        TimeSlot::Unspecified,
        TimeSlot::Morning,
        TimeSlot::From14To16,
        TimeSlot::From16To18,
        TimeSlot::From18To20,
        TimeSlot::From19To21,
    ];

    /// The Japanese label.
    pub fn label_ja(self) -> &'static str {
        match self {
            TimeSlot::Unspecified => "指定なし",
            TimeSlot::Morning => "午前中",
            TimeSlot::From14To16 => "14〜16時",
            TimeSlot::From16To18 => "16〜18時",
            TimeSlot::From18To20 => "18〜20時",
            TimeSlot::From19To21 => "19〜21時",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            TimeSlot::Unspecified => "No preference",
            TimeSlot::Morning => "Morning (until 12:00)",
            TimeSlot::From14To16 => "14:00–16:00",
            TimeSlot::From16To18 => "16:00–18:00",
            TimeSlot::From18To20 => "18:00–20:00",
            TimeSlot::From19To21 => "19:00–21:00",
        }
    }

    /// The wire name (`morning`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TimeSlot::Unspecified => "unspecified",
            TimeSlot::Morning => "morning",
            TimeSlot::From14To16 => "from14_to16",
            TimeSlot::From16To18 => "from16_to18",
            TimeSlot::From18To20 => "from18_to20",
            TimeSlot::From19To21 => "from19_to21",
        }
    }

    /// The slot named `s` (see [`TimeSlot::as_str`]).
    pub fn from_str_opt(s: &str) -> Option<Self> {
        TimeSlot::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A day the parcel may arrive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryDate {
    /// ISO date, `2026-12-01`.
    pub date: String,
    /// 0 = Sunday … 6 = Saturday.
    pub weekday: u8,
}

/// A payment method as the purchase page shows it (the seed's section 3 settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethodInfo {
    /// Which method.
    pub code: PaymentMethodCode,
    /// 支払方法の名称.
    pub name: String,
    /// 支払方法画面注意書き (shown when set).
    pub notes: Option<String>,
    /// 決済サービスロゴ.
    pub logo_url: Option<String>,
    /// The logo's ALT text.
    pub logo_alt: Option<String>,
    /// クレジットカード情報入力箇所注意書き (card only).
    pub card_notice: Option<String>,
    /// 利用する / 利用しない.
    pub enabled: bool,
    /// 適用条件: offered only from this total (tax included).
    #[serde(default)]
    pub min_amount: Option<Yen>,
    /// 適用条件: offered only up to this total (tax included).
    #[serde(default)]
    pub max_amount: Option<Yen>,
    /// 対応種別: offered to PC browsers.
    #[serde(default = "yes")]
    pub on_pc: bool,
    /// 対応種別: offered to smartphones.
    #[serde(default = "yes")]
    pub on_smartphone: bool,
}

fn yes() -> bool {
    true
}

/// A delivery method as the purchase page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryMethodInfo {
    /// Its code (`takkyubin`).
    pub code: String,
    /// Its name (宅配便).
    pub name: String,
    /// 対応可能な支払方法.
    pub accepts: Vec<PaymentMethodCode>,
    /// お届け希望日 choices, earliest first.
    pub dates: Vec<DeliveryDate>,
    /// お届け時間帯 choices.
    pub time_slots: Vec<TimeSlot>,
}

/// What the SPA hands to `WebcollectTokenLib.createToken` besides the card.
/// The checkSum is computed on the server: the access key never reaches the browser.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TokenConfig {
    /// Where `embeddedTokenLib.js` is loaded from (sandbox, test or production).
    pub js_url: String,
    /// 加盟店コード.
    pub trader_code: String,
    /// `2`: security code required, no 3-D Secure.
    pub auth_div: String,
    /// lowercase hex SHA-256 of accessKey + authDiv.
    pub check_sum: String,
    /// Whether Yamato's dummy card numbers (no Luhn) are accepted (sandbox only).
    pub allow_dummy_cards: bool,
    /// The 支払回数 the shop offers (1 一括, 0 リボ, 分割 counts).
    pub pay_ways: Vec<u8>,
}

/// `GET /api/checkout/config`: what the purchase page offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutConfig {
    /// Payment methods, in display order.
    pub payment_methods: Vec<PaymentMethodInfo>,
    /// Delivery methods, in display order.
    pub delivery_methods: Vec<DeliveryMethodInfo>,
    /// Largest card payment in yen.
    pub card_limit: Yen,
    /// Token settings for card payment.
    pub token: TokenConfig,
}

/// `POST /api/quotes` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    /// The cart.
    pub lines: Vec<CartLine>,
    /// The delivery address's prefecture, once known.
    #[serde(default)]
    pub prefecture: Option<Prefecture>,
    /// The chosen delivery method (the first one when absent).
    #[serde(default)]
    pub delivery_method: Option<String>,
}

/// A priced line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    /// The product.
    pub sku: Sku,
    /// Its name.
    pub name: ProductName,
    /// Tax-included unit price.
    pub unit_price: Yen,
    /// How many.
    pub quantity: Quantity,
    /// unit_price × quantity.
    pub amount: Yen,
    /// Its tax rate (※ marks the reduced rate).
    pub tax_rate: TaxRate,
}

/// What the order owes at one tax rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTotal {
    /// The rate.
    pub rate: TaxRate,
    /// Tax-included amount at this rate (shipping counts at 10%).
    pub amount: Yen,
    /// Consumption tax contained, rounded down once.
    pub tax: Yen,
}

/// How shipping is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShippingStatus {
    /// A fee applies.
    Charged,
    /// Free (over the threshold).
    Free,
    /// 別途連絡: to be confirmed by the shop; the amount is not determined.
    Separate,
    /// No address yet.
    NeedsAddress,
}

/// The shipping part of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingQuote {
    /// How it is charged.
    pub status: ShippingStatus,
    /// The fee when known (0 when free).
    pub fee: Option<Yen>,
}

/// Why a payment method cannot be chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnavailableReason {
    /// The shop switched it off (利用しない).
    Disabled,
    /// The delivery method does not accept it (対応可能な支払方法).
    NotAcceptedByDelivery,
    /// The billing amount is not determined (送料別途連絡).
    Undetermined,
    /// Over the card limit of 300,000 yen per payment.
    OverLimit,
    /// Outside the method's 適用条件 (amount range set by the shop).
    OutOfRange,
    /// Not offered on this kind of device (対応種別).
    NotOnThisDevice,
}

/// Whether a payment method can be chosen for this quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentAvailability {
    /// Which method.
    pub code: PaymentMethodCode,
    /// Whether it can be chosen.
    pub selectable: bool,
    /// Why not.
    pub reason: Option<UnavailableReason>,
}

/// `POST /api/quotes` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Priced lines.
    pub lines: Vec<QuoteLine>,
    /// Per-rate totals, standard rate first; rates with nothing are left out.
    pub rates: Vec<RateTotal>,
    /// Shipping.
    pub shipping: ShippingQuote,
    /// Everything, tax included (shipping counted when known).
    pub total: Yen,
    /// Whether the billing amount is final (false while shipping is 別途連絡 or unknown).
    pub determined: bool,
    /// Which payment methods can be chosen.
    pub payment_methods: Vec<PaymentAvailability>,
    /// The delivery method it is priced with: the one asked for, or the
    /// shop's first when the request named none (none when the shop has no
    /// delivery method).
    #[serde(default)]
    pub delivery_method: Option<String>,
}

/// How the shop charges shipping to this address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShippingRule {
    /// No address yet.
    NeedsAddress,
    /// 別途連絡 for this destination.
    Separate,
    /// This fee, free at or above `free_from` (when set).
    Fee {
        /// The fee.
        fee: Yen,
        /// Free-shipping threshold on goods (tax included).
        free_from: Option<Yen>,
    },
}

/// A product in the cart, with what pricing needs to know.
#[derive(Debug, Clone)]
pub struct PricedItem {
    /// The product from the catalogue.
    pub product: Product,
    /// How many.
    pub quantity: Quantity,
    /// Its shipping is 別途連絡 (large or special goods).
    pub separate_shipping: bool,
}

/// Prices a cart: lines, per-rate totals, shipping and total (payment
/// availability is decided by the caller, which knows the settings).
pub fn price(items: &[PricedItem], rule: ShippingRule) -> Result<Quote, YenError> {
    let mut lines = Vec::with_capacity(items.len());
    let mut goods = Yen::ZERO;
    let mut by_rate = [Yen::ZERO; 2];
    for item in items {
        let amount = item
            .product
            .price
            .checked_mul(u32::from(item.quantity.get()))?;
        goods = goods.checked_add(amount)?;
        let slot = usize::from(item.product.tax_rate == TaxRate::Reduced);
        by_rate[slot] = by_rate[slot].checked_add(amount)?;
        lines.push(QuoteLine {
            sku: item.product.sku.clone(),
            name: item.product.name.clone(),
            unit_price: item.product.price,
            quantity: item.quantity,
            amount,
            tax_rate: item.product.tax_rate,
        });
    }
    let separate = items.iter().any(|i| i.separate_shipping);
    let shipping = match rule {
        _ if separate => ShippingQuote {
            status: ShippingStatus::Separate,
            fee: None,
        },
        ShippingRule::NeedsAddress => ShippingQuote {
            status: ShippingStatus::NeedsAddress,
            fee: None,
        },
        ShippingRule::Separate => ShippingQuote {
            status: ShippingStatus::Separate,
            fee: None,
        },
        ShippingRule::Fee {
            free_from: Some(threshold),
            ..
        } if goods >= threshold => ShippingQuote {
            status: ShippingStatus::Free,
            fee: Some(Yen::ZERO),
        },
        ShippingRule::Fee { fee, .. } => ShippingQuote {
            status: ShippingStatus::Charged,
            fee: Some(fee),
        },
    };
    let shipping_fee = shipping.fee.unwrap_or(Yen::ZERO);
    by_rate[0] = by_rate[0].checked_add(shipping_fee)?;
    let rates = TaxRate::ALL
        .into_iter()
        .zip(by_rate)
        .filter(|(_, amount)| *amount > Yen::ZERO)
        .map(|(rate, amount)| RateTotal {
            rate,
            amount,
            tax: rate.included_tax(amount),
        })
        .collect();
    Ok(Quote {
        lines,
        rates,
        shipping,
        total: goods.checked_add(shipping_fee)?,
        determined: matches!(
            shipping.status,
            ShippingStatus::Charged | ShippingStatus::Free
        ),
        payment_methods: Vec::new(),
        delivery_method: None,
    })
}

/// Whether `method` can pay for `quote`, given the settings.
pub fn availability(
    method: &PaymentMethodInfo,
    delivery: Option<&DeliveryMethodInfo>,
    quote: &Quote,
    card_limit: Yen,
) -> PaymentAvailability {
    availability_on(method, delivery, quote, card_limit, None)
}

/// [`availability`] for a shopper on a smartphone (`Some(true)`), a PC
/// (`Some(false)`) or an unknown device (`None`: 対応種別 not applied).
pub fn availability_on(
    method: &PaymentMethodInfo,
    delivery: Option<&DeliveryMethodInfo>,
    quote: &Quote,
    card_limit: Yen,
    smartphone: Option<bool>,
) -> PaymentAvailability {
    let off_device = match smartphone {
        Some(true) => !method.on_smartphone,
        Some(false) => !method.on_pc,
        None => false,
    };
    let reason = if !method.enabled {
        Some(UnavailableReason::Disabled)
    } else if off_device {
        Some(UnavailableReason::NotOnThisDevice)
    } else if delivery.is_some_and(|d| !d.accepts.contains(&method.code)) {
        Some(UnavailableReason::NotAcceptedByDelivery)
    } else if method.code == PaymentMethodCode::Card
        && quote.shipping.status == ShippingStatus::Separate
    {
        Some(UnavailableReason::Undetermined)
    } else if method.code == PaymentMethodCode::Card && quote.total > card_limit {
        Some(UnavailableReason::OverLimit)
    } else if method.min_amount.is_some_and(|m| quote.total < m)
        || method.max_amount.is_some_and(|m| quote.total > m)
    {
        Some(UnavailableReason::OutOfRange)
    } else {
        None
    };
    PaymentAvailability {
        code: method.code,
        selectable: reason.is_none(),
        reason,
    }
}

/// `GET /api/postal-codes/{code}`: the places one postal code covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalLookup {
    /// The seven digits.
    pub postal_code: String,
    /// One or more places (several towns can share a code).
    pub candidates: Vec<PostalCandidate>,
}

/// One place a postal code covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostalCandidate {
    /// 都道府県.
    pub prefecture: Prefecture,
    /// 市区町村.
    pub city: String,
    /// 町域 (may be empty).
    pub town: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(sku: &str, price: i64, rate: u8, qty: i64) -> PricedItem {
        PricedItem {
            product: Product {
                sku: Sku::parse(sku).expect("sku"),
                name: ProductName::parse(sku).expect("name"),
                price: Yen::new(price).expect("price"),
                tax_rate: TaxRate::try_from(rate).expect("rate"),
            },
            quantity: Quantity::new(qty).expect("qty"),
            separate_shipping: false,
        }
    }

    fn yen(n: i64) -> Yen {
        Yen::new(n).expect("yen")
    }

    fn fee(n: i64) -> ShippingRule {
        ShippingRule::Fee {
            fee: yen(n),
            free_from: Some(yen(5_000)),
        }
    }

    #[test]
    fn quantities_are_1_to_99() {
        assert!(Quantity::new(1).is_ok() && Quantity::new(99).is_ok());
        for bad in [0, -1, 100, 256, i64::MAX] {
            assert_eq!(Quantity::new(bad), Err(QuantityError(bad)));
        }
        assert!(serde_json::from_str::<Quantity>("0").is_err());
        assert!(serde_json::from_str::<Quantity>("1.5").is_err());
    }

    #[test]
    fn tax_is_rounded_once_per_rate_not_per_line() {
        // Three lines of 1,080 yen at 8%: per line 80 each; per order 3,240 × 8/108 = 240.
        // Two lines of 1,210 (10%) plus 880 shipping: 3,300 × 10/110 = 300.
        let quote = price(
            &[item("A", 1_080, 8, 3), item("B", 1_210, 10, 2)],
            ShippingRule::Fee {
                fee: yen(880),
                free_from: None,
            },
        )
        .expect("priced");
        assert_eq!(
            quote.rates,
            vec![
                RateTotal {
                    rate: TaxRate::Standard,
                    amount: yen(3_300),
                    tax: yen(300)
                },
                RateTotal {
                    rate: TaxRate::Reduced,
                    amount: yen(3_240),
                    tax: yen(240)
                },
            ]
        );
        assert_eq!(quote.total, yen(6_540));
        assert!(quote.determined);
    }

    #[test]
    fn rounding_down_differs_from_per_line_rounding() {
        // 3 × 1,001 yen at 10%: per line floor(91.0) × 3 = 273; per order floor(3,003 × 10/110) = 273;
        // 7 × 107 yen at 8%: per line floor(7.92)=7 × 7 = 49; per order floor(749 × 8/108) = 55.
        let quote = price(
            &[item("C", 107, 8, 7)],
            ShippingRule::Fee {
                fee: yen(0),
                free_from: None,
            },
        )
        .expect("priced");
        assert_eq!(quote.rates[0].tax, yen(55));
    }

    #[test]
    fn free_shipping_from_the_threshold() {
        let below = price(&[item("A", 4_999, 10, 1)], fee(880)).expect("priced");
        assert_eq!(
            below.shipping,
            ShippingQuote {
                status: ShippingStatus::Charged,
                fee: Some(yen(880))
            }
        );
        assert_eq!(below.total, yen(5_879));
        let at = price(&[item("A", 5_000, 10, 1)], fee(880)).expect("priced");
        assert_eq!(
            at.shipping,
            ShippingQuote {
                status: ShippingStatus::Free,
                fee: Some(Yen::ZERO)
            }
        );
        assert_eq!(at.total, yen(5_000));
    }

    #[test]
    fn separate_shipping_leaves_the_amount_undetermined() {
        let by_place = price(&[item("A", 1_000, 10, 1)], ShippingRule::Separate).expect("priced");
        assert_eq!(by_place.shipping.status, ShippingStatus::Separate);
        assert!(!by_place.determined);
        let mut big = item("BIG", 48_600, 8, 1);
        big.separate_shipping = true;
        let by_goods = price(&[item("A", 1_000, 10, 1), big], fee(880)).expect("priced");
        assert_eq!(by_goods.shipping.status, ShippingStatus::Separate);
        assert_eq!(by_goods.total, yen(49_600));
        let no_address =
            price(&[item("A", 1_000, 10, 1)], ShippingRule::NeedsAddress).expect("priced");
        assert!(!no_address.determined);
    }

    fn card(enabled: bool) -> PaymentMethodInfo {
        PaymentMethodInfo {
            code: PaymentMethodCode::Card,
            name: "クレジットカード決済".into(),
            notes: None,
            logo_url: None,
            logo_alt: None,
            card_notice: None,
            enabled,
            min_amount: None,
            max_amount: None,
            on_pc: true,
            on_smartphone: false,
        }
    }

    #[test]
    fn card_availability_names_the_reason() {
        let limit = yen(300_000);
        let ok = price(&[item("A", 300_000, 10, 1)], fee(880)).expect("priced");
        assert_eq!(availability(&card(true), None, &ok, limit).reason, None);
        let over = price(&[item("A", 300_001, 10, 1)], fee(880)).expect("priced");
        assert_eq!(
            availability(&card(true), None, &over, limit).reason,
            Some(UnavailableReason::OverLimit)
        );
        let shipping_pushes_over = price(&[item("A", 4_000, 10, 1)], fee(880)).expect("priced");
        assert_eq!(
            availability(&card(true), None, &shipping_pushes_over, yen(4_500)).reason,
            Some(UnavailableReason::OverLimit)
        );
        let separate = price(&[item("A", 1_000, 10, 1)], ShippingRule::Separate).expect("priced");
        assert_eq!(
            availability(&card(true), None, &separate, limit).reason,
            Some(UnavailableReason::Undetermined)
        );
        assert_eq!(
            availability(&card(false), None, &ok, limit).reason,
            Some(UnavailableReason::Disabled)
        );
        let bank_only = DeliveryMethodInfo {
            code: "mail".into(),
            name: "メール便".into(),
            accepts: vec![PaymentMethodCode::BankTransfer],
            dates: vec![],
            time_slots: vec![],
        };
        assert_eq!(
            availability(&card(true), Some(&bank_only), &ok, limit).reason,
            Some(UnavailableReason::NotAcceptedByDelivery)
        );
    }

    #[test]
    fn quote_requests_validate_on_decode() {
        let ok = r#"{"lines":[{"sku":"SENCHA-100","quantity":2}],"prefecture":13}"#;
        assert!(serde_json::from_str::<QuoteRequest>(ok).is_ok());
        for bad in [
            r#"{"lines":[{"sku":"SENCHA-100","quantity":0}]}"#,
            r#"{"lines":[{"sku":"","quantity":1}]}"#,
            r#"{"lines":[{"sku":"A","quantity":1}],"prefecture":48}"#,
            r#"{"lines":[{"sku":"A","quantity":1,"price":1}]}"#,
        ] {
            assert!(serde_json::from_str::<QuoteRequest>(bad).is_err(), "{bad}");
        }
    }
}
