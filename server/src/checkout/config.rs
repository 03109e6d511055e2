//! What the purchase page offers: the shop's payment and delivery methods,
//! the card limit, and the token settings for Yamato's JavaScript. It joins
//! the shop's settings with the gateway, so that neither knows the other.

use zerostep_domain::checkout::CheckoutConfig;

use crate::error::ApiError;
use crate::gateway::Gateway;
use crate::shop::{card_limit, today_jst, Shop};

/// Everything the purchase page offers, with the token settings for card
/// payment and the shopper's `session`.
pub fn checkout_config(
    shop: &Shop,
    gateway: &Gateway,
    session: String,
) -> Result<CheckoutConfig, ApiError> {
    Ok(CheckoutConfig {
        payment_methods: shop.payment_methods().to_vec(),
        delivery_methods: shop.delivery_methods(today_jst()),
        card_limit: card_limit()?,
        token: gateway.token_config(
            shop.card_pay_ways().to_vec(),
            shop.saved_access_key(),
            gateway.trader_code(shop.saved_trader_code()),
            shop.three_d_auth_div(),
        ),
        cart_type: shop.cart_type(),
        session,
    })
}
