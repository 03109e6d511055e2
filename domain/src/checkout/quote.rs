//! What the purchase page asks and is told: its settings, and a quote for a cart with tax per rate, shipping and each payment method's availability.

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

use super::cart::{CartLine, Quantity};
use super::delivery::DeliveryMethodInfo;
use super::payment::{PaymentMethodCode, PaymentMethodInfo, TokenConfig};
use crate::api::Text;
use crate::{Prefecture, ProductName, Sku, TaxRate, Yen};

/// `GET /api/checkout/config`: what the purchase page offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckoutConfig {
    /// Payment methods, in display order.
    pub payment_methods: Vec<PaymentMethodInfo>,
    /// Delivery methods, in display order.
    pub delivery_methods: Vec<DeliveryMethodInfo>,
    /// Largest card payment in yen.
    pub card_limit: Yen,
    /// Token settings for card payment.
    pub token: TokenConfig,
    /// How the purchase is laid out (カートタイプ); zero-step when absent.
    #[serde(default)]
    pub cart_type: CartType,
    /// The shopper's session, issued and signed by the server: sent back as
    /// `X-Zerostep-Session` with an order, it counts the card attempts of
    /// this browser tab (the card-testing limits).
    #[serde(default)]
    pub session: String,
}

wire_enum! {
    /// カートタイプ: how the shop lays out the purchase (the guide's §4).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum CartType {
        /// ゼロステップカート: one purchase page and a confirmation modal.
        #[default]
        ZeroStep => "zero_step",
        /// 3ステップカート: カゴの中身, then STEP1 購入者情報入力, STEP2
        /// 支払い方法・配送指定 and STEP3 確認画面, each a page of its own.
        ThreeStep => "three_step",
    }
}

/// `POST /api/quotes` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteLine {
    /// The product.
    pub sku: Sku,
    /// Its name.
    pub name: ProductName,
    /// Its name in English, when the shop gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<ProductName>,
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateTotal {
    /// The rate.
    pub rate: TaxRate,
    /// Tax-included amount at this rate (shipping counts at 10%).
    pub amount: Yen,
    /// Consumption tax contained, rounded down once.
    pub tax: Yen,
}

wire_enum! {
    /// How shipping is charged.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ShippingStatus {
        /// A fee applies.
        Charged => "charged",
        /// Free (over the threshold).
        Free => "free",
        /// 別途連絡: to be confirmed by the shop; the amount is not determined.
        Separate => "separate",
        /// No address yet.
        NeedsAddress => "needs_address",
    }
}

/// The shipping part of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingQuote {
    /// How it is charged.
    pub status: ShippingStatus,
    /// The fee when known (0 when free).
    pub fee: Option<Yen>,
}

wire_enum! {
    /// Why a payment method cannot be chosen.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum UnavailableReason {
        /// The shop switched it off (利用しない).
        Disabled => "disabled",
        /// The delivery method does not accept it (対応可能な支払方法).
        NotAcceptedByDelivery => "not_accepted_by_delivery",
        /// The billing amount is not determined (送料別途連絡).
        Undetermined => "undetermined",
        /// Over the card limit of 300,000 yen per payment.
        OverLimit => "over_limit",
        /// Outside the method's 適用条件 (amount range set by the shop).
        OutOfRange => "out_of_range",
        /// Not offered on this kind of device (対応種別).
        NotOnThisDevice => "not_on_this_device",
    }
}

impl UnavailableReason {
    /// Whether a method unavailable for this reason is left off the purchase
    /// page altogether. The guide does not display a method that is off
    /// (利用しない), not accepted by the delivery method, outside its 適用条件
    /// or not for this device; the two a shopper can act on, a total over
    /// the card limit and an amount left 別途連絡, stay shown, disabled, with
    /// the reason.
    pub fn hides_method(self) -> bool {
        !matches!(
            self,
            UnavailableReason::OverLimit | UnavailableReason::Undetermined
        )
    }

    /// Why the method cannot be chosen, in words: written once, shown by the
    /// purchase page beside the method and by the API when an order asks for
    /// it anyway. `card` picks the card's own wording where it differs.
    pub fn text(self, card: bool) -> Text {
        match self {
            UnavailableReason::OverLimit => Text::fixed(
                "クレジットカード決済は1回のお支払いが30万円（税込）までのため、ご利用いただけません。",
                "Card payments are limited to ¥300,000 (tax incl.) per order.",
            ),
            UnavailableReason::Undetermined => Text::fixed(
                if card {
                    "送料が「別途連絡」となりお支払い金額が確定しないため、クレジットカード決済はご利用いただけません。"
                } else {
                    "お支払い金額が確定しないため、ご利用いただけません。"
                },
                "The shipping fee will be confirmed later, so the amount is not final and this method cannot be used.",
            ),
            UnavailableReason::NotAcceptedByDelivery => Text::fixed(
                "選択された配送方法では、この支払方法はご利用いただけません。",
                "This payment method is not available with the chosen delivery method.",
            ),
            UnavailableReason::NotOnThisDevice => Text::fixed(
                "この支払方法はお使いの端末ではご利用いただけません。",
                "This payment method is not offered on this device.",
            ),
            UnavailableReason::OutOfRange => Text::fixed(
                "ご注文金額がこの支払方法の利用条件の範囲外のため、ご利用いただけません。",
                "The order total is outside the range in which this payment method is offered.",
            ),
            UnavailableReason::Disabled => Text::fixed(
                "現在この支払方法はご利用いただけません。",
                "This payment method is currently unavailable.",
            ),
        }
    }
}

/// Whether a payment method can be chosen for this quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
