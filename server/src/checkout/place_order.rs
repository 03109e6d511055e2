//! Placing an order, as named steps: the offer's checks (re-priced from the
//! shop's own catalogue), the order row, and A08, whose answer
//! `a08_outcome` records.
//!
//! Only an authorized card order is complete (the seed: 与信が通った場合のみ注文が
//! 完了). Every state change is one statement guarded by the expected previous
//! state, so a late answer can never overwrite a newer truth.

use zerostep_domain::checkout::{PaymentMethodCode, Quote, QuoteRequest, UnavailableReason};
use zerostep_domain::order::{OrderOutcome, OrderRequest, OrderStatus, PaymentRequest};
use zerostep_domain::text::{first_unsupported, fits};
use zerostep_webcollect::{A08Reply, CreditToken, DeviceDiv};

use super::a08_outcome::Placing;
use super::answer::{Answered, PlaceOrderError, Placement, Requester};
use super::mails::{send_mails, to_json};
use super::pricing::price_request;
use super::three_d;
use crate::error::ApiError;
use crate::services::Services;
use crate::shop::Shop;
use crate::store::order_path::{AttemptClaim, NewOrder};

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

fn too_many_attempts(who: &Requester) -> PlaceOrderError {
    tracing::warn!(ip = %who.ip, "card attempts blocked: too many failed authorizations");
    crate::telemetry::card_attempt_refused("too_many_failures");
    PlaceOrderError::TooManyAttempts
}

/// Places an order (the idempotency key is handled by the caller): the
/// offer's checks, the order row, then for a card A08 and what its answer
/// records. An `Err` comes only before the order row exists; from A08 on,
/// the answer always says what the gateway did.
pub async fn place(
    state: &Services,
    req: &OrderRequest,
    who: &Requester,
    idempotency_key: &str,
) -> Result<Answered, ApiError> {
    let shop = state.shop().await?;
    let quote = match check_offer(&shop, req, who)? {
        Ok(quote) => quote,
        Err(refusal) => return Ok(refusal.into()),
    };
    // One transaction claims the card attempt and writes the order row. The
    // attempt counts against the card-testing limit before A08, claimed in
    // one statement so simultaneous requests cannot slip past the limit; an
    // authorization (or a failure that is not the card's) removes it again.
    // The order row comes first, so no authorization can exist without it,
    // and its commit is synced to disk: after a power loss the row (and the
    // idempotency key written before it) still exists for the reconciler.
    crate::failpoint::hit("key_claimed");
    let device = DeviceDiv::from_user_agent(&who.user_agent);
    let row = order_row(state, &shop, req, who, idempotency_key, &quote, device);
    let Some(written) = state.writer.write_order(row).await? else {
        return Ok(too_many_attempts(who).into());
    };
    let placing = Placing {
        state,
        shop: &shop,
        req,
        quote: &quote,
        written,
        idempotency_key,
    };
    let PaymentRequest::Card { token, pay_way } = &req.payment else {
        send_mails(state, placing.written.order_id).await;
        return Ok(Placement::Placed(placing.placed(OrderOutcome::Complete)).into());
    };
    let a08 = CreditToken {
        device_div: device,
        order_no: placing.written.receipt_no.clone(),
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
    if shop.three_d_auth_div().is_none() {
        let outcome = client.credit_token(&a08).await;
        crate::failpoint::hit("a08_answered");
        return placing.settle(outcome).await;
    }
    // 3-D Secure: a token made with the shop's 3-D Secure authDiv starts an
    // authentication; one made before the setting changed is authorized at once.
    let session_id = three_d::new_session_id();
    let url = three_d::return_url(state, &who.host, &session_id);
    let outcome = client
        .credit_token_3ds(&a08, &three_d::three_d_request(req, url))
        .await;
    crate::failpoint::hit("a08_answered");
    match outcome {
        Ok(A08Reply::ThreeDSecure(start)) => Ok(placing.authenticate(&session_id, start).await),
        Ok(A08Reply::Authorized(auth)) => placing.settle(Ok(auth)).await,
        Err(err) => placing.settle(Err(err)).await,
    }
}

/// Re-prices the order from the shop's own catalogue and checks what it
/// offers: the payment method, the confirmed total, the delivery date and
/// the 支払回数. The inner `Err` is a refusal to answer with; the outer one
/// an invalid request (an unknown product, a cart too large).
fn check_offer(
    shop: &Shop,
    req: &OrderRequest,
    who: &Requester,
) -> Result<Result<Quote, PlaceOrderError>, ApiError> {
    let method = req.payment.code();
    let prefecture = req
        .recipient
        .as_ref()
        .map_or(req.buyer.address.prefecture, |r| r.address.prefecture);
    let quote = price_request(
        shop,
        &QuoteRequest {
            lines: req.lines.clone(),
            prefecture: Some(prefecture),
            delivery_method: Some(req.delivery.method.clone()),
        },
        &who.user_agent,
    )?;
    let reason = match quote.payment_methods.iter().find(|a| a.code == method) {
        Some(a) => a.reason,
        None => Some(UnavailableReason::Disabled),
    };
    if let Some(reason) = reason {
        return Ok(Err(PlaceOrderError::PaymentUnavailable {
            reason,
            card: method == PaymentMethodCode::Card,
        }));
    }
    if quote.total != req.confirmed_total {
        return Ok(Err(PlaceOrderError::PriceChanged { total: quote.total }));
    }
    if let Some(date) = &req.delivery.date {
        let offered = shop
            .delivery_methods(crate::shop::today_jst())
            .iter()
            .find(|d| d.code == req.delivery.method)
            .is_some_and(|d| d.dates.iter().any(|x| &x.date == date));
        if !offered {
            return Ok(Err(PlaceOrderError::InvalidDeliveryDate));
        }
    }
    if let PaymentRequest::Card { pay_way, .. } = &req.payment {
        if !shop.card_pay_ways().contains(&pay_way.get()) {
            return Ok(Err(PlaceOrderError::PayWayNotOffered));
        }
    }
    Ok(Ok(quote))
}

/// The order row to write before A08: a card order is `authorizing` and
/// claims a card attempt; a bank transfer is `accepted` at once.
fn order_row(
    state: &Services,
    shop: &Shop,
    req: &OrderRequest,
    who: &Requester,
    idempotency_key: &str,
    quote: &Quote,
    device: DeviceDiv,
) -> NewOrder {
    let method = req.payment.code();
    let card = method == PaymentMethodCode::Card;
    NewOrder {
        attempt: card.then(|| AttemptClaim {
            ip: who.ip_bucket.clone(),
            email: req.buyer.email.mailbox(),
            session: who.session.clone(),
            since: crate::store::seconds_ago(state.config.card_failure_window_secs),
            limit: i64::from(state.config.card_failure_limit),
        }),
        status: if card {
            OrderStatus::Authorizing
        } else {
            OrderStatus::Accepted
        },
        method: method.as_str(),
        payment_name: shop.payment_method(method.as_str()).map(|m| m.name.clone()),
        client_ip: card.then(|| who.ip.clone()),
        pay_way: match &req.payment {
            PaymentRequest::Card { pay_way, .. } => Some(i64::from(pay_way.get())),
            PaymentRequest::BankTransfer => None,
        },
        total: i64::from(quote.total),
        quote_json: to_json(quote),
        buyer_json: to_json(&req.buyer),
        search_text: zerostep_domain::search::buyer_text(&req.buyer),
        recipient_json: req.recipient.as_ref().map(to_json),
        delivery_json: to_json(&req.delivery),
        device_div: device.code(),
        idempotency_key: idempotency_key.to_owned(),
    }
}
