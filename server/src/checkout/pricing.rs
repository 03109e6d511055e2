//! The server's prices for a cart (client prices are never used): for a
//! quote, and again when an order is placed.

use zerostep_domain::checkout::{self, PricedItem, Quantity, Quote, QuoteRequest, MAX_LINES};
use zerostep_webcollect::DeviceDiv;

use zerostep_domain::api::ErrorCode;

use crate::error::ApiError;
use crate::messages;
use crate::shop::{self, Shop};

/// Prices a request against the catalogue and settings in `shop` (also used
/// when an order is placed); `user_agent` decides the 対応種別 (PC or smartphone).
pub fn price_request(shop: &Shop, req: &QuoteRequest, user_agent: &str) -> Result<Quote, ApiError> {
    let smartphone = (!user_agent.is_empty())
        .then(|| DeviceDiv::from_user_agent(user_agent) == DeviceDiv::Smartphone);
    if req.lines.is_empty() {
        return Err(ApiError::refused(
            ErrorCode::EmptyCart,
            messages::empty_cart(),
        ));
    }
    if req.lines.len() > MAX_LINES {
        return Err(ApiError::refused(
            ErrorCode::TooManyLines,
            messages::too_many_lines(MAX_LINES),
        ));
    }
    let delivery_methods = shop.delivery_methods(shop::today_jst());
    let delivery = match &req.delivery_method {
        Some(code) => Some(
            delivery_methods
                .iter()
                .find(|d| &d.code == code)
                .ok_or_else(|| {
                    ApiError::refused(
                        ErrorCode::UnknownDeliveryMethod,
                        messages::unknown_delivery_method(code),
                    )
                })?,
        ),
        None => delivery_methods.first(),
    };

    let mut items: Vec<PricedItem> = Vec::with_capacity(req.lines.len());
    for line in &req.lines {
        if let Some(existing) = items.iter_mut().find(|i| i.product.sku == line.sku) {
            // The same SKU twice: one line with the sum, within the limit.
            let sum = i64::from(existing.quantity.get()) + i64::from(line.quantity.get());
            existing.quantity = Quantity::new(sum).map_err(|e| {
                ApiError::refused(
                    ErrorCode::InvalidQuantity,
                    messages::too_many_of(line.sku.as_ref(), &e.to_string()),
                )
            })?;
            continue;
        }
        let (product, separate_shipping) =
            shop.product_for_pricing(&line.sku)?.ok_or_else(|| {
                ApiError::refused(
                    ErrorCode::UnknownSku,
                    messages::not_on_sale(line.sku.as_ref()),
                )
            })?;
        items.push(PricedItem {
            product,
            quantity: line.quantity,
            separate_shipping,
        });
    }

    let rule = match delivery {
        Some(d) => shop.shipping_rule(&d.code, req.prefecture)?,
        None => checkout::ShippingRule::Separate,
    };
    let mut quote = checkout::price(&items, rule).map_err(|e| {
        ApiError::refused(
            ErrorCode::AmountTooLarge,
            messages::total_too_large(&e.to_string()),
        )
    })?;
    quote.delivery_method = delivery.map(|d| d.code.clone());
    let card_limit = shop::card_limit()?;
    quote.payment_methods = shop
        .payment_methods()
        .iter()
        .map(|m| checkout::availability_on(m, delivery, &quote, card_limit, smartphone))
        .collect();
    Ok(quote)
}
