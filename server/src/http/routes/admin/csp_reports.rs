//! 改ざん検知: `GET /api/admin/csp-reports`, the CSP violations browsers
//! reported of our pages, the latest first.

use axum::extract::State;
use axum::Json;
use zerostep_domain::api::csp::CspReport;

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::services::Services;

/// The kept violations.
pub async fn list(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<CspReport>>, ApiError> {
    Ok(Json(crate::store::csp_reports::list(&state.pool).await?))
}
