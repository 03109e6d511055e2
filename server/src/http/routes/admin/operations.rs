//! The payment operations on an order (`POST /api/admin/orders/{number}/…`):
//! 問い合わせ番号 (E01) and its withdrawal (E02), 再与信 (A11),
//! 取消を取り消して再与信 (A11 after A06), 取消 (A06), 金額変更 (A07) and the
//! status sync (E04), each a thin handler over `payments`.

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::http::error::ApiPath;
use crate::payments;
use crate::services::Services;
use axum::extract::State;
use axum::http::StatusCode;
use zerostep_domain::api::admin::{AmountRequest, SlipRequest};

/// 問い合わせ番号を登録 (E01).
pub async fn shipment(
    State(state): State<Services>,
    user: AdminUser,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<SlipRequest>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::register_slip(&state, &order, &req.slip_no, &user.login).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 出荷情報取消 (E02): withdraws the registered slip.
pub async fn withdraw_slip(
    State(state): State<Services>,
    user: AdminUser,
    ApiPath(number): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::withdraw_slip(&state, &order, &user.login).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 「配送通知メールを送信」: the 配送通知メール for the registered slip.
pub async fn shipping_notice(
    State(state): State<Services>,
    _user: AdminUser,
    ApiPath(number): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::send_shipping_notice(&state, &order).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 再与信 (A11).
pub async fn reauth(
    State(state): State<Services>,
    user: AdminUser,
    ApiPath(number): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::reauthorize(&state, &order, &user.login).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 取消を取り消して再与信 (A11 on a cancelled order).
pub async fn undo_cancel(
    State(state): State<Services>,
    user: AdminUser,
    ApiPath(number): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::undo_cancel(&state, &order, &user.login).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 取消 (A06).
pub async fn cancel(
    State(state): State<Services>,
    user: AdminUser,
    ApiPath(number): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::cancel(&state, &order, &user.login).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 金額変更 (A07).
pub async fn amount(
    State(state): State<Services>,
    user: AdminUser,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<AmountRequest>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::change_amount(
        &state,
        &order,
        req.new_price,
        req.confirm_increase,
        &user.login,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// 状態を更新 (E04).
pub async fn sync(
    State(state): State<Services>,
    user: AdminUser,
    ApiPath(number): ApiPath<String>,
) -> Result<StatusCode, ApiError> {
    let order = payments::find(&state.pool, &number).await?;
    payments::sync(&state, &order, &user.login).await?;
    Ok(StatusCode::NO_CONTENT)
}
