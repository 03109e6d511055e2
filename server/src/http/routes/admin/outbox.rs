//! `GET /api/admin/outbox`: the mails written, sent or waiting.

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::services::Services;
use axum::extract::State;
use axum::Json;
use serde::Serialize;

/// A message in the outbox.
#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct OutboxMail {
    id: i64,
    kind: String,
    recipient: String,
    subject: String,
    body: String,
    created_at: String,
    sent_at: Option<String>,
    attempts: i64,
    last_error: Option<String>,
}

/// `GET /api/admin/outbox`: the latest mails, sent or held.
pub async fn outbox(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<OutboxMail>>, ApiError> {
    Ok(Json(
        sqlx::query_as::<_, OutboxMail>(
            "SELECT id, kind, recipient, subject, body, created_at, sent_at, attempts, last_error FROM outbox ORDER BY id DESC LIMIT 200",
        )
        .fetch_all(&state.pool)
        .await?,
    ))
}
