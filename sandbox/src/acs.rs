//! The issuer's side of 3-D Secure, as the sandbox plays it
//! (webcollect-3ds.md §4.2, §5, §12.3): the start page A08 answers, the
//! ACS page it posts to (frictionless, or a challenge with a one-time code),
//! and the page that posts the result to the merchant's `trader_ec_url`,
//! with a `HASH_VALUE` that A09 checks.

use std::fmt::Write as _;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rand::distr::{Alphanumeric, SampleString};
use sha2::Sha256;
use zerostep_webcollect::rules::Form;
use zerostep_webcollect::three_d::ThreeDReturn;

use crate::cards::{company_code, CHALLENGE_CODE};
use crate::state::{gateway_time, Stage, State as Memory, ThreeDSession};
use crate::Shared;

/// Wrong one-time codes before the challenge fails.
const MAX_CODE_FAILURES: u8 = 3;
/// The result of a failed or cancelled authentication.
const FAILED: &str = "0002";

/// `threeDAuthHtml`: one line of ASCII, declared Shift_JIS as Yamato's is,
/// whose form `creditSendForm` posts the session to the ACS when it loads.
pub fn start_page(origin: &str, session_id: &str) -> String {
    format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">\
         <title>3-D Secure</title></head><body onLoad=\"document.creditSendForm.submit()\">\
         <form name=\"creditSendForm\" method=\"post\" action=\"{}/3ds/acs\">\
         <input type=\"hidden\" name=\"session\" value=\"{}\">\
         <noscript><input type=\"submit\" value=\"Continue\"></noscript></form></body></html>",
        escape(origin),
        escape(session_id)
    )
}

/// `HASH_VALUE`: lower-hex HMAC-SHA-256, under the sandbox's key, of every
/// other field of the return with its length (so no two returns share one).
pub fn hash(key: &[u8; 32], ret: &ThreeDReturn) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    for (field, value) in ret.fields().filter(|(f, _)| f.post != "HASH_VALUE") {
        mac.update(format!("{}:{}:", field.post, value.len()).as_bytes());
        mac.update(value.as_bytes());
    }
    mac.finalize()
        .into_bytes()
        .iter()
        .fold(String::with_capacity(64), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// Whether the return's `HASH_VALUE` is the one the sandbox made.
pub fn hash_ok(key: &[u8; 32], ret: &ThreeDReturn) -> bool {
    hash(key, ret) == ret.get("HASH_VALUE")
}

fn return_fields(
    key: &[u8; 32],
    session: &ThreeDSession,
    result: &str,
    now: DateTime<Utc>,
) -> ThreeDReturn {
    let mut rng = rand::rng();
    // 3D_INF is opaque; its base64 always has `+`, `/` and `=`, which a
    // client that re-encodes or sanitises it would change (§12.3).
    let mut blob = vec![0xFB, 0xFF, 0xBF];
    blob.extend((0..28).map(|_| rand::random::<u8>()));
    let info = base64::engine::general_purpose::STANDARD.encode(blob);
    let comp_cd = format!("{:04}", company_code(&session.card_no));
    let amount = session.amount.to_string();
    let cust = Alphanumeric.sample_string(&mut rng, 12);
    let tran = Alphanumeric.sample_string(&mut rng, 32);
    let sent = gateway_time(now);
    let unsigned = ThreeDReturn::from_pairs([
        ("COMP_CD", comp_cd.as_str()),
        ("TOKEN", session.token.as_str()),
        ("CARD_EXP", session.card_exp.as_str()),
        ("ITEM_PRICE", amount.as_str()),
        ("ITEM_TAX", "0"),
        ("CUST_CD", cust.as_str()),
        ("SHOP_ID", "000000000"),
        ("TERM_CD", "ZS000001"),
        ("CRD_RES_CD", result),
        ("RES_VE", ""),
        ("RES_PA", ""),
        ("RES_CODE", "000"),
        ("3D_INF", info.as_str()),
        ("3D_TRAN_ID", tran.as_str()),
        ("SEND_DT", sent.as_str()),
    ]);
    let hash_value = hash(key, &unsigned);
    let pairs: Vec<(&str, &str)> = unsigned
        .fields()
        .map(|(f, v)| (f.post, v))
        .chain([("HASH_VALUE", hash_value.as_str())])
        .collect();
    ThreeDReturn::from_pairs(pairs)
}

/// What the shopper did on an ACS page.
enum Input {
    /// Arrived from the start page (or reloaded).
    Arrive,
    /// Typed a one-time code.
    Code(String),
    /// Pressed キャンセル.
    Cancel,
}

/// What the ACS shows next.
enum Next {
    /// The challenge form, with what went wrong before.
    Challenge {
        amount: u64,
        last4: String,
        session: String,
        error: Option<u8>,
    },
    /// The page that posts the result to the merchant.
    Return { url: String, fields: ThreeDReturn },
    /// The session is unknown or over.
    Gone(StatusCode, &'static str, &'static str),
}

fn advance(key: &[u8; 32], memory: &mut Memory, id: &str, input: Input) -> Next {
    let now = memory.clock.now();
    memory.expire_sessions(now);
    let Some(session) = memory.sessions.get_mut(id) else {
        return Next::Gone(
            StatusCode::NOT_FOUND,
            "この本人認証は見つかりません。",
            "This authentication does not exist.",
        );
    };
    let finish = |session: &mut ThreeDSession, result: &str| {
        let fields = return_fields(key, session, result, now);
        session.stage = Stage::Returned(fields.clone());
        Next::Return {
            url: session.trader_ec_url.clone(),
            fields,
        }
    };
    let challenge = |session: &ThreeDSession, error| Next::Challenge {
        amount: session.amount,
        last4: session
            .card_no
            .get(session.card_no.len().saturating_sub(4)..)
            .unwrap_or_default()
            .to_owned(),
        session: session.id.clone(),
        error,
    };
    match (session.stage.clone(), input) {
        (Stage::Returned(fields), _) => Next::Return {
            url: session.trader_ec_url.clone(),
            fields,
        },
        (Stage::Settled { .. } | Stage::Abandoned, _) => Next::Gone(
            StatusCode::GONE,
            "この本人認証は終了しています。ショップの画面からやり直してください。",
            "This authentication has ended. Start again from the shop.",
        ),
        (Stage::Started, _) => match session.outcome.result_code() {
            Some(result) => finish(session, result),
            None => {
                session.stage = Stage::Challenging { failures: 0 };
                challenge(session, None)
            }
        },
        (Stage::Challenging { .. }, Input::Arrive) => challenge(session, None),
        (Stage::Challenging { .. }, Input::Cancel) => finish(session, FAILED),
        (Stage::Challenging { failures }, Input::Code(code)) => {
            if code.trim() == CHALLENGE_CODE {
                return finish(session, "0000");
            }
            let failures = failures + 1;
            if failures >= MAX_CODE_FAILURES {
                return finish(session, FAILED);
            }
            session.stage = Stage::Challenging { failures };
            challenge(session, Some(MAX_CODE_FAILURES - failures))
        }
    }
}

/// `POST /3ds/acs`: the start page's form arrives (`session`).
pub async fn start(State(shared): State<Shared>, body: Bytes) -> Response {
    let form = Form::from_urlencoded(&body);
    let id = form.get("session").unwrap_or_default();
    let next = advance(&shared.acs_key, &mut shared.lock(), id, Input::Arrive);
    render(next)
}

/// `POST /3ds/acs/challenge`: the challenge form (`session`, `code`,
/// `action` = `authenticate` or `cancel`).
pub async fn challenge(State(shared): State<Shared>, body: Bytes) -> Response {
    let form = Form::from_urlencoded(&body);
    let id = form.get("session").unwrap_or_default();
    let input = match form.get("action") {
        Some("cancel") => Input::Cancel,
        _ => Input::Code(form.get("code").unwrap_or_default().to_owned()),
    };
    let next = advance(&shared.acs_key, &mut shared.lock(), id, input);
    render(next)
}

fn render(next: Next) -> Response {
    match next {
        Next::Challenge {
            amount,
            last4,
            session,
            error,
        } => challenge_page(amount, &last4, &session, error),
        Next::Return { url, fields } => return_page(&url, &fields),
        Next::Gone(status, ja, en) => page(
            status,
            "本人認証 (3-D Secure)",
            &format!("<h1>本人認証 <span lang=\"en\">3-D Secure</span></h1><p role=\"alert\">{ja}<br><span lang=\"en\">{en}</span></p>"),
        ),
    }
}

fn yen(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn challenge_page(amount: u64, last4: &str, session: &str, remaining: Option<u8>) -> Response {
    let error = remaining.map_or_else(String::new, |n| {
        format!(
            "<p id=\"code-error\" class=\"error\" role=\"alert\">ワンタイムパスワードが正しくありません（あと{n}回）。\
             <span lang=\"en\">The code is wrong ({n} tries left).</span></p>"
        )
    });
    let described = if remaining.is_some() {
        " aria-describedby=\"code-error\" aria-invalid=\"true\""
    } else {
        ""
    };
    let body = format!(
        "<h1>本人認証 <span lang=\"en\">3-D Secure</span></h1>\
         <p class=\"sandbox\">テスト用の認証画面です（ワンタイムパスワードは {CHALLENGE_CODE}）。\
         <span lang=\"en\">Sandbox issuer: the code is {CHALLENGE_CODE}.</span></p>\
         <dl><dt>ご利用金額 <span lang=\"en\">Amount</span></dt><dd>{amount}円</dd>\
         <dt>カード番号 <span lang=\"en\">Card</span></dt><dd>**** {last4}</dd></dl>\
         <form method=\"post\" action=\"/3ds/acs/challenge\">\
         <input type=\"hidden\" name=\"session\" value=\"{session}\">\
         <label for=\"code\">ワンタイムパスワード <span lang=\"en\">One-time code</span></label>\
         {error}\
         <input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"8\" autofocus{described}>\
         <div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"authenticate\">認証する <span lang=\"en\">Authenticate</span></button>\
         <button type=\"submit\" name=\"action\" value=\"cancel\" class=\"secondary\">キャンセル <span lang=\"en\">Cancel</span></button></div>\
         </form>",
        amount = yen(amount),
        last4 = escape(last4),
        session = escape(session),
    );
    page(StatusCode::OK, "本人認証 (3-D Secure)", &body)
}

fn return_page(url: &str, fields: &ThreeDReturn) -> Response {
    let mut inputs = String::new();
    for (field, value) in fields.fields() {
        let _ = write!(
            inputs,
            "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
            field.post,
            escape(value)
        );
    }
    let body = format!(
        "<h1>本人認証 <span lang=\"en\">3-D Secure</span></h1>\
         <p>ショップに戻ります… <span lang=\"en\">Returning to the shop…</span></p>\
         <form name=\"returnForm\" method=\"post\" action=\"{}\">{inputs}\
         <button type=\"submit\">ショップに戻る <span lang=\"en\">Back to the shop</span></button></form>\
         <script>document.returnForm.submit();</script>",
        escape(url)
    );
    page(StatusCode::OK, "本人認証 (3-D Secure)", &body)
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>\
         body{{font-family:sans-serif;margin:0;padding:1rem;color:#1a1a1a;background:#f6f7f9}}\
         main{{max-width:26rem;margin:0 auto;background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:1rem}}\
         h1{{font-size:1.2rem;margin:0 0 .75rem}} dl{{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem}}\
         dd{{margin:0}} label{{display:block;font-weight:bold;margin:.75rem 0 .25rem}}\
         input{{font-size:1.1rem;padding:.5rem;width:100%;box-sizing:border-box}}\
         .actions{{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}}\
         button{{font-size:1rem;padding:.6rem 1rem;min-height:44px;border-radius:6px;border:1px solid #2057a6;background:#2057a6;color:#fff}}\
         button.secondary{{background:#fff;color:#2057a6}} :focus-visible{{outline:3px solid #f0a000;outline-offset:2px}}\
         .error{{color:#b00020}} .sandbox{{font-size:.85rem;color:#555}}\
         </style></head><body><main>{body}</main></body></html>"
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// A page's first form as a browser would post it: its action and its
/// hidden fields, entities decoded. The sandbox's own pages (and Yamato's
/// start page) are simple enough to read so; for the tests that play the
/// browser's leg without one.
pub fn form_of(html: &str) -> (String, Vec<(String, String)>) {
    let attr = |from: usize, name: &str| -> Option<(String, usize)> {
        let key = format!("{name}=\"");
        let at = html.get(from..)?.find(&key)? + from + key.len();
        let end = html.get(at..)?.find('"')? + at;
        Some((unescape(&html[at..end]), end))
    };
    let Some(form) = html.find("<form") else {
        return (String::new(), Vec::new());
    };
    let action = attr(form, "action").map(|(a, _)| a).unwrap_or_default();
    let mut fields = Vec::new();
    let mut at = form;
    while let Some(found) = html.get(at..).and_then(|rest| rest.find("type=\"hidden\"")) {
        let start = at + found;
        let Some((name, after_name)) = attr(start, "name") else {
            break;
        };
        let Some((value, after_value)) = attr(after_name, "value") else {
            break;
        };
        fields.push((name, value));
        at = after_value;
    }
    (action, fields)
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
