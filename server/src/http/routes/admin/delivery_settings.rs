//! 宅配便基本設定: each delivery method's shipping fees and the payment
//! methods it accepts (対応可能な支払方法).

use super::invalid;
use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;
use crate::store::shop_settings;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::admin::{DeliverySettings, Fee};

/// `GET /api/admin/settings/delivery`: each delivery method.
pub async fn get_delivery(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<DeliverySettings>>, ApiError> {
    let methods = shop_settings::delivery_methods(&state.pool).await?;
    let mut out = Vec::new();
    for (code, name, _lead_days, free_shipping_from) in methods {
        let accepts = shop_settings::accepted_payments(&state.pool, &code).await?;
        let fees = shop_settings::fees_of(&state.pool, &code).await?;
        let fees = fees
            .into_iter()
            .map(|(p, fee)| Fee {
                prefecture: u8::try_from(p).unwrap_or(0),
                fee,
            })
            .collect();
        out.push(DeliverySettings {
            code,
            name,
            free_shipping_from,
            accepts,
            fees,
        });
    }
    Ok(Json(out))
}

/// `PUT /api/admin/settings/delivery/{code}`.
pub async fn put_delivery(
    State(state): State<Services>,
    _user: AdminUser,
    crate::http::error::ApiPath(code): crate::http::error::ApiPath<String>,
    ApiJson(s): ApiJson<DeliverySettings>,
) -> Result<StatusCode, ApiError> {
    if s.free_shipping_from
        .is_some_and(|v| !(0..=10_000_000).contains(&v))
    {
        return Err(invalid(crate::messages::free_shipping_range()));
    }
    if let Some(bad) = s
        .accepts
        .iter()
        .find(|a| zerostep_domain::checkout::PaymentMethodCode::from_wire(a).is_none())
    {
        return Err(invalid(crate::messages::no_payment_method(bad)));
    }
    if let Some(bad) = s.fees.iter().find(|f| {
        !(1..=47).contains(&f.prefecture) || f.fee.is_some_and(|v| !(0..=1_000_000).contains(&v))
    }) {
        return Err(invalid(crate::messages::invalid_fee(bad.prefecture)));
    }
    let fees: Vec<(i64, Option<i64>)> = s
        .fees
        .iter()
        .map(|f| (i64::from(f.prefecture), f.fee))
        .collect();
    if !shop_settings::update_delivery_method(
        &state.pool,
        &code,
        s.free_shipping_from,
        &s.accepts,
        &fees,
    )
    .await?
    {
        return Err(ApiError::refused(
            zerostep_domain::api::ErrorCode::NotFound,
            crate::messages::no_such_delivery_method(),
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}
