//! `GET /api/checkout/config` and `POST /api/quotes`: what the purchase page
//! offers, and the server's prices for a cart (client prices are never used).

use axum::extract::State;
use axum::Json;

use zerostep_domain::checkout::{
    self, CheckoutConfig, PricedItem, Quantity, Quote, QuoteRequest, MAX_LINES,
};

use crate::error::ApiJson;
use crate::{catalogue, shop_settings, ApiError};

/// The purchase page's payment and delivery choices.
pub async fn config(
    State(state): State<crate::AppState>,
) -> Result<Json<CheckoutConfig>, ApiError> {
    Ok(Json(
        shop_settings::checkout_config(&state.pool, &state.gateway).await?,
    ))
}

/// Prices a cart for an address; see [`zerostep_domain::checkout::price`].
pub async fn quote(
    State(pool): State<crate::db::Pool>,
    headers: axum::http::HeaderMap,
    ApiJson(req): ApiJson<QuoteRequest>,
) -> Result<Json<Quote>, ApiError> {
    let ua = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    Ok(Json(price_request(&pool, &req, ua).await?))
}

/// Prices a request against the catalogue and settings (also used when an
/// order is placed); `user_agent` decides the 対応種別 (PC or smartphone).
pub async fn price_request(
    pool: &crate::db::Pool,
    req: &QuoteRequest,
    user_agent: &str,
) -> Result<Quote, ApiError> {
    let smartphone = (!user_agent.is_empty()).then(|| {
        crate::orders::device_div(user_agent) == zerostep_webcollect::DeviceDiv::Smartphone
    });
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
    let config = CheckoutConfig {
        payment_methods: shop_settings::payment_methods(pool).await?,
        delivery_methods: shop_settings::delivery_methods(pool, shop_settings::today_jst()).await?,
        card_limit: zerostep_domain::Yen::new(
            i64::try_from(checkout::CARD_LIMIT).unwrap_or(i64::MAX),
        )
        .map_err(ApiError::internal)?,
        token: Default::default(),
    };
    let delivery = match &req.delivery_method {
        Some(code) => Some(
            config
                .delivery_methods
                .iter()
                .find(|d| &d.code == code)
                .ok_or_else(|| ApiError::Unprocessable {
                    code: "unknown_delivery_method",
                    message: format!(
                        "配送方法「{code}」はありません。/ There is no delivery method {code:?}."
                    ),
                })?,
        ),
        None => config.delivery_methods.first(),
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
        let (product, separate_shipping) = catalogue::find_for_pricing(pool, &line.sku)
            .await?
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
        Some(d) => shop_settings::shipping_rule(pool, &d.code, req.prefecture).await?,
        None => checkout::ShippingRule::Separate,
    };
    let mut quote = checkout::price(&items, rule).map_err(|e| ApiError::BadRequest {
        code: "amount_too_large",
        message: format!("合計金額が大きすぎます。/ The total is too large: {e}"),
    })?;
    quote.payment_methods = config
        .payment_methods
        .iter()
        .map(|m| checkout::availability_on(m, delivery, &quote, config.card_limit, smartphone))
        .collect();
    Ok(quote)
}
