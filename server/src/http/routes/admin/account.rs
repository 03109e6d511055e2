//! The admin's own account: `GET /api/admin/account`, its password, its
//! sessions and its TOTP second factor (`/api/admin/account/...`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::account::{
    AccountView, PasswordChange, Reauthentication, RecoveryCodes, SessionRow, SessionsEnded,
    TotpConfirm, TotpSetup,
};

use crate::auth::{account, AdminUser, AnyAdmin};
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;

/// The account: login, TOTP on, recovery codes left.
pub async fn view(
    State(state): State<Services>,
    AnyAdmin(user): AnyAdmin,
) -> Result<Json<AccountView>, ApiError> {
    Ok(Json(account::view(&state.pool, &user).await?))
}

/// Changes the password (the current one asked again); other sessions end.
/// Open to an admin who must choose their own.
pub async fn change_password(
    State(state): State<Services>,
    AnyAdmin(user): AnyAdmin,
    ApiJson(req): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    account::change_password(
        &state.pool,
        &user,
        &req.current_password,
        &req.new_password,
        &state.config.first_password_file,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The admin's live sessions.
pub async fn sessions(
    State(state): State<Services>,
    user: AdminUser,
) -> Result<Json<Vec<SessionRow>>, ApiError> {
    Ok(Json(account::sessions(&state.pool, &user).await?))
}

/// Ends one of them.
pub async fn end_session(
    State(state): State<Services>,
    user: AdminUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    account::end_session(&state.pool, &user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends all of them but this one.
pub async fn end_others(
    State(state): State<Services>,
    user: AdminUser,
) -> Result<Json<SessionsEnded>, ApiError> {
    let ended = account::end_others(&state.pool, &user).await?;
    Ok(Json(SessionsEnded { ended }))
}

/// Starts the TOTP setup (the password asked again).
pub async fn totp_setup(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<Reauthentication>,
) -> Result<Json<TotpSetup>, ApiError> {
    Ok(Json(
        account::totp_setup(&state.pool, &state.sealer, &user, &req.current_password).await?,
    ))
}

/// Confirms it with a code from the app; the recovery codes, shown once.
pub async fn totp_confirm(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<TotpConfirm>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(
        account::totp_confirm(&state.pool, &state.sealer, &user, &req.code).await?,
    ))
}

/// Turns TOTP off (the password asked again).
pub async fn totp_disable(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<Reauthentication>,
) -> Result<StatusCode, ApiError> {
    account::totp_disable(&state.pool, &user, &req.current_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// New recovery codes (the password asked again).
pub async fn recovery_codes(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<Reauthentication>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    Ok(Json(
        account::renew_recovery_codes(&state.pool, &user, &req.current_password).await?,
    ))
}
