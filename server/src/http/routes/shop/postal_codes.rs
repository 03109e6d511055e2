//! `GET /api/postal-codes/{code}`: 郵便番号 → 都道府県・市区町村・町域.

use axum::extract::State;

use crate::http::error::ApiPath;
use axum::Json;

use zerostep_domain::checkout::PostalLookup;
use zerostep_domain::PostalCode;

use zerostep_domain::api::ErrorCode;

use crate::error::ApiError;
use crate::postal;

/// The places a postal code covers; 404 when Japan Post's data has none.
pub async fn lookup(
    State(pool): State<crate::store::Pool>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<PostalLookup>, ApiError> {
    let code = PostalCode::parse(&code).map_err(|_| {
        ApiError::refused(
            ErrorCode::InvalidPostalCode,
            crate::messages::invalid_postal_code(),
        )
    })?;
    let found = postal::lookup(&pool, &code).await?;
    if found.candidates.is_empty() {
        return Err(ApiError::refused(
            ErrorCode::PostalCodeNotFound,
            crate::messages::postal_code_not_found(&code.to_string()),
        ));
    }
    Ok(Json(found))
}
