//! How a placement ends, and the HTTP status and JSON body it is answered
//! with (stored under the idempotency key and replayed from it).

use zerostep_domain::order::{OrderOutcome, OrderPlaced};

/// Who placed the order, for device detection and the card-testing defence.
#[derive(Debug, Clone)]
pub struct Requester {
    /// Client IP address.
    pub ip: String,
    /// Browser session id (`X-Zerostep-Session`), or empty.
    pub session: String,
    /// `User-Agent`.
    pub user_agent: String,
}

/// How a placement ended, before it becomes an HTTP reply.
#[derive(Debug)]
pub enum Placement {
    /// Complete or pending review.
    Placed(OrderPlaced),
    /// Refused; the order (if one was written) is declined or failed.
    Refused {
        /// HTTP status.
        status: u16,
        /// Stable code.
        code: &'static str,
        /// Bilingual message.
        message: String,
    },
}

/// An answer to `POST /api/orders`: its HTTP status and JSON body.
pub type Reply = (u16, String);

/// The status and JSON body of a placement's answer.
pub fn answer(placement: &Placement) -> Reply {
    match placement {
        Placement::Placed(placed) => {
            let status = match placed.outcome {
                OrderOutcome::Complete => 201,
                OrderOutcome::PendingReview => 202,
            };
            (status, serde_json::to_string(placed).unwrap_or_default())
        }
        Placement::Refused {
            status,
            code,
            message,
        } => (*status, error_body(code, message.clone())),
    }
}

/// The `{code, message}` body of an API error.
pub fn error_body(code: &str, message: String) -> String {
    serde_json::to_string(&zerostep_domain::ApiErrorBody {
        code: code.to_owned(),
        message,
    })
    .unwrap_or_default()
}

/// What [`place`] ends with: the answer, and whether it is already stored
/// under the idempotency key (an authorized order records it in the
/// transaction that completes the order).
#[derive(Debug)]
pub struct Answered {
    /// The HTTP status and body.
    pub reply: Reply,
    /// Stored under the key with the order's completion.
    pub stored: bool,
}

impl From<Placement> for Answered {
    fn from(placement: Placement) -> Self {
        Answered {
            reply: answer(&placement),
            stored: false,
        }
    }
}

pub(crate) fn refused(status: u16, code: &'static str, message: impl Into<String>) -> Placement {
    Placement::Refused {
        status,
        code,
        message: message.into(),
    }
}

/// The gateway did not answer and has no authorization: nothing was charged.
pub(crate) fn not_charged() -> Placement {
    refused(
        502,
        "gateway_unavailable",
        "決済システムから応答がありませんでした。カードへの請求は行われていません。もう一度お試しください。/ The payment system did not answer; nothing was charged. Please try again.",
    )
}

/// The card was declined: Yamato's code (and the card company's) for support,
/// and the gateway's reason when there is one.
pub(crate) fn declined(code: &str, credit: Option<&str>, reason_ja: Option<&str>) -> Placement {
    let support = credit.map_or_else(|| code.to_owned(), |c| format!("{code}, {c}"));
    let reason = reason_ja
        .map(|ja| format!("{}。", ja.trim_end_matches('。')))
        .unwrap_or_default();
    refused(
        402,
        "card_declined",
        format!(
            "カードの承認が得られませんでした。{reason}別のカードをお試しいただくか、カード会社へお問い合わせください。（{support}）/ The card was declined; please try another card or contact your card issuer. ({support})"
        ),
    )
}
