//! 郵便番号 → address candidates, as `GET /api/postal-codes/{code}` answers.

use serde::{Deserialize, Serialize};

use crate::Prefecture;

/// `GET /api/postal-codes/{code}`: the places one postal code covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostalLookup {
    /// The seven digits.
    pub postal_code: String,
    /// One or more places (several towns can share a code).
    pub candidates: Vec<PostalCandidate>,
}

/// One place a postal code covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostalCandidate {
    /// 都道府県.
    pub prefecture: Prefecture,
    /// 市区町村.
    pub city: String,
    /// 町域 (may be empty).
    pub town: String,
}
