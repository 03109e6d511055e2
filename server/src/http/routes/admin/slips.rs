//! 売上確定一括処理 (issue 23), for the admin's page and a merchant's own
//! script: `POST /api/admin/slips/preview` reads the slip-number CSV (the
//! body, as uploaded) and answers every row with what will happen to it,
//! sending nothing; `POST /api/admin/slips/runs` checks the same file again
//! and starts the run; `GET /api/admin/slips/runs/{id}` follows it, and
//! `…/result.csv` gives every row's outcome as a spreadsheet opens it.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::header;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use zerostep_domain::api::admin::Started;
use zerostep_domain::api::slips::{SlipPreview, SlipRun};
use zerostep_domain::api::ErrorCode;
use zerostep_domain::merchant::Carrier;
use zerostep_domain::slip_csv::{self, FileError};

use crate::auth::AdminUser;
use crate::bulk::slips;
use crate::error::ApiError;
use crate::http::error::{ApiPath, ApiQuery};
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
    Ok(Json(checked(&state, query, body).await?))
}

/// `POST /api/admin/slips/runs[?carrier=yamato|other]` with the CSV file:
/// checked as the preview does, then run (201 with the job's id). A file
/// with no row to send is refused.
pub async fn start(
    State(state): State<Services>,
    user: AdminUser,
    ApiQuery(query): ApiQuery<PreviewQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Started>), ApiError> {
    let preview = checked(&state, query, body).await?;
    if preview.to_send == 0 {
        return Err(ApiError::refused(
            ErrorCode::InvalidSelection,
            crate::messages::slip_nothing_to_send(),
        ));
    }
    let job_id = slips::start(&state, &user.login, &preview).await?;
    Ok((StatusCode::CREATED, Json(Started { job_id })))
}

/// `GET /api/admin/slips/runs/{id}`: the run's progress and every row.
pub async fn run(
    State(state): State<Services>,
    _user: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SlipRun>, ApiError> {
    Ok(Json(found(&state, id).await?))
}

/// `GET /api/admin/slips/runs/{id}/result.csv`: every row's outcome, in
/// UTF-8 with a byte-order mark (so that spreadsheet software reads the
/// Japanese).
pub async fn result_csv(
    State(state): State<Services>,
    _user: AdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let run = found(&state, id).await?;
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"slip-run-{id}.csv\""),
        ),
    ];
    Ok((headers, result_file(&run)).into_response())
}

/// The run, or 404.
async fn found(state: &Services, id: i64) -> Result<SlipRun, ApiError> {
    slips::run_of(&state.pool, id)
        .await?
        .ok_or_else(|| ApiError::refused(ErrorCode::NotFound, crate::messages::no_such_run()))
}

/// The result file: a header row, then every row of the run.
fn result_file(run: &SlipRun) -> String {
    let mut out = String::from(
        "\u{feff}行,注文番号（ファイル）,注文番号,問い合わせ番号,配送サービス,結果,理由,Reason\r\n",
    );
    for r in &run.rows {
        let line = r.line.to_string();
        let cells = [
            line.as_str(),
            &r.order,
            r.order_number.as_deref().unwrap_or_default(),
            r.slip.as_deref().unwrap_or_default(),
            r.carrier.map_or("", Carrier::label),
            r.status.label(),
            r.message.as_ref().map_or("", |m| m.ja.as_str()),
            r.message.as_ref().map_or("", |m| m.en.as_str()),
        ];
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One cell: quoted when it must be, and never read as a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The file of the body, read and checked against the orders.
async fn checked(
    state: &Services,
    query: PreviewQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<SlipPreview, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            file_error(&FileError::TooLarge)
        } else {
            rejection.into()
        }
    })?;
    let carrier = match query.carrier {
        Some(carrier) => carrier,
        None => shop_settings::card_carrier(&state.pool).await?,
    };
    let file = slip_csv::read(&body, carrier).map_err(|e| file_error(&e))?;
    slips::preview(&state.pool, file).await
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
