//! The server's prices for a cart (client prices are never used): for a
//! quote, and again when an order is placed.

use zerostep_domain::checkout::{self, PricedItem, Quantity, Quote, QuoteRequest, MAX_LINES};
use zerostep_webcollect::DeviceDiv;

use crate::error::ApiError;
use crate::shop::{self, Shop};

/// Prices a request against the catalogue and settings in `shop` (also used
/// when an order is placed); `user_agent` decides the 対応種別 (PC or smartphone).
pub fn price_request(shop: &Shop, req: &QuoteRequest, user_agent: &str) -> Result<Quote, ApiError> {
    let smartphone = (!user_agent.is_empty())
        .then(|| DeviceDiv::from_user_agent(user_agent) == DeviceDiv::Smartphone);
    if req.lines.is_empty() {
        return Err(ApiError::BadRequest {
            code: "empty_cart",
            message: "カートに商品がありません。/ The cart is empty.".to_owned(),
        });
    }
    if req.lines.len() > MAX_LINES {
        return Err(ApiError::BadRequest {
            code: "too_many_lines",
            message: format!(
                "カートの商品は{MAX_LINES}種類までです。/ A cart holds at most {MAX_LINES} lines."
            ),
        });
    }
    let delivery_methods = shop.delivery_methods(shop::today_jst());
    let delivery = match &req.delivery_method {
        Some(code) => Some(
            delivery_methods
                .iter()
                .find(|d| &d.code == code)
                .ok_or_else(|| ApiError::Unprocessable {
                    code: "unknown_delivery_method",
                    message: format!(
                        "配送方法「{code}」はありません。/ There is no delivery method {code:?}."
                    ),
                })?,
        ),
        None => delivery_methods.first(),
    };

    let mut items: Vec<PricedItem> = Vec::with_capacity(req.lines.len());
    for line in &req.lines {
        if let Some(existing) = items.iter_mut().find(|i| i.product.sku == line.sku) {
            // The same SKU twice: one line with the sum, within the limit.
            let sum = i64::from(existing.quantity.get()) + i64::from(line.quantity.get());
            existing.quantity = Quantity::new(sum).map_err(|e| ApiError::BadRequest {
                code: "invalid_quantity",
                message: format!(
                    "{}の数量が多すぎます。/ Too many of {}: {e}",
                    line.sku, line.sku
                ),
            })?;
            continue;
        }
        let (product, separate_shipping) =
            shop.product_for_pricing(&line.sku)?
                .ok_or_else(|| ApiError::Unprocessable {
                    code: "unknown_sku",
                    message: format!(
                        "商品 {} は現在お取り扱いがありません。/ Product {} is not on sale.",
                        line.sku, line.sku
                    ),
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
    let mut quote = checkout::price(&items, rule).map_err(|e| ApiError::BadRequest {
        code: "amount_too_large",
        message: format!("合計金額が大きすぎます。/ The total is too large: {e}"),
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
