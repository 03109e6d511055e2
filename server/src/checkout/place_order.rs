//! Placing an order: re-pricing, the offer's checks, the order row, the A08
//! authorization and what its answer records.
//!
//! Only an authorized card order is complete (the seed: 与信が通った場合のみ注文が
//! 完了). Every state change is one statement guarded by the expected previous
//! state, so a late answer can never overwrite a newer truth.

use zerostep_domain::checkout::{PaymentMethodCode, Quote, QuoteRequest, UnavailableReason};
use zerostep_domain::order::{OrderOutcome, OrderPlaced, OrderRequest, PaymentRequest};
use zerostep_domain::text::{first_unsupported, fits};
use zerostep_webcollect::{
    CreditToken, DeviceDiv, Error as GatewayCallError, ErrorKind, TransportKind,
};

use super::answer::{answer, declined, not_charged, refused, Answered, Placement, Requester};
use super::mails::{payment_for_mail, send_mails, to_json};
use super::outcome::{record, resolve_unknown, Resolved};
use super::pricing::price_request;
use crate::error::ApiError;
use crate::mail::{prepare_order_mails, write_files, OrderMail};
use crate::services::Services;
use crate::store::order_path::{
    authorize, log_operation, transition, AttemptClaim, Completion, NewOrder, WrittenOrder,
    FORGET_ATTEMPT,
};

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

fn too_many_attempts(who: &Requester) -> Placement {
    tracing::warn!(ip = %who.ip, "card attempts blocked: too many failed authorizations");
    refused(
        429,
        "too_many_attempts",
        "カード決済の失敗が続いたため、しばらく時間をおいてからお試しください。/ Too many failed card attempts; please try again later.",
    )
}

/// Places an order (the idempotency key is handled by the caller).
pub async fn place(
    state: &Services,
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
            .delivery_methods(crate::shop::today_jst())
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
    let device = DeviceDiv::from_user_agent(&who.user_agent);
    let card = method == PaymentMethodCode::Card;
    let row = NewOrder {
        attempt: card.then(|| AttemptClaim {
            ip: who.ip.clone(),
            email: req.buyer.email.as_ref().to_owned(),
            session: who.session.clone(),
            since: crate::store::seconds_ago(state.settings.card_failure_window_secs),
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
    let Some(WrittenOrder {
        attempt_id,
        receipt_no,
        order_id,
        order_number,
    }) = state.writer.write_order(row).await?
    else {
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
    let client = state.gateway.client_for(shop.saved_trader_code());
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
            let mails =
                prepare_order_mails(&state.settings.mail_from, &state.settings.shop_email, &mail);
            let completion = Completion {
                order_id,
                crd_c_res_cd: auth.crd_c_res_cd.clone(),
                attempt_id,
                mails: mails.outbox_rows(),
                idempotency_key: idempotency_key.to_owned(),
                reply: reply.clone(),
            };
            // In one transaction through the writer, so that a retry of the
            // request sees the complete order or none of it; on an error
            // nothing is written, and the steps are recorded one by one.
            match state.writer.complete_authorized(completion).await {
                Ok(ids) => {
                    if let Some(ids) = ids {
                        let files = mails.into_files(&state.settings.outbox_dir, &ids);
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

/// After an approved A08, in one transaction: the operation log and 与信完了.
/// If it fails, the order stays `authorizing` and the reconciler settles it
/// with E04. (The card attempt is forgotten apart, so that failing to delete
/// it cannot undo this record.)
async fn record_authorized(
    state: &Services,
    order_id: i64,
    crd_c_res_cd: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = state.pool.begin().await?;
    let moved = authorize(&mut tx, order_id, crd_c_res_cd).await?;
    tx.commit().await?;
    Ok(moved)
}
