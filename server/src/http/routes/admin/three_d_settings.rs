//! 3Dセキュア (the card method's setting): whether card payments are
//! authenticated with EMV 3-D Secure, and whether the security code is asked
//! too (authDiv 3) or not (1).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::three_d::{ThreeDAuthDiv, ThreeDSecureSetting};

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;
use crate::store::three_d_sessions;

/// The setting as saved.
pub async fn current(state: &Services) -> Result<ThreeDSecureSetting, ApiError> {
    let (enabled, div) = three_d_sessions::stored_setting(&state.pool)
        .await?
        .unwrap_or((false, String::new()));
    Ok(ThreeDSecureSetting {
        enabled,
        auth_div: ThreeDAuthDiv::from_wire(&div).unwrap_or(ThreeDAuthDiv::WithSecurityCode),
    })
}

/// `GET /api/admin/settings/three-d-secure`.
pub async fn get_setting(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<ThreeDSecureSetting>, ApiError> {
    Ok(Json(current(&state).await?))
}

/// `PUT /api/admin/settings/three-d-secure`: an authDiv other than `3` or
/// `1` is refused by the body's reader with the values it accepts.
pub async fn put_setting(
    State(state): State<Services>,
    _user: AdminUser,
    ApiJson(setting): ApiJson<ThreeDSecureSetting>,
) -> Result<StatusCode, ApiError> {
    three_d_sessions::save_setting(&state.pool, setting.auth_div_when_on()).await?;
    Ok(StatusCode::NO_CONTENT)
}
