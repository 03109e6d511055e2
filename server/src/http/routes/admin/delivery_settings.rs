//! 宅配便基本設定 (基本設定 ＞ 宅配便・送料計算): each delivery method's name,
//! lead days, shipping fees and the payment methods it accepts (対応可能な
//! 支払方法); a method can be added.

use super::{english_text, invalid};
use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;
use crate::store::delivery_methods::{self, DeliveryUpdate};
use crate::store::shop_settings::{self, DeliveryMethodRow};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::admin::{delivery_name_problem, DeliverySettings, Fee, NAME_MAX};

/// Longest lead time, in days.
const MAX_LEAD_DAYS: i64 = 30;

/// `GET /api/admin/settings/delivery`: each delivery method.
pub async fn get_delivery(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<DeliverySettings>>, ApiError> {
    let methods = shop_settings::delivery_methods(&state.pool).await?;
    let mut out = Vec::new();
    for m in methods {
        let accepts = delivery_methods::accepted_payments(&state.pool, &m.code).await?;
        let fees = delivery_methods::fees_of(&state.pool, &m.code).await?;
        let fees = fees
            .into_iter()
            .map(|(p, fee)| Fee {
                prefecture: u8::try_from(p).unwrap_or(0),
                fee,
            })
            .collect();
        out.push(DeliverySettings {
            code: m.code,
            name: m.name,
            name_en: Some(m.name_en.unwrap_or_default()),
            lead_days: Some(m.lead_days),
            free_shipping_from: m.free_shipping_from,
            accepts,
            fees,
        });
    }
    Ok(Json(out))
}

/// A delivery method's settings as checked: its trimmed names, lead days and
/// fees (prefecture code, fee).
struct Checked {
    name: String,
    name_en: Option<String>,
    lead_days: i64,
    fees: Vec<(i64, Option<i64>)>,
}

impl Checked {
    /// The rows to store, with what `s` gives as it is.
    fn update<'a>(&'a self, s: &'a DeliverySettings) -> DeliveryUpdate<'a> {
        DeliveryUpdate {
            name: &self.name,
            name_en: self.name_en.as_deref(),
            lead_days: self.lead_days,
            free_shipping_from: s.free_shipping_from,
            accepts: &s.accepts,
            fees: &self.fees,
        }
    }
}

/// What a delivery method's settings break, if anything, as the rows to
/// store; a name, English name or lead days left out are `current`'s (an
/// edit), or a new method's (no name, none in English, 2 days).
fn checked(s: &DeliverySettings, current: Option<&DeliveryMethodRow>) -> Result<Checked, ApiError> {
    let name = match (s.name.trim(), current) {
        ("", Some(current)) => current.name.as_str(),
        (name, _) => name,
    };
    if let Some(problem) = delivery_name_problem(name) {
        return Err(invalid(problem));
    }
    let name_en = match &s.name_en {
        Some(given) => english_text(
            given,
            (
                "配送方法の名称（英語）",
                "The delivery method's English name",
            ),
            NAME_MAX,
            true,
        )?,
        None => current.and_then(|c| c.name_en.clone()),
    };
    let lead_days = s.lead_days.or(current.map(|c| c.lead_days)).unwrap_or(2);
    if !(0..=MAX_LEAD_DAYS).contains(&lead_days) {
        return Err(invalid(crate::messages::lead_days_range(MAX_LEAD_DAYS)));
    }
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
    let fees = s
        .fees
        .iter()
        .map(|f| (i64::from(f.prefecture), f.fee))
        .collect();
    Ok(Checked {
        name: name.to_owned(),
        name_en,
        lead_days,
        fees,
    })
}

/// `PUT /api/admin/settings/delivery/{code}` (a name or lead days left out
/// stay as they are).
pub async fn put_delivery(
    State(state): State<Services>,
    _user: AdminUser,
    crate::http::error::ApiPath(code): crate::http::error::ApiPath<String>,
    ApiJson(s): ApiJson<DeliverySettings>,
) -> Result<StatusCode, ApiError> {
    let methods = shop_settings::delivery_methods(&state.pool).await?;
    let current = methods.iter().find(|m| m.code == code);
    let checked = checked(&s, current)?;
    if !delivery_methods::update_delivery_method(&state.pool, &code, &checked.update(&s)).await? {
        return Err(ApiError::refused(
            zerostep_domain::api::ErrorCode::NotFound,
            crate::messages::no_such_delivery_method(),
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/admin/settings/delivery`: adds a delivery method (its fees
/// left 別途連絡 where none is given); answers it with its new code.
pub async fn post_delivery(
    State(state): State<Services>,
    _user: AdminUser,
    ApiJson(s): ApiJson<DeliverySettings>,
) -> Result<(StatusCode, Json<DeliverySettings>), ApiError> {
    let mut checked = checked(&s, None)?;
    for p in 1..=47 {
        if !checked.fees.iter().any(|(q, _)| *q == p) {
            checked.fees.push((p, None));
        }
    }
    let code = delivery_methods::add_delivery_method(&state.pool, &checked.update(&s)).await?;
    Ok((
        StatusCode::CREATED,
        Json(DeliverySettings {
            code,
            name: checked.name,
            name_en: Some(checked.name_en.unwrap_or_default()),
            lead_days: Some(checked.lead_days),
            ..s
        }),
    ))
}

/// `DELETE /api/admin/settings/delivery/{code}`: removes a delivery method
/// (not the shop's last one).
pub async fn delete_delivery(
    State(state): State<Services>,
    _user: AdminUser,
    crate::http::error::ApiPath(code): crate::http::error::ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    match delivery_methods::delete_delivery_method(&state.pool, &code).await? {
        delivery_methods::Deleted::Yes => Ok(StatusCode::NO_CONTENT),
        delivery_methods::Deleted::NotFound => Err(ApiError::refused(
            zerostep_domain::api::ErrorCode::NotFound,
            crate::messages::no_such_delivery_method(),
        )),
        delivery_methods::Deleted::LastOne => Err(ApiError::refused(
            zerostep_domain::api::ErrorCode::NotAllowedInThisState,
            crate::messages::last_delivery_method(),
        )),
    }
}
