//! What the purchase page asks and is told: its settings, and a quote for a cart with tax per rate, shipping and each payment method's availability.

use serde::{Deserialize, Serialize};

use super::cart::{CartLine, Quantity};
use super::delivery::DeliveryMethodInfo;
use super::payment::{PaymentMethodCode, PaymentMethodInfo, TokenConfig};
use crate::{Prefecture, ProductName, Sku, TaxRate, Yen};

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
