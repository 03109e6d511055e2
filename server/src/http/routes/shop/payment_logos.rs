//! `GET /api/payment-logos/{code}`: a payment method's logo as uploaded in
//! the admin, for the purchase page.

use crate::error::ApiError;
use crate::services::Services;
use axum::extract::State;

/// `GET /api/payment-logos/{code}`: an uploaded logo, for the shopper pages.
pub async fn get_logo(
    State(state): State<Services>,
    crate::http::error::ApiPath(code): crate::http::error::ApiPath<String>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let row = crate::store::shop_settings::payment_logo(&state.pool, &code).await?;
    let (content_type, bytes) = row.ok_or(ApiError::refused(
        zerostep_domain::api::ErrorCode::NotFound,
        crate::messages::no_logo(),
    ))?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, content_type),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=86400".to_owned(),
            ),
            (
                axum::http::header::X_CONTENT_TYPE_OPTIONS,
                "nosniff".to_owned(),
            ),
        ],
        bytes,
    )
        .into_response())
}
