//! The admin users: `GET /api/admin/users`, `POST /api/admin/users`,
//! `POST /api/admin/users/{login}/remove`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::account::{NewUser, Reauthentication, UserRow};

use crate::auth::{account, AdminUser};
use crate::error::ApiError;
use crate::http::error::ApiJson;
use crate::services::Services;

/// Every admin.
pub async fn list(
    State(state): State<Services>,
    user: AdminUser,
) -> Result<Json<Vec<UserRow>>, ApiError> {
    Ok(Json(account::users(&state.pool, &user).await?))
}

/// Adds an admin (the password asked again).
pub async fn add(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<NewUser>,
) -> Result<StatusCode, ApiError> {
    account::add_user(&state.pool, &user, &req).await?;
    Ok(StatusCode::CREATED)
}

/// Removes another admin (the password asked again).
pub async fn remove(
    State(state): State<Services>,
    user: AdminUser,
    Path(login): Path<String>,
    ApiJson(req): ApiJson<Reauthentication>,
) -> Result<StatusCode, ApiError> {
    account::remove_user(&state.pool, &user, &login, &req.current_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
