//! The client of 売上確定一括処理 (`/api/admin/slips/...`), beside `api`:
//! the chosen file is sent as it is, for the preview and again to run.

use gloo_net::http::Request;
use zerostep_domain::api::admin::Started;
use zerostep_domain::api::slips::{SlipPreview, SlipRun};

use crate::api::{decode, get, network, ApiError};

/// The query naming the 配送サービス of the rows that do not say (none:
/// the card's setting).
fn carrier_query(carrier: &str) -> String {
    if carrier.is_empty() {
        String::new()
    } else {
        format!("?carrier={carrier}")
    }
}

/// Sends `file` to `path` as the body.
async fn send_file<T: serde::de::DeserializeOwned>(
    path: &str,
    csrf: &str,
    carrier: &str,
    file: &web_sys::File,
) -> Result<T, ApiError> {
    let response = Request::post(&format!(
        "/api/admin/slips/{path}{}",
        carrier_query(carrier)
    ))
    .header("X-CSRF-Token", csrf)
    .header("Content-Type", "text/csv")
    .body(wasm_bindgen::JsValue::from(file.clone()))
    .map_err(network)?
    .send()
    .await
    .map_err(network)?;
    decode(response).await
}

/// `POST /api/admin/slips/preview`: every row and what will happen to it.
pub async fn preview(
    csrf: &str,
    carrier: &str,
    file: &web_sys::File,
) -> Result<SlipPreview, ApiError> {
    send_file("preview", csrf, carrier, file).await
}

/// `POST /api/admin/slips/runs`: starts the run; the job's id.
pub async fn start(csrf: &str, carrier: &str, file: &web_sys::File) -> Result<Started, ApiError> {
    send_file("runs", csrf, carrier, file).await
}

/// `GET /api/admin/slips/runs/{id}`.
pub async fn run(id: i64) -> Result<SlipRun, ApiError> {
    get(&format!("/slips/runs/{id}")).await
}
