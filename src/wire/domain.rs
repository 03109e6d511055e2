//! The readers of the domain's types the page is sent, field for field as
//! their serde derives read them (the wasm tests in `tests/wire.rs` read
//! what serde wrote for each).

use zerostep_domain::api::proof::ProofChallenge;
use zerostep_domain::api::Text;
use zerostep_domain::checkout::{
    CartType, CheckoutConfig, DeliveryDate, DeliveryMethodInfo, PaymentAvailability,
    PaymentMethodCode, PaymentMethodInfo, PostalCandidate, PostalLookup, Quantity, Quote,
    QuoteLine, RateTotal, ShippingQuote, ShippingStatus, TimeSlot, TokenConfig, UnavailableReason,
};
use zerostep_domain::order::{OrderOutcome, OrderPlaced};
use zerostep_domain::{ApiErrorBody, Email, Prefecture, Product, ProductName, Sku, TaxRate, Yen};

use super::{fields, FromJson, Json, Unreadable};

/// Types read from a plain value and checked by their own `TryFrom`.
macro_rules! checked {
    ($($t:ty: $raw:ty),* $(,)?) => {$(
        impl FromJson for $t {
            fn from_json(json: &Json) -> Result<Self, Unreadable> {
                <$t>::try_from(<$raw>::from_json(json)?).map_err(|_| Unreadable::here())
            }
        }
    )*};
}
checked!(
    Sku: String,
    ProductName: String,
    Email: String,
    Yen: i64,
    Quantity: i64,
    TaxRate: u8,
    Prefecture: u8,
);

/// Enums written as one of their names (`wire_enum!`).
macro_rules! named {
    ($($t:ty),* $(,)?) => {$(
        impl FromJson for $t {
            fn from_json(json: &Json) -> Result<Self, Unreadable> {
                <$t>::from_wire(&String::from_json(json)?).ok_or(Unreadable::here())
            }
        }
    )*};
}
named!(
    PaymentMethodCode,
    TimeSlot,
    CartType,
    ShippingStatus,
    UnavailableReason,
    OrderOutcome,
);

fields!(Text { ja, en });
fields!(Product {
    sku,
    name,
    name_en,
    price,
    tax_rate
});
fields!(PostalLookup {
    postal_code,
    candidates
});
fields!(PostalCandidate {
    prefecture,
    city,
    town
});
fields!(ProofChallenge {
    algorithm,
    challenge,
    max_number: "maxnumber",
    salt,
    signature
});
fields!(CheckoutConfig {
    payment_methods,
    delivery_methods,
    card_limit,
    token,
    cart_type = CartType::default(),
    session = String::new(),
});
fields!(PaymentMethodInfo {
    code,
    name,
    notes,
    name_en,
    notes_en,
    logo_alt_en,
    card_notice_en,
    logo_url,
    logo_alt,
    card_notice,
    enabled,
    min_amount,
    max_amount,
    on_pc = true,
    on_smartphone = true,
});
fields!(TokenConfig {
    js_url,
    trader_code,
    auth_div,
    check_sum,
    allow_dummy_cards,
    pay_ways
});
fields!(DeliveryMethodInfo {
    code,
    name,
    name_en,
    accepts,
    dates,
    time_slots
});
fields!(DeliveryDate { date, weekday });
fields!(Quote {
    lines,
    rates,
    shipping,
    total,
    determined,
    payment_methods,
    delivery_method
});
fields!(QuoteLine {
    sku,
    name,
    name_en,
    unit_price,
    quantity,
    amount,
    tax_rate
});
fields!(RateTotal { rate, amount, tax });
fields!(ShippingQuote { status, fee });
fields!(PaymentAvailability {
    code,
    selectable,
    reason
});
fields!(OrderPlaced {
    order_number,
    outcome,
    payment_method,
    total,
    email,
    authentication_url
});

/// An error's body, its code read as a plain name.
impl FromJson for ApiErrorBody<String> {
    fn from_json(json: &Json) -> Result<Self, Unreadable> {
        Ok(ApiErrorBody {
            code: json.field("code")?,
            message: json.field("message")?,
        })
    }
}
