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
    let rows = crate::store::csp_reports::list(&state.pool).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| CspReport {
                page: r.page,
                directive: r.directive,
                blocked: r.blocked,
                source: r.source,
                sample: r.sample,
                user_agent: r.user_agent,
                count: r.count,
                first_at: r.first_at,
                last_at: r.last_at,
            })
            .collect(),
    ))
}
