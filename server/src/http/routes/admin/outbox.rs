//! `GET /api/admin/outbox`: the mails written, sent or waiting.

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::services::Services;
use crate::store::outbox;
use axum::extract::State;
use axum::Json;
use zerostep_domain::api::admin::OutboxMail;

/// `GET /api/admin/outbox`: the latest mails, sent or held.
pub async fn outbox(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<OutboxMail>>, ApiError> {
    Ok(Json(outbox::recent(&state.pool).await?))
}
