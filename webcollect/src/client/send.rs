//! One call on the wire: the fields checked, the form posted, the reply
//! read (no more than a reply can be) and judged.

use super::error::transport;
use super::{Client, Error, GatewayError, TransportKind};
use crate::endpoints::Action;
use crate::rules::{self, Form};
use crate::xml::ReturnDoc;

impl Client {
    /// Checks, sends and reads one call; `Ok` only for `returnCode=0`.
    pub(super) async fn send(&self, action: Action, form: Form) -> Result<ReturnDoc, Error> {
        let limits = self.config.limits;
        rules::check(action, &form, limits).map_err(Error::Invalid)?;

        let url = self.config.endpoints.action_url(action);
        let mut response = self
            .http
            .post(&url)
            .form(&form.0)
            .send()
            .await
            .map_err(|e| {
                let kind = if e.is_timeout() {
                    TransportKind::Timeout
                } else if e.is_connect() {
                    TransportKind::Connect
                } else {
                    TransportKind::Reset
                };
                transport(kind, format!("{url}: {e}"))
            })?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(transport(
                TransportKind::Status(status),
                format!("{url}: HTTP {status}"),
            ));
        }
        // Read no more than a reply can be, however much is sent.
        let mut body = Vec::new();
        loop {
            let chunk = response.chunk().await.map_err(|e| {
                let kind = if e.is_timeout() {
                    TransportKind::Timeout
                } else {
                    TransportKind::Reset
                };
                transport(kind, format!("{url}: {e}"))
            })?;
            let Some(chunk) = chunk else { break };
            if body.len() + chunk.len() > crate::xml::MAX_REPLY_BYTES {
                return Err(transport(
                    TransportKind::BadReply,
                    format!(
                        "{url}: reply larger than {} bytes",
                        crate::xml::MAX_REPLY_BYTES
                    ),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        let body = String::from_utf8_lossy(&body);
        let doc = ReturnDoc::parse(&body).map_err(|e| transport(TransportKind::BadReply, e))?;
        match doc.get("returnCode") {
            Some("0") => Ok(doc),
            Some("1") => {
                let code = doc.get("errorCode").unwrap_or_default();
                Err(Error::Gateway(GatewayError::from_codes(
                    code,
                    doc.get("creditErrorCode"),
                )))
            }
            other => Err(transport(
                TransportKind::BadReply,
                format!("returnCode {other:?}"),
            )),
        }
    }
}

/// A call's result as the metrics label it: `0`, Yamato's `errorCode`,
/// `invalid` (refused before sending) or the transport failure.
pub(super) fn result_label(result: &Result<ReturnDoc, Error>) -> String {
    match result {
        Ok(_) => "0".to_owned(),
        // Yamato's codes are 10 letters and digits; anything else (a broken
        // reply) is one label, so a reply cannot make series without end.
        Err(Error::Gateway(err))
            if (1..=12).contains(&err.code.len())
                && err
                    .code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
        {
            err.code.clone()
        }
        Err(Error::Gateway(_)) => "other".to_owned(),
        Err(Error::Invalid(_)) => "invalid".to_owned(),
        Err(Error::Transport(err)) => match err.kind {
            TransportKind::Timeout => "timeout".to_owned(),
            TransportKind::Connect => "connect".to_owned(),
            TransportKind::Reset => "reset".to_owned(),
            TransportKind::Status(status) => format!("http_{status}"),
            TransportKind::BadReply => "bad_reply".to_owned(),
        },
    }
}
