//! 基本設定: the shop-wide choices. カートタイプ (the guide's §4): ゼロステップカート
//! or 3ステップカート, for the shop and the widget alike; the shop's name and
//! the texts of its mails; when the 配送通知メール goes out.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::admin::{shop_name_problem, BasicSettings};

use super::invalid;
use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;
use crate::store::shop_profile::{self, ProfileRow};

/// Longest メール署名.
const SIGNATURE_MAX: usize = 500;
/// Longest opening of a mail.
const MESSAGE_MAX: usize = 1000;

/// `GET /api/admin/settings/basic`.
pub async fn get_basic(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<BasicSettings>, ApiError> {
    let shop = state.shop().await?;
    let p = shop.profile();
    Ok(Json(BasicSettings {
        cart_type: p.cart_type,
        shop_name: p.shop_name.clone(),
        mail_signature: p.mail_signature.clone(),
        thanks_message: p.thanks_message.clone(),
        shipping_message: p.shipping_message.clone(),
        shipping_notice: p.shipping_notice,
    }))
}

/// `PUT /api/admin/settings/basic` (the 「設定する」 step). An unknown カートタイプ
/// or notice mode is refused by the body's reader with the names it accepts;
/// each text by its rule, named.
pub async fn put_basic(
    State(state): State<Services>,
    _user: AdminUser,
    ApiJson(s): ApiJson<BasicSettings>,
) -> Result<StatusCode, ApiError> {
    if let Some(problem) = shop_name_problem(&s.shop_name) {
        return Err(invalid(problem));
    }
    let shop_name = s.shop_name.trim();
    let texts = [
        (
            "メール署名",
            "The mail signature",
            &s.mail_signature,
            SIGNATURE_MAX,
        ),
        (
            "サンクスメールの冒頭文",
            "The thank-you mail's opening",
            &s.thanks_message,
            MESSAGE_MAX,
        ),
        (
            "配送通知メールの冒頭文",
            "The shipping notice's opening",
            &s.shipping_message,
            MESSAGE_MAX,
        ),
    ];
    for (ja, en, text, max) in texts {
        if text.chars().count() > max {
            return Err(invalid(crate::messages::mail_text_length(ja, en, max)));
        }
    }
    let row = ProfileRow {
        cart_type: s.cart_type.as_str().to_owned(),
        shop_name: shop_name.to_owned(),
        mail_signature: s.mail_signature.trim().to_owned(),
        thanks_message: s.thanks_message.trim().to_owned(),
        shipping_message: s.shipping_message.trim().to_owned(),
        shipping_notice: s.shipping_notice.as_str().to_owned(),
    };
    shop_profile::save_profile(&state.pool, &row).await?;
    Ok(StatusCode::NO_CONTENT)
}
