//! 基本設定: the shop-wide choices. Today カートタイプ (the guide's §4):
//! ゼロステップカート or 3ステップカート, for the shop and the widget alike.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::admin::BasicSettings;

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;
use crate::store::shop_settings;

/// `GET /api/admin/settings/basic`.
pub async fn get_basic(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<BasicSettings>, ApiError> {
    let shop = state.shop().await?;
    Ok(Json(BasicSettings {
        cart_type: shop.cart_type(),
    }))
}

/// `PUT /api/admin/settings/basic` (the 「設定する」 step). An unknown カートタイプ
/// is refused by the body's reader with the names it accepts.
pub async fn put_basic(
    State(state): State<Services>,
    _user: AdminUser,
    ApiJson(s): ApiJson<BasicSettings>,
) -> Result<StatusCode, ApiError> {
    shop_settings::save_cart_type(&state.pool, s.cart_type.as_str()).await?;
    Ok(StatusCode::NO_CONTENT)
}
