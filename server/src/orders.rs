//! Placing orders: re-pricing, the order row, the A08 authorization, and
//! reconciling orders whose gateway outcome was unknown.
//!
//! Only an authorized card order is complete (the seed: 与信が通った場合のみ注文が
//! 完了). Every state change is one statement guarded by the expected previous
//! state, so a late answer can never overwrite a newer truth.

use chrono::Utc;
use rand::Rng;
use zerostep_domain::checkout::{PaymentMethodCode, Quote, QuoteRequest, UnavailableReason};
use zerostep_domain::order::{OrderOutcome, OrderPlaced, OrderRequest, PaymentRequest};
use zerostep_domain::text::{first_unsupported, fits};
use zerostep_webcollect::{
    CreditToken, DeviceDiv, Error as GatewayCallError, ErrorKind, TransportKind,
};

use crate::db::Writer;
use crate::mail::{
    insert_claimed, prepare_order_mails, queue_order_mails, write_files, MailFiles, OrderMail,
    PreparedMails,
};
use crate::routes::checkout::price_request;
use crate::shop_settings::Shop;
use crate::{ApiError, AppState};

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

/// Claims an idempotency key (key, request hash, time, server run); exactly one request can.
pub(crate) const CLAIM_KEY: &str = "INSERT INTO idempotency_keys (key, request_hash, created_at, claimed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

/// Stores the answer given under a key: status, body, key.
pub(crate) const STORE_REPLY: &str =
    "UPDATE idempotency_keys SET response_code = $1, response_body = $2 WHERE key = $3 AND response_code IS NULL";

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

fn refused(status: u16, code: &'static str, message: impl Into<String>) -> Placement {
    Placement::Refused {
        status,
        code,
        message: message.into(),
    }
}

/// The gateway did not answer and has no authorization: nothing was charged.
fn not_charged() -> Placement {
    refused(
        502,
        "gateway_unavailable",
        "決済システムから応答がありませんでした。カードへの請求は行われていません。もう一度お試しください。/ The payment system did not answer; nothing was charged. Please try again.",
    )
}

/// The card was declined: Yamato's code (and the card company's) for support,
/// and the gateway's reason when there is one.
fn declined(code: &str, credit: Option<&str>, reason_ja: Option<&str>) -> Placement {
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

/// `device_div`: 1 for smartphones, 2 for PCs.
pub fn device_div(user_agent: &str) -> DeviceDiv {
    let ua = user_agent.to_ascii_lowercase();
    if ["iphone", "android", "mobile", "ipod"]
        .iter()
        .any(|k| ua.contains(k))
    {
        DeviceDiv::Smartphone
    } else {
        DeviceDiv::Pc
    }
}

/// A fresh 受付番号: `ZS` + JST timestamp + `-` + 6 random characters (23, Yamato's charset).
pub fn new_receipt_no() -> String {
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let suffix: String = (0..6)
        .map(|_| char::from(CHARS[rng.random_range(0..CHARS.len())]))
        .collect();
    let now = Utc::now() + chrono::Duration::hours(9);
    format!("ZS{}-{suffix}", now.format("%Y%m%d%H%M%S"))
}

/// 商品名 for A08: the first product and a count, within 400 columns / 600 bytes of JIS text.
pub fn goods_name(quote: &Quote) -> String {
    let first = quote
        .lines
        .first()
        .map(|l| l.name.to_string())
        .unwrap_or_default();
    let name = if quote.lines.len() > 1 {
        format!("{first} 他{}点", quote.lines.len() - 1)
    } else {
        first
    };
    if first_unsupported(&name).is_none() && fits(&name, 600, 400) {
        name
    } else {
        "ご注文商品".to_owned()
    }
}

fn reason_message(reason: UnavailableReason) -> &'static str {
    match reason {
        UnavailableReason::OverLimit => "クレジットカード決済は1回30万円（税込）までです。/ Card payments are limited to ¥300,000 per order.",
        UnavailableReason::Undetermined => "お支払い金額が確定していないため、クレジットカード決済はご利用いただけません。/ The amount is not final, so card payment cannot be used.",
        UnavailableReason::NotAcceptedByDelivery => "選択された配送方法ではこの支払方法はご利用いただけません。/ This payment method is not available with the chosen delivery method.",
        UnavailableReason::Disabled => "この支払方法は現在ご利用いただけません。/ This payment method is currently unavailable.",
        UnavailableReason::OutOfRange => "ご注文金額がこの支払方法の利用条件の範囲外です。/ The total is outside this payment method's range.",
        UnavailableReason::NotOnThisDevice => "この支払方法はお使いの端末ではご利用いただけません。/ This payment method is not offered on this device.",
    }
}

async fn log_operation<'e>(
    executor: impl sqlx::AnyExecutor<'e>,
    order_id: i64,
    fd: &str,
    outcome: &str,
    code: Option<&str>,
    credit: Option<&str>,
    detail: Option<&str>,
) {
    let op = crate::payment_ops::OpLog {
        order_id,
        function_div: fd,
        outcome,
        code,
        credit,
        detail,
        actor: "system",
    };
    crate::payment_ops::record_op(executor, &op).await;
}

/// The statement behind [`transition`]: `$1` the new status, `$2` 受付番号
/// of the authorization (kept when null), `$3` and `$4` the error codes, `$5`
/// the time, `$6` the order, and `$7`… the `from_count` statuses it may leave.
pub(crate) fn transition_sql(from_count: usize) -> String {
    let placeholders = (0..from_count)
        .map(|i| format!("${}", i + 7))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "UPDATE orders SET status = $1, crd_c_res_cd = COALESCE($2, crd_c_res_cd), error_code = $3, credit_error_code = $4, updated_at = $5,
             gateway_status = CASE WHEN $1 = 'authorized' THEN COALESCE(gateway_status, 4) ELSE gateway_status END,
             authorized_at = CASE WHEN $1 = 'authorized' THEN COALESCE(authorized_at, $5) ELSE authorized_at END
         WHERE id = $6 AND status IN ({placeholders})"
    )
}

/// Moves an order from `from` to `to`; false when it was no longer in `from`.
async fn transition<'e>(
    executor: impl sqlx::AnyExecutor<'e>,
    order_id: i64,
    from: &[&str],
    to: &str,
    crd: Option<&str>,
    code: Option<&str>,
    credit: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let sql = transition_sql(from.len());
    let mut q = sqlx::query(&sql)
        .bind(to)
        .bind(crd)
        .bind(code)
        .bind(credit)
        .bind(Utc::now().to_rfc3339())
        .bind(order_id);
    for f in from {
        q = q.bind(*f);
    }
    Ok(q.execute(executor).await?.rows_affected() == 1)
}

fn too_many_attempts(who: &Requester) -> Placement {
    tracing::warn!(ip = %who.ip, "card attempts blocked: too many failed authorizations");
    refused(
        429,
        "too_many_attempts",
        "カード決済の失敗が続いたため、しばらく時間をおいてからお試しください。/ Too many failed card attempts; please try again later.",
    )
}

/// The advisory lock key of card-attempt claims on PostgreSQL ("ZSCARD").
const CARD_ATTEMPT_LOCK: i64 = 0x5A53_4341_5244;

/// A card attempt to count against the card-testing limit.
pub(crate) struct AttemptClaim {
    pub(crate) ip: String,
    pub(crate) email: String,
    pub(crate) session: String,
    /// The start of the counting window, as stored.
    pub(crate) since: String,
    /// Attempts allowed in the window per IP, e-mail and session.
    pub(crate) limit: i64,
}

/// Claims a card attempt: IP, e-mail, session, time, window start, limit.
pub(crate) const CLAIM_ATTEMPT: &str = "INSERT INTO card_failures (ip, email, session, at)
         SELECT $1, $2, $3, $4
         WHERE (SELECT COUNT(*) FROM card_failures WHERE at >= $5 AND ip = $1) < $6
           AND (SELECT COUNT(*) FROM card_failures WHERE at >= $5 AND email = $2) < $6
           AND ($3 = '' OR (SELECT COUNT(*) FROM card_failures WHERE at >= $5 AND session = $3) < $6)
         RETURNING id";

/// Writes an order row (see [`NewOrder`]), with a provisional 注文番号; returns its id.
pub(crate) const INSERT_ORDER: &str = "INSERT INTO orders (order_number, receipt_no, status, payment_method, pay_way, total, quote_json, buyer_json, recipient_json, delivery_json, device_div, created_at, updated_at)
         VALUES ('pending-' || $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";

/// Forgets a claimed card attempt (the card was not at fault): its row id.
pub(crate) const FORGET_ATTEMPT: &str = "DELETE FROM card_failures WHERE id = $1";

/// Sets an order's 注文番号: number, row id.
pub(crate) const SET_ORDER_NUMBER: &str = "UPDATE orders SET order_number = $1 WHERE id = $2";

/// Points an idempotency key at its order: row id, key.
///
/// Not on a key already answered (withdrawn by `POST /api/orders/abandon`):
/// the order's transaction then rolls back, before any A08.
pub(crate) const SET_KEY_ORDER: &str =
    "UPDATE idempotency_keys SET order_id = $1 WHERE key = $2 AND response_code IS NULL";

/// 注文番号: the day in Japan and the row id (`20240501-000042`).
pub(crate) fn order_number(order_id: i64) -> String {
    format!(
        "{}-{:06}",
        (Utc::now() + chrono::Duration::hours(9)).format("%Y%m%d"),
        order_id
    )
}

/// Records a card attempt unless the IP, e-mail or session is at the limit
/// (then `None`). One statement: SQLite runs it atomically (one writer at a
/// time). PostgreSQL runs concurrent transactions, so there the claims (of
/// every server instance) take turns on a transaction-scoped advisory lock,
/// held until the order row commits.
async fn claim_attempt(
    conn: &mut sqlx::AnyConnection,
    claim: &AttemptClaim,
) -> Result<Option<i64>, sqlx::Error> {
    if conn.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(CARD_ATTEMPT_LOCK)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query_scalar(CLAIM_ATTEMPT)
        .bind(&claim.ip)
        .bind(&claim.email)
        .bind(&claim.session)
        .bind(Utc::now().to_rfc3339())
        .bind(&claim.since)
        .bind(claim.limit)
        .fetch_optional(conn)
        .await
}

/// The order row to write before A08, every value bound as stored.
pub(crate) struct NewOrder {
    /// The card attempt to claim first (card orders).
    pub(crate) attempt: Option<AttemptClaim>,
    pub(crate) status: &'static str,
    pub(crate) method: &'static str,
    pub(crate) pay_way: Option<i64>,
    pub(crate) total: i64,
    pub(crate) quote_json: String,
    pub(crate) buyer_json: String,
    pub(crate) recipient_json: Option<String>,
    pub(crate) delivery_json: String,
    pub(crate) device_div: &'static str,
    pub(crate) idempotency_key: String,
}

/// Writes the order row (after claiming its card attempt) in one
/// transaction whose commit is synced to disk. `None`: the attempt is over
/// the card-testing limit, and nothing was written.
async fn write_order(
    conn: &mut sqlx::AnyConnection,
    row: NewOrder,
) -> Result<Option<WrittenOrder>, sqlx::Error> {
    crate::db::durable(conn, true).await?;
    let written = write_order_row(conn, &row).await;
    if let Err(err) = crate::db::durable(conn, false).await {
        tracing::warn!(%err, "synchronous could not be reset after the order row");
    }
    written
}

async fn write_order_row(
    conn: &mut sqlx::AnyConnection,
    row: &NewOrder,
) -> Result<Option<WrittenOrder>, sqlx::Error> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let attempt_id = match &row.attempt {
        Some(claim) => match claim_attempt(&mut tx, claim).await? {
            Some(id) => Some(id),
            None => return Ok(None),
        },
        None => None,
    };
    let receipt_no = new_receipt_no();
    let now = Utc::now().to_rfc3339();
    let order_id: i64 = sqlx::query_scalar(INSERT_ORDER)
        .bind(&receipt_no)
        .bind(&receipt_no)
        .bind(row.status)
        .bind(row.method)
        .bind(row.pay_way)
        .bind(row.total)
        .bind(&row.quote_json)
        .bind(&row.buyer_json)
        .bind(row.recipient_json.as_deref())
        .bind(&row.delivery_json)
        .bind(row.device_div)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
    let order_number = order_number(order_id);
    sqlx::query(SET_ORDER_NUMBER)
        .bind(&order_number)
        .bind(order_id)
        .execute(&mut *tx)
        .await?;
    // A request cut short by a crash leaves its key pointing at the order, which answers a retry.
    let linked = sqlx::query(SET_KEY_ORDER)
        .bind(order_id)
        .bind(&row.idempotency_key)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if linked != 1 {
        return Err(sqlx::Error::RowNotFound);
    }
    tx.commit().await?;
    Ok(Some((attempt_id, receipt_no, order_id, order_number)))
}

/// Places an order (the idempotency key is handled by the caller).
pub async fn place(
    state: &AppState,
    req: &OrderRequest,
    who: &Requester,
    idempotency_key: &str,
) -> Result<Answered, ApiError> {
    let method = req.payment.code();
    let prefecture = req
        .recipient
        .as_ref()
        .map_or(req.buyer.address.prefecture, |r| r.address.prefecture);
    let shop = state.shop().await?;
    let quote = price_request(
        &shop,
        &QuoteRequest {
            lines: req.lines.clone(),
            prefecture: Some(prefecture),
            delivery_method: Some(req.delivery.method.clone()),
        },
        &who.user_agent,
    )?;
    if let Some(a) = quote.payment_methods.iter().find(|a| a.code == method) {
        if let Some(reason) = a.reason {
            return Ok(refused(422, "payment_method_unavailable", reason_message(reason)).into());
        }
    } else {
        return Ok(refused(
            422,
            "payment_method_unavailable",
            reason_message(UnavailableReason::Disabled),
        )
        .into());
    }
    if quote.total != req.confirmed_total {
        return Ok(refused(
            409,
            "price_changed",
            format!(
                "ご注文金額が変わりました（{}）。内容をご確認のうえ、もう一度お試しください。/ The total has changed to {}; please review and try again.",
                quote.total, quote.total.grouped()
            ),
        ).into());
    }
    if let Some(date) = &req.delivery.date {
        let offered = shop
            .delivery_methods(crate::shop_settings::today_jst())
            .iter()
            .find(|d| d.code == req.delivery.method)
            .is_some_and(|d| d.dates.iter().any(|x| &x.date == date));
        if !offered {
            return Ok(refused(422, "invalid_delivery_date", "お届け希望日は選択肢の中から選んでください。/ Please choose a delivery date from the list.").into());
        }
    }
    if let PaymentRequest::Card { pay_way, .. } = &req.payment {
        if !shop.card_pay_ways().contains(&pay_way.get()) {
            return Ok(refused(
                422,
                "pay_way_not_offered",
                "この支払回数はご利用いただけません。/ This number of instalments is not offered.",
            )
            .into());
        }
    }

    // One transaction claims the card attempt and writes the order row. The
    // attempt counts against the card-testing limit before A08, claimed in
    // one statement so simultaneous requests cannot slip past the limit; an
    // authorization (or a failure that is not the card's) removes it again.
    // The order row comes first, so no authorization can exist without it,
    // and its commit is synced to disk: after a power loss the row (and the
    // idempotency key written before it) still exists for the reconciler.
    crate::failpoint::hit("key_claimed");
    let device = device_div(&who.user_agent);
    let card = method == PaymentMethodCode::Card;
    let row = NewOrder {
        attempt: card.then(|| AttemptClaim {
            ip: who.ip.clone(),
            email: req.buyer.email.as_ref().to_owned(),
            session: who.session.clone(),
            since: crate::db::seconds_ago(state.settings.card_failure_window_secs),
            limit: i64::from(state.settings.card_failure_limit),
        }),
        status: if card { "authorizing" } else { "accepted" },
        method: method.as_str(),
        pay_way: match &req.payment {
            PaymentRequest::Card { pay_way, .. } => Some(i64::from(pay_way.get())),
            PaymentRequest::BankTransfer => None,
        },
        total: i64::from(quote.total),
        quote_json: to_json(&quote),
        buyer_json: to_json(&req.buyer),
        recipient_json: req.recipient.as_ref().map(to_json),
        delivery_json: to_json(&req.delivery),
        device_div: match device {
            DeviceDiv::Smartphone => "1",
            DeviceDiv::Pc => "2",
        },
        idempotency_key: idempotency_key.to_owned(),
    };
    let written = match &state.writer {
        Writer::Sqlite(writer) => writer
            .run(move |conn| crate::sqlite_writes::write_order(conn, &row))
            .await?
            .map_err(ApiError::from),
        Writer::Pool(pool) => write_order(&mut *pool.acquire().await?, row)
            .await
            .map_err(ApiError::from),
    };
    let Some((attempt_id, receipt_no, order_id, order_number)) = written? else {
        return Ok(too_many_attempts(who).into());
    };

    let placed = |outcome| OrderPlaced {
        order_number: order_number.clone(),
        outcome,
        payment_method: method,
        total: quote.total,
        email: req.buyer.email.clone(),
    };
    let PaymentRequest::Card { token, pay_way } = &req.payment else {
        send_mails(state, order_id).await;
        return Ok(Placement::Placed(placed(OrderOutcome::Complete)).into());
    };

    let forget_attempt = || async {
        if let Some(id) = attempt_id {
            if let Err(err) = sqlx::query(FORGET_ATTEMPT)
                .bind(id)
                .execute(&state.pool)
                .await
            {
                tracing::error!(%err, "card attempt not cleared");
            }
        }
    };

    let a08 = CreditToken {
        device_div: device,
        order_no: receipt_no.clone(),
        settle_price: quote.total.get(),
        buyer_name_kanji: req.buyer.name.full(),
        buyer_tel: req.buyer.phone.as_ref().to_owned(),
        buyer_email: req.buyer.email.as_ref().to_owned(),
        pay_way: pay_way.get(),
        goods_name: Some(goods_name(&quote)),
        token: token.as_ref().to_owned(),
        reserve_1: None,
    };
    // From here on the gateway may have acted: database errors are logged,
    // never returned, so the answer (and the idempotency record) always says
    // what the gateway did; the reconciler repairs a row that failed to update.
    let client = state.gateway.client_for(&shop);
    crate::failpoint::hit_after("a08_sent", std::time::Duration::from_millis(100));
    let outcome = client.credit_token(&a08).await;
    crate::failpoint::hit("a08_answered");
    let unknown_detail = match &outcome {
        Err(GatewayCallError::Transport(t)) => Some((t.detail.clone(), t.kind)),
        Err(GatewayCallError::Gateway(g)) if OUTCOME_UNKNOWN_CODES.contains(&g.code.as_str()) => {
            Some((
                format!("gateway answered {}", g.code),
                TransportKind::Timeout,
            ))
        }
        _ => None,
    };
    if let Some((detail, kind)) = unknown_detail {
        log_operation(
            &state.pool,
            order_id,
            "A08",
            "unknown",
            None,
            None,
            Some(&detail),
        )
        .await;
        // Only a refused connection (nothing sent) or an unreadable reply (the
        // gateway finished) makes "not found" final. A timeout, a cut
        // connection or an HTTP error (a proxy's 502/504 in front of the
        // gateway) may still be processed.
        let may_be_in_flight = !matches!(kind, TransportKind::Connect | TransportKind::BadReply);
        return Ok(
            match resolve_unknown(state, order_id, &receipt_no, !may_be_in_flight).await {
                Resolved::Authorized => {
                    forget_attempt().await;
                    send_mails(state, order_id).await;
                    Placement::Placed(placed(OrderOutcome::Complete))
                }
                Resolved::NotFound => not_charged(),
                Resolved::Unknown => Placement::Placed(placed(OrderOutcome::PendingReview)),
            }
            .into(),
        );
    }
    match outcome {
        Ok(auth) => {
            let placement = Placement::Placed(placed(OrderOutcome::Complete));
            let reply = answer(&placement);
            let (payment_name, payment_notes) = payment_for_mail(&shop, method.as_str());
            let mail = OrderMail {
                order_id,
                order_number: &order_number,
                quote: &quote,
                buyer: &req.buyer,
                recipient: req.recipient.as_ref(),
                delivery: &req.delivery,
                payment_name,
                payment_notes,
            };
            let completion = Completion {
                order_id,
                crd_c_res_cd: auth.crd_c_res_cd.clone(),
                attempt_id,
                mails: prepare_order_mails(
                    &state.settings.mail_from,
                    &state.settings.shop_email,
                    &mail,
                ),
                outbox_dir: state.settings.outbox_dir.clone(),
                idempotency_key: idempotency_key.to_owned(),
                reply: reply.clone(),
            };
            match complete_authorized(state, completion).await {
                Ok(files) => {
                    if let Some(files) = files {
                        if let Err(err) = write_files(&state.settings.outbox_dir, files).await {
                            tracing::error!(%err, order_id, "order mail not written");
                        }
                    }
                    return Ok(Answered {
                        reply,
                        stored: true,
                    });
                }
                Err(err) => {
                    // Recorded step by step instead, each step on its own.
                    tracing::warn!(%err, order_id, "authorized order not completed in one transaction");
                }
            }
            record(record_authorized(state, order_id, &auth.crd_c_res_cd).await);
            forget_attempt().await;
            send_mails(state, order_id).await;
            Ok(placement.into())
        }
        Err(GatewayCallError::Gateway(g)) => {
            log_operation(
                &state.pool,
                order_id,
                "A08",
                "error",
                Some(&g.code),
                g.credit_error_code.as_deref(),
                None,
            )
            .await;
            let declined = g.kind == ErrorKind::Decline;
            let status = if declined { "declined" } else { "failed" };
            record(
                transition(
                    &state.pool,
                    order_id,
                    &["authorizing"],
                    status,
                    None,
                    Some(&g.code),
                    g.credit_error_code.as_deref(),
                )
                .await,
            );
            if declined {
                return Ok(
                    self::declined(&g.code, g.credit_error_code.as_deref(), Some(&g.ja)).into(),
                );
            }
            // Not a decline: the card is not at fault, so the attempt does not count.
            forget_attempt().await;
            Ok(match g.code.as_str() {
                "A082000004" => refused(422, "token_expired", "カード情報の確認期限が切れました。もう一度「注文確認する」からお進みください。/ The card details expired; please review the order again."),
                _ if g.kind == ErrorKind::Maintenance => refused(503, "gateway_maintenance", format!("決済システムがメンテナンス中です。カードへの請求は行われていません。時間をおいてお試しください。/ The payment system is under maintenance; nothing was charged. ({})", g.code)),
                _ => refused(502, "gateway_error", format!("決済処理でエラーが発生しました。カードへの請求は行われていません。/ The payment failed; nothing was charged. ({})", g.code)),
            }.into())
        }
        Err(GatewayCallError::Invalid(f)) => {
            log_operation(
                &state.pool,
                order_id,
                "A08",
                "error",
                Some(&f.code),
                None,
                Some(f.field),
            )
            .await;
            record(
                transition(
                    &state.pool,
                    order_id,
                    &["authorizing"],
                    "failed",
                    None,
                    Some(&f.code),
                    None,
                )
                .await,
            );
            forget_attempt().await;
            Ok(refused(422, "invalid_field", format!("{}の内容がカード決済の条件を満たしません。/ {} does not meet the card gateway's rules. ({})", f.field, f.field, f.code)).into())
        }
        Err(GatewayCallError::Transport(_)) => unreachable_transport().map(Answered::from),
    }
}

/// Gateway answers that do not say whether the authorization happened
/// (system error, gateway-side timeout, card-data system error): settled by E04 like a transport failure.
const OUTCOME_UNKNOWN_CODES: [&str; 3] = ["Z019999999", "Z012000005", "A082000006"];

/// Transport errors are handled before the match; this arm cannot be reached.
fn unreachable_transport() -> Result<Placement, ApiError> {
    Err(ApiError::internal(
        "transport error reached the answer match",
    ))
}

/// The claimed card attempt, 受付番号, row id and 注文番号 of an order row just written.
pub(crate) type WrittenOrder = (Option<i64>, String, i64, String);

/// After an approved A08, in one transaction: the operation log and 与信完了.
/// If it fails, the order stays `authorizing` and the reconciler settles it
/// with E04. (The card attempt is forgotten apart, so that failing to delete
/// it cannot undo this record.)
async fn record_authorized(
    state: &AppState,
    order_id: i64,
    crd_c_res_cd: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = state.pool.begin().await?;
    let moved = authorize(&mut tx, order_id, crd_c_res_cd).await?;
    tx.commit().await?;
    Ok(moved)
}

/// Logs the approved A08 and moves the order to 与信完了, through `conn`
/// (which the caller runs in a transaction); false when it was no longer
/// `authorizing`.
async fn authorize(
    conn: &mut sqlx::AnyConnection,
    order_id: i64,
    crd_c_res_cd: &str,
) -> Result<bool, sqlx::Error> {
    log_operation(&mut *conn, order_id, "A08", "ok", None, None, None).await;
    transition(
        conn,
        order_id,
        &["authorizing"],
        "authorized",
        Some(crd_c_res_cd),
        None,
        None,
    )
    .await
}

/// Everything an approved A08 records.
pub(crate) struct Completion {
    pub(crate) order_id: i64,
    pub(crate) crd_c_res_cd: String,
    /// The card attempt to forget (an authorization does not count against the limit).
    pub(crate) attempt_id: Option<i64>,
    pub(crate) mails: PreparedMails,
    pub(crate) outbox_dir: std::path::PathBuf,
    pub(crate) idempotency_key: String,
    pub(crate) reply: Reply,
}

/// After an approved A08, in one transaction through the writer: the
/// operation log, 与信完了, forgetting the card attempt, the order's mails and
/// the answer stored under the idempotency key. A retry of the request thus
/// sees the complete order or none of it. Returns the `.eml` copies to write
/// (`None` when the mails were queued already). On an error nothing is
/// written, and the caller records the steps one by one.
async fn complete_authorized(state: &AppState, c: Completion) -> Result<Option<MailFiles>, String> {
    match &state.writer {
        Writer::Sqlite(writer) => writer
            .run(move |conn| crate::sqlite_writes::write_completion(conn, c))
            .await
            .map_err(|e| e.to_string())?,
        Writer::Pool(pool) => {
            let mut conn = pool.acquire().await.map_err(|e| e.to_string())?;
            write_completion(&mut conn, c).await
        }
    }
}

async fn write_completion(
    conn: &mut sqlx::AnyConnection,
    c: Completion,
) -> Result<Option<MailFiles>, String> {
    let mut tx = sqlx::Connection::begin(conn)
        .await
        .map_err(|e| e.to_string())?;
    authorize(&mut tx, c.order_id, &c.crd_c_res_cd)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(id) = c.attempt_id {
        sqlx::query(FORGET_ATTEMPT)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(|e| e.to_string())?;
    }
    let files = insert_claimed(&mut tx, &c.outbox_dir, c.mails).await?;
    sqlx::query(STORE_REPLY)
        .bind(i64::from(c.reply.0))
        .bind(&c.reply.1)
        .bind(&c.idempotency_key)
        .execute(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(files)
}

/// Logs a database error after the gateway acted, instead of failing the answer.
fn record(result: Result<bool, sqlx::Error>) {
    if let Err(err) = result {
        tracing::error!(%err, "order state not recorded; the reconciler will repair it");
    }
}

/// Queues the order's mails (read back from the stored order, so placement
/// and reconciliation send the same thing), once: the first caller claims
/// them, on any instance, in the transaction that writes them. A failure is
/// logged; one that wrote nothing leaves them for the next caller.
async fn send_mails(state: &AppState, order_id: i64) {
    if let Err(err) = mail_for_stored(state, order_id).await {
        tracing::error!(%err, order_id, "order mail not queued");
    }
}

/// What E04 said about an order whose A08 outcome was unknown.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The gateway has it authorized: the order is complete.
    Authorized,
    /// The gateway has no such transaction: nothing was charged.
    NotFound,
    /// Still unknown: the order waits for the reconciler.
    Unknown,
}

/// Asks E04 and records the truth. "Not found" becomes `failed` only when
/// `not_found_is_final` (the A08 cannot still be in flight); otherwise the
/// order stays `pending_review` for the reconciler. Status 21 (決済手続き中)
/// is still unknown.
pub async fn resolve_unknown(
    state: &AppState,
    order_id: i64,
    receipt_no: &str,
    not_found_is_final: bool,
) -> Resolved {
    let pending = ["authorizing", "pending_review"];
    match state.gateway_client().await.trade_info(receipt_no).await {
        Ok(Some(info)) if matches!(info.status_info, 4 | 30 | 31) => {
            log_operation(
                &state.pool,
                order_id,
                "E04",
                "ok",
                None,
                None,
                Some(&format!("statusInfo {}", info.status_info)),
            )
            .await;
            record(
                transition(
                    &state.pool,
                    order_id,
                    &pending,
                    "authorized",
                    info.crd_c_res_cd.as_deref(),
                    None,
                    None,
                )
                .await,
            );
            Resolved::Authorized
        }
        Ok(found) if not_found_is_final && found.as_ref().is_none_or(|i| i.status_info != 21) => {
            let detail = found.map_or_else(
                || "not found".to_owned(),
                |i| format!("statusInfo {}", i.status_info),
            );
            log_operation(
                &state.pool,
                order_id,
                "E04",
                "ok",
                None,
                None,
                Some(&detail),
            )
            .await;
            record(transition(&state.pool, order_id, &pending, "failed", None, None, None).await);
            Resolved::NotFound
        }
        other => {
            let detail = match other {
                Ok(None) => "not found yet".to_owned(),
                Ok(Some(i)) => format!("statusInfo {}", i.status_info),
                Err(err) => err.to_string(),
            };
            log_operation(
                &state.pool,
                order_id,
                "E04",
                "unknown",
                None,
                None,
                Some(&detail),
            )
            .await;
            record(
                transition(
                    &state.pool,
                    order_id,
                    &["authorizing"],
                    "pending_review",
                    None,
                    None,
                    None,
                )
                .await,
            );
            Resolved::Unknown
        }
    }
}

/// One pass of the reconciler: every order pending review, or stuck in
/// `authorizing` for over `reconcile_stale_secs`, is brought to the gateway's
/// truth, and complete orders left without their mails get them.
/// "Not found" is final only for orders older than the grace period (an A08
/// still in flight at the gateway must not be declared failed). Returns how
/// many were resolved.
pub async fn reconcile_once(state: &AppState) -> Result<usize, ApiError> {
    let stale = crate::db::seconds_ago(state.settings.reconcile_stale_secs);
    let settled_before = crate::db::seconds_ago(state.settings.reconcile_grace_secs);
    let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT id, receipt_no, CASE WHEN created_at < $1 THEN 1 ELSE 0 END, updated_at FROM orders
         WHERE status = 'pending_review' OR (status = 'authorizing' AND updated_at < $2) ORDER BY id LIMIT 100",
    )
    .bind(&settled_before)
    .bind(&stale)
    .fetch_all(&state.pool)
    .await?;
    let mut resolved = 0;
    for (id, receipt_no, old_enough, updated_at) in rows {
        // Another instance's reconciler may have picked it in the same pass.
        if !claim_for_reconciliation(&state.pool, id, &updated_at).await? {
            continue;
        }
        let outcome = resolve_unknown(state, id, &receipt_no, old_enough != 0).await;
        if outcome == Resolved::Authorized {
            send_mails(state, id).await;
        }
        if outcome != Resolved::Unknown {
            resolved += 1;
        }
    }
    // Complete orders whose mails were never queued: the process stopped
    // between recording the order and queueing them, or the queueing failed.
    let unmailed: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM orders WHERE status IN ('authorized', 'accepted') AND mails_queued = 0 AND updated_at < $1 ORDER BY id LIMIT 100",
    )
    .bind(&stale)
    .fetch_all(&state.pool)
    .await?;
    for id in unmailed {
        send_mails(state, id).await;
    }
    Ok(resolved)
}

/// The answer a retry gets for an order whose first request never answered
/// (the server was killed): the order as it stands, 確認中 until the
/// reconciler settles it.
pub async fn answer_for(state: &AppState, order_id: i64) -> Result<Placement, ApiError> {
    let (order_number, status, method, total, buyer_json, code, credit): (
        String,
        String,
        String,
        i64,
        String,
        Option<String>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT order_number, status, payment_method, total, buyer_json, error_code, credit_error_code FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_one(&state.pool)
    .await?;
    let placed = |outcome| -> Result<Placement, ApiError> {
        let buyer: zerostep_domain::order::Buyer =
            serde_json::from_str(&buyer_json).map_err(ApiError::internal)?;
        Ok(Placement::Placed(OrderPlaced {
            order_number: order_number.clone(),
            outcome,
            payment_method: serde_json::from_value(serde_json::Value::String(method.clone()))
                .map_err(ApiError::internal)?,
            total: zerostep_domain::money::Yen::new(total).map_err(ApiError::internal)?,
            email: buyer.email,
        }))
    };
    match status.as_str() {
        "authorized" | "accepted" => placed(OrderOutcome::Complete),
        "declined" => Ok(declined(
            code.as_deref().unwrap_or_default(),
            credit.as_deref(),
            None,
        )),
        "failed" => Ok(not_charged()),
        _ => placed(OrderOutcome::PendingReview),
    }
}

/// Claims an order for one reconciliation, on whichever instance gets there
/// first: its `updated_at` moves on, so a second claim with the value read
/// before fails.
pub async fn claim_for_reconciliation(
    pool: &crate::db::Pool,
    order_id: i64,
    updated_at: &str,
) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query("UPDATE orders SET updated_at = $1 WHERE id = $2 AND updated_at = $3")
            .bind(Utc::now().to_rfc3339())
            .bind(order_id)
            .bind(updated_at)
            .execute(pool)
            .await?
            .rows_affected()
            == 1,
    )
}

/// The 支払方法の名称 and サンクスメール注意書き of the method stored as `code`.
fn payment_for_mail<'s>(shop: &'s Shop, code: &str) -> (&'s str, Option<&'s str>) {
    let info = shop
        .payment_methods()
        .iter()
        .find(|m| m.code.as_str() == code);
    (
        info.map_or("", |m| m.name.as_str()),
        info.and_then(|m| m.notes.as_deref()),
    )
}

async fn mail_for_stored(state: &AppState, id: i64) -> Result<(), String> {
    let row: Option<(String, String, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT order_number, quote_json, buyer_json, recipient_json, delivery_json, payment_method FROM orders WHERE id = $1 AND mails_queued = 0",
    )
    .bind(id)
    .fetch_optional(&state.pool)
    .await
    .map_err(|e| e.to_string())?;
    let Some(row) = row else {
        // Queued already (by this request's first attempt or a reconciler).
        return Ok(());
    };
    let quote: Quote = serde_json::from_str(&row.1).map_err(|e| e.to_string())?;
    let buyer = serde_json::from_str(&row.2).map_err(|e| e.to_string())?;
    let recipient = row
        .3
        .map(|r| serde_json::from_str(&r))
        .transpose()
        .map_err(|e| e.to_string())?;
    let delivery = serde_json::from_str(&row.4).map_err(|e| e.to_string())?;
    let shop = state.shop().await.map_err(|e| e.to_string())?;
    let (payment_name, payment_notes) = payment_for_mail(&shop, &row.5);
    let mail = OrderMail {
        order_id: id,
        order_number: &row.0,
        quote: &quote,
        buyer: &buyer,
        recipient: recipient.as_ref(),
        delivery: &delivery,
        payment_name,
        payment_notes,
    };
    queue_order_mails(
        &state.pool,
        &state.settings.outbox_dir,
        &state.settings.mail_from,
        &state.settings.shop_email,
        &mail,
    )
    .await
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
