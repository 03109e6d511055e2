//! 売上確定一括処理 (issue 23): `POST /api/admin/slips/preview` reads the
//! slip-number CSV (the body, as uploaded) and answers every row with what
//! will happen to it. Nothing is sent to the gateway here.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use zerostep_domain::api::slips::SlipPreview;
use zerostep_domain::api::ErrorCode;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::merchant::Carrier;
use zerostep_domain::slip_csv::{self, FileError};

use crate::auth::AdminUser;
use crate::bulk::slips;
use crate::error::ApiError;
use crate::http::error::ApiQuery;
use crate::services::Services;
use crate::store::shop_settings;

/// The preview's query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviewQuery {
    /// 配送サービス of the rows that do not say (`yamato` or `other`;
    /// absent: the card's setting).
    #[serde(default)]
    carrier: Option<Carrier>,
}

/// `POST /api/admin/slips/preview[?carrier=yamato|other]` with the CSV
/// file as the body.
pub async fn preview(
    State(state): State<Services>,
    _user: AdminUser,
    ApiQuery(query): ApiQuery<PreviewQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SlipPreview>, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            file_error(&FileError::TooLarge)
        } else {
            rejection.into()
        }
    })?;
    let setting =
        shop_settings::delivery_service(&state.pool, PaymentMethodCode::Card.as_str()).await?;
    let carrier = slips::file_carrier(query.carrier, setting.as_deref());
    let file = slip_csv::read(&body, carrier).map_err(|e| file_error(&e))?;
    Ok(Json(slips::preview(&state.pool, file).await?))
}

/// Why the file as a whole cannot be read, in words (400 `invalid_file`).
fn file_error(e: &FileError) -> ApiError {
    let message = match e {
        FileError::TooLarge => crate::messages::slip_file_too_large(),
        FileError::TooManyRows => crate::messages::slip_file_too_many_rows(slip_csv::MAX_ROWS),
        FileError::NotText => crate::messages::slip_file_not_text(),
        FileError::Empty => crate::messages::slip_file_empty(),
        FileError::Malformed { line } => crate::messages::slip_file_malformed(*line),
        FileError::MissingColumns => crate::messages::slip_file_missing_columns(),
    };
    ApiError::refused(ErrorCode::InvalidFile, message)
}
