//! EMV 3-D Secure's pages and answer, under `/api/3ds/<id>` (the id is the
//! session's opaque key, 32 alphanumerics):
//!
//! - `GET …/<id>/frame`: what the confirmation modal frames: a page of ours
//!   that holds the start page in a frame of its own and passes the return
//!   page's word up to the checkout. The issuer's pages load inside it, so a
//!   page that frames the checkout (ours, or a shop's with the widget) needs
//!   `frame-src` for our origin only;
//! - `GET …/<id>/start`: the page Yamato's A08 answered, served once it is
//!   asked for as a document (inside the frame page, or the whole window),
//!   with a policy that lets its form go to the issuer's origin only;
//! - `POST /api/3ds/return/<id>`: where the issuer's page posts the result,
//!   cross-site and without cookies or a CSRF token (the id is the
//!   credential); answered with a page that tells the checkout it is over;
//! - `GET …/<id>`: the order's answer, as `POST /api/orders` gives it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use zerostep_domain::api::{ErrorCode, Text};
use zerostep_domain::checkout::CartType;

use crate::checkout::{finish_authentication, ReturnOutcome};
use crate::error::ApiError;
use crate::http::security::{frame_ancestors, hash_source, inline_script_hashes, origin_of};
use crate::messages;
use crate::services::Services;
use crate::store::{idempotency_keys, three_d_sessions};

/// Whether `id` can be a session id (so nothing else reaches the database
/// or a page).
fn valid_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn not_found() -> ApiError {
    ApiError::refused(ErrorCode::NotFound, messages::no_such_authentication())
}

fn page(status: StatusCode, csp: &str, html: String) -> Response {
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// The origin the start page's form posts to (the issuer's side), if it names one.
fn form_origin(html: &str) -> Option<String> {
    let at = html.find("action=\"")? + "action=\"".len();
    let end = html[at..].find('"')? + at;
    origin_of(&html[at..end])
}

/// The page A08 answered for session `id`.
async fn start_html(state: &Services, id: &str) -> Result<String, ApiError> {
    if !valid_id(id) {
        return Err(not_found());
    }
    three_d_sessions::start_html(&state.pool, id)
        .await?
        .ok_or_else(not_found)
}

/// `GET /api/3ds/{id}/start`.
pub async fn start(
    State(state): State<Services>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let html = start_html(&state, &id).await?;
    // Its bytes are sent as UTF-8 and the header says so (the page's own
    // meta names Shift_JIS; the header wins, and matches the bytes).
    let form_action = form_origin(&html).unwrap_or_else(|| "'none'".to_owned());
    let csp = format!(
        "default-src 'none'; script-src 'unsafe-inline'; form-action {form_action}; \
         base-uri 'none'; frame-ancestors {}",
        frame_ancestors(&state.config.embed_origins)
    );
    Ok(page(StatusCode::OK, &csp, html))
}

/// The fixed script of the return page: in a frame (our frame page's),
/// tell the page that holds it, on our origin only; as the whole window, go
/// back to the purchase page (`data-back`), which asks what became of the
/// order it sent.
const RETURN_SCRIPT: &str = "(function(){var b=document.body,\
m={type:'zerostep:3ds',session:b.getAttribute('data-session')};\
if(window.parent!==window){window.parent.postMessage(m,location.origin);}\
else{location.replace(b.getAttribute('data-back'));}})();";

/// The frame page's script: the return page (ours, in its own inner frame)
/// says the authentication is over; pass that on to the checkout that
/// holds this page (or, where the widget opened it as a window of its own,
/// to the widget's page, then close), on our origin and the embedding
/// origins (`data-origins`) only.
const RELAY_SCRIPT: &str = "addEventListener('message',function(e){var d=e.data,\
t=parent!==window?parent:opener;\
if(!t||e.origin!==location.origin||e.source!==frames[0]||!d||d.type!=='zerostep:3ds')return;\
(location.origin+' '+document.body.getAttribute('data-origins')).split(' ')\
.forEach(function(o){if(o)t.postMessage(d,o);});if(t===opener)close();});";

/// The frame page's style: the inner frame fills it.
const FRAME_STYLE: &str =
    "html,body{margin:0;height:100%}iframe{display:block;border:0;width:100%;height:100%}";

/// `GET /api/3ds/{id}/frame`.
pub async fn frame(
    State(state): State<Services>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let html = start_html(&state, &id).await?;
    let heading = messages::authentication_heading();
    let page_html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{FRAME_STYLE}</style></head><body data-origins=\"{origins}\">\
         <iframe src=\"/api/3ds/{id}/start\" title=\"{title} / {title_en}\"></iframe>\
         <script>{RELAY_SCRIPT}</script></body></html>",
        title = heading.get(false),
        title_en = heading.get(true),
        origins = state
            .config
            .embed_origins
            .join(" ")
            .replace(['"', '<', '>', '&'], ""),
    );
    // The issuer's pages (any https origin: the card's issuer is not known
    // beforehand, and its pages may move between its own origins) and our
    // return page load in the inner frame.
    let issuer = form_origin(&html)
        .filter(|o| o.starts_with("http://"))
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    let csp = format!(
        "default-src 'none'; script-src {}; style-src {}; frame-src 'self' https:{issuer}; \
         form-action 'none'; base-uri 'none'; frame-ancestors {}",
        inline_script_hashes(&page_html).join(" "),
        hash_source(FRAME_STYLE.as_bytes()),
        frame_ancestors(&state.config.embed_origins)
    );
    let mut response = page(StatusCode::OK, &csp, page_html);
    // Opened as a window of its own by the widget on a shop's page, it
    // reports to its opener on another origin: the opener must stay.
    response.headers_mut().insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("unsafe-none"),
    );
    Ok(response)
}

/// Where the whole window goes back to: the 3-step cart's STEP3 (where the
/// card and the reason are), or the purchase page.
async fn back_path(state: &Services) -> &'static str {
    match state.shop().await.map(|shop| shop.cart_type()) {
        Ok(CartType::ThreeStep) => "/checkout/step3",
        _ => "/checkout",
    }
}

fn return_page(
    state: &Services,
    id: &str,
    back: &str,
    status: StatusCode,
    said: &Text,
) -> Response {
    let (heading, back_text) = (
        messages::authentication_heading(),
        messages::back_to_checkout(),
    );
    let both = |t: &Text| format!("{} <span lang=\"en\">{}</span>", t.get(false), t.get(true));
    let html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body data-session=\"{id}\" data-back=\"{back}\"><main>\
         <h1>{}</h1><p role=\"status\">{}</p>\
         <p><a href=\"{back}\">{}</a></p>\
         </main><script>{RETURN_SCRIPT}</script></body></html>",
        heading.get(false),
        both(&heading),
        both(said),
        both(&back_text),
    );
    let hashes = inline_script_hashes(&html).join(" ");
    let csp = format!(
        "default-src 'none'; script-src {hashes}; form-action 'none'; base-uri 'none'; \
         frame-ancestors {}",
        frame_ancestors(&state.config.embed_origins)
    );
    page(status, &csp, html)
}

/// `POST /api/3ds/return/{id}`.
pub async fn finish(
    State(state): State<Services>,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    if !valid_id(&id) {
        return Err(not_found());
    }
    // Like the order itself, the return runs to its end even if the browser
    // goes away: A09 and its record must not be cut in half.
    let task_state = state.clone();
    let task_id = id.clone();
    let outcome =
        tokio::spawn(async move { finish_authentication(&task_state, &task_id, &body).await })
            .await
            .map_err(ApiError::internal)??;
    let back = back_path(&state).await;
    Ok(match outcome {
        ReturnOutcome::Settled => return_page(
            &state,
            &id,
            back,
            StatusCode::OK,
            &messages::authentication_over(),
        ),
        ReturnOutcome::NotFound => return Err(not_found()),
        ReturnOutcome::Unreadable(why) => {
            tracing::warn!(%why, "3-D Secure return not readable");
            return_page(
                &state,
                &id,
                back,
                StatusCode::BAD_REQUEST,
                &messages::authentication_unreadable(),
            )
        }
    })
}

/// `GET /api/3ds/{id}`: the order's answer (202 `authenticate` until the
/// authentication ends, then the final one).
pub async fn answer(
    State(state): State<Services>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if !valid_id(&id) {
        return Err(not_found());
    }
    let Some(session) = three_d_sessions::find(&state.pool, &id).await? else {
        return Err(not_found());
    };
    let Some((_, Some(status), Some(body), _, _)) =
        idempotency_keys::find(&state.pool, &session.idempotency_key).await?
    else {
        return Err(not_found());
    };
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    Ok((
        status,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response())
}
