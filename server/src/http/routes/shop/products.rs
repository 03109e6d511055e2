//! `GET /api/products`: the catalogue the shop page lists.

use axum::extract::State;
use axum::Json;

use zerostep_domain::Product;

use crate::error::ApiError;

/// The products on sale, tax-included prices, in catalogue order.
pub async fn list(
    State(state): State<crate::services::Services>,
) -> Result<Json<Vec<Product>>, ApiError> {
    Ok(Json(state.shop().await?.products()?))
}
