//! JSON schemas (`utoipa`) for what the API writes by hand rather than
//! through serde's derive: a wire enum is one of its names, an error code
//! one of the catalogue's, a tax rate a number of percent. The derived
//! types get theirs from `#[derive(utoipa::ToSchema)]` (the `openapi`
//! feature, which only the server turns on).

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// A string that is one of `names`, described by `description`.
pub fn names(names: &[&str], description: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(names.iter().copied()))
        .description(Some(description))
        .into()
}

impl utoipa::PartialSchema for crate::api::ErrorCode {
    fn schema() -> RefOr<Schema> {
        let all: Vec<&str> = Self::ALL.iter().map(|c| c.as_str()).collect();
        names(
            &all,
            "The error's stable code; a newer server may answer others, which a client treats alike.",
        )
    }
}

impl utoipa::ToSchema for crate::api::ErrorCode {
    // `ApiErrorBody<C>` names it through its parameter, which registers
    // nothing of its own: the code registers itself.
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((
            <Self as utoipa::ToSchema>::name().into_owned(),
            <Self as utoipa::PartialSchema>::schema(),
        ));
    }
}

impl utoipa::PartialSchema for crate::TaxRate {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .enum_values(Some([10, 8]))
            .description(Some("消費税率 in percent: 10 (標準税率) or 8 (軽減税率)."))
            .into()
    }
}

impl utoipa::ToSchema for crate::TaxRate {}
