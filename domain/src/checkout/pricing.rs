//! The pricing rules behind `POST /api/quotes`, with no I/O: lines are tax-included (総額表示); the shipping fee is taxed at the standard rate; consumption tax is computed once per rate over the whole order.

use super::cart::Quantity;
use super::delivery::DeliveryMethodInfo;
use super::payment::{PaymentMethodCode, PaymentMethodInfo};
use super::quote::{
    PaymentAvailability, Quote, QuoteLine, RateTotal, ShippingQuote, ShippingStatus,
    UnavailableReason,
};
use crate::{Product, TaxRate, Yen, YenError};

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
            name_en: item.product.name_en.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::*;
    use crate::{ProductName, Sku};

    fn item(sku: &str, price: i64, rate: u8, qty: i64) -> PricedItem {
        PricedItem {
            product: Product {
                sku: Sku::parse(sku).expect("sku"),
                name: ProductName::parse(sku).expect("name"),
                name_en: None,
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
            name_en: None,
            notes_en: None,
            logo_alt_en: None,
            card_notice_en: None,
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
            name_en: None,
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

    /// The guide hides what is not offered; what the shopper can change
    /// (the total, the 別途連絡 amount) stays on the page with its reason.
    #[test]
    fn only_the_reasons_a_shopper_can_act_on_keep_a_method_on_the_page() {
        let shown: Vec<_> = UnavailableReason::ALL
            .iter()
            .filter(|r| !r.hides_method())
            .collect();
        assert_eq!(
            shown,
            [
                &UnavailableReason::Undetermined,
                &UnavailableReason::OverLimit
            ]
        );
    }
}
