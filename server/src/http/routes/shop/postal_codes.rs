//! `GET /api/postal-codes/{code}`: 郵便番号 → 都道府県・市区町村・町域.

use axum::extract::State;

use crate::http::error::ApiPath;
use axum::Json;

use zerostep_domain::checkout::PostalLookup;
use zerostep_domain::PostalCode;

use crate::error::ApiError;
use crate::postal;

/// The places a postal code covers; 404 when Japan Post's data has none.
pub async fn lookup(
    State(pool): State<crate::store::Pool>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<PostalLookup>, ApiError> {
    let code = PostalCode::parse(&code).map_err(|_| ApiError::BadRequest {
        code: "invalid_postal_code",
        message: "郵便番号は7桁の数字で入力してください（例: 123-4567）。/ A postal code has 7 digits, like 123-4567.".to_owned(),
    })?;
    let found = postal::lookup(&pool, &code).await?;
    if found.candidates.is_empty() {
        return Err(ApiError::NotFoundWithCode {
            code: "postal_code_not_found",
            message: format!(
                "郵便番号 {code} の住所が見つかりませんでした。住所を直接入力してください。/ No address was found for {code}; please type it in."
            ),
        });
    }
    Ok(Json(found))
}
