//! What the answer to A08 records, and the answer the shopper gets: an
//! approved authorization completes the order (in one transaction with its
//! mails and the stored answer), a decline or a failure ends it, and an
//! unknown outcome is settled with E04 at once or left 確認中 for the
//! reconciler.

use zerostep_domain::order::{OrderOutcome, OrderPlaced, OrderRequest, OrderStatus};
use zerostep_webcollect::{
    Authorized, Error as GatewayCallError, ErrorKind, GatewayError, TransportKind,
};

use super::answer::{answer, declined, Answered, PlaceOrderError, Placement};
use super::mails::{payment_for_mail, send_mails};
use super::outcome::{record, resolve_unknown, Resolved};
use crate::error::ApiError;
use crate::mail::{prepare_order_mails, write_files, OrderMail};
use crate::services::Services;
use crate::shop::Shop;
use crate::store::order_path::{self, log_operation, transition, Completion, WrittenOrder};

/// An order whose row is written and whose A08 was sent.
pub(super) struct Placing<'a> {
    pub(super) state: &'a Services,
    pub(super) shop: &'a Shop,
    pub(super) req: &'a OrderRequest,
    pub(super) quote: &'a zerostep_domain::checkout::Quote,
    pub(super) written: WrittenOrder,
    pub(super) idempotency_key: &'a str,
}

impl Placing<'_> {
    /// The order as the shopper is told of it.
    pub(super) fn placed(&self, outcome: OrderOutcome) -> OrderPlaced {
        OrderPlaced {
            order_number: self.written.order_number.clone(),
            outcome,
            payment_method: self.req.payment.code(),
            total: self.quote.total,
            email: Some(self.req.buyer.email.clone()),
            authentication_url: None,
        }
    }

    /// Records A08's answer and says what to answer.
    pub(super) async fn settle(
        self,
        outcome: Result<Authorized, GatewayCallError>,
    ) -> Result<Answered, ApiError> {
        match outcome {
            Err(GatewayCallError::Transport(t)) => Ok(self.unknown(t.detail, t.kind).await.into()),
            Err(GatewayCallError::Gateway(g)) if g.kind == ErrorKind::OutcomeUnknown => {
                let detail = format!("gateway answered {}", g.code);
                Ok(self.unknown(detail, TransportKind::Timeout).await.into())
            }
            Ok(auth) => Ok(self.authorized(auth).await),
            Err(GatewayCallError::Gateway(g)) => Ok(self.refused(g).await.into()),
            Err(GatewayCallError::Invalid(f)) => {
                let pool = &self.state.pool;
                let order_id = self.written.order_id;
                log_operation(
                    pool,
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
                        pool,
                        order_id,
                        &[OrderStatus::Authorizing],
                        OrderStatus::Failed,
                        None,
                        Some(&f.code),
                        None,
                    )
                    .await,
                );
                self.forget_attempt().await;
                Ok(PlaceOrderError::FieldBreaksGatewayRule {
                    field: f.field.to_string(),
                    code: f.code,
                }
                .into())
            }
        }
    }

    /// The outcome is unknown: E04 settles it now if it can. Only a refused
    /// connection (nothing sent) or an unreadable reply (the gateway
    /// finished) makes "not found" final. A timeout, a cut connection or an
    /// HTTP error (a proxy's 502/504 in front of the gateway) may still be
    /// processed.
    async fn unknown(&self, detail: String, kind: TransportKind) -> Placement {
        let order_id = self.written.order_id;
        log_operation(
            &self.state.pool,
            order_id,
            "A08",
            "unknown",
            None,
            None,
            Some(&detail),
        )
        .await;
        let may_be_in_flight = !matches!(kind, TransportKind::Connect | TransportKind::BadReply);
        let receipt_no = &self.written.receipt_no;
        match resolve_unknown(self.state, order_id, receipt_no, !may_be_in_flight).await {
            Resolved::Authorized => {
                self.forget_attempt().await;
                send_mails(self.state, order_id).await;
                Placement::Placed(self.placed(OrderOutcome::Complete))
            }
            // A lost answer is not the card's fault: neither counts
            // against the card-testing limit (a shopper told 確認中 may try
            // again without being locked out).
            Resolved::NotFound => {
                self.forget_attempt().await;
                PlaceOrderError::NotCharged.into()
            }
            Resolved::Unknown => {
                self.forget_attempt().await;
                Placement::Placed(self.placed(OrderOutcome::PendingReview))
            }
        }
    }

    /// Approved: the order, its mails and the answer under the key are
    /// recorded in one transaction through the writer, so that a retry of
    /// the request sees the complete order or none of it; if that fails,
    /// the steps are recorded one by one.
    async fn authorized(&self, auth: Authorized) -> Answered {
        let state = self.state;
        let order_id = self.written.order_id;
        let placement = Placement::Placed(self.placed(OrderOutcome::Complete));
        let reply = answer(&placement);
        let method = self.req.payment.code();
        let (payment_name, payment_notes) = payment_for_mail(self.shop, method.as_str());
        let texts = self.shop.profile().mail_texts();
        let mail = OrderMail {
            order_id,
            order_number: &self.written.order_number,
            quote: self.quote,
            buyer: &self.req.buyer,
            recipient: self.req.recipient.as_ref(),
            delivery: &self.req.delivery,
            payment_name,
            payment_notes,
            texts: &texts,
        };
        let mails = prepare_order_mails(&state.config.mail_from, &state.config.shop_email, &mail);
        let completion = Completion {
            order_id,
            crd_c_res_cd: auth.crd_c_res_cd.clone(),
            attempt_id: self.written.attempt_id,
            mails: mails.outbox_rows(),
            idempotency_key: self.idempotency_key.to_owned(),
            reply: reply.clone(),
        };
        match state.writer.complete_authorized(completion).await {
            Ok(ids) => {
                if let Some(ids) = ids {
                    let files = mails.into_files(&state.config.outbox_dir, &ids);
                    if let Err(err) = write_files(&state.config.outbox_dir, files).await {
                        tracing::error!(%err, order_id, "order mail not written");
                    }
                }
                return Answered {
                    reply,
                    stored: true,
                };
            }
            Err(err) => {
                // Recorded step by step instead, each step on its own.
                tracing::warn!(%err, order_id, "authorized order not completed in one transaction");
            }
        }
        record(order_path::record_authorized(&state.pool, order_id, &auth.crd_c_res_cd).await);
        self.forget_attempt().await;
        send_mails(state, order_id).await;
        placement.into()
    }

    /// Refused by the gateway: a decline or a token that is unknown,
    /// expired or used already (the card attempt counts: a card tester's
    /// bogus tokens cost it as much as declines), or another failure (it
    /// does not); nothing was charged.
    async fn refused(&self, g: GatewayError) -> Placement {
        let pool = &self.state.pool;
        let order_id = self.written.order_id;
        let credit = g.credit_error_code.as_deref();
        log_operation(pool, order_id, "A08", "error", Some(&g.code), credit, None).await;
        let is_decline = g.kind == ErrorKind::Decline;
        let status = if is_decline {
            OrderStatus::Declined
        } else {
            OrderStatus::Failed
        };
        record(
            transition(
                pool,
                order_id,
                &[OrderStatus::Authorizing],
                status,
                None,
                Some(&g.code),
                credit,
            )
            .await,
        );
        if is_decline {
            return declined(&g.code, credit, Some(&g.ja));
        }
        if g.kind == ErrorKind::TokenExpired {
            return PlaceOrderError::TokenExpired.into();
        }
        // Neither the card nor its token is at fault: the attempt does not count.
        self.forget_attempt().await;
        match g.kind {
            ErrorKind::Maintenance => PlaceOrderError::Maintenance { code: g.code }.into(),
            _ => PlaceOrderError::Gateway { code: g.code }.into(),
        }
    }

    /// Forgets the claimed card attempt: the card was not at fault, or it
    /// was authorized (neither counts against the card-testing limit).
    async fn forget_attempt(&self) {
        if let Some(id) = self.written.attempt_id {
            if let Err(err) = order_path::forget_attempt(&self.state.pool, id).await {
                tracing::error!(%err, "card attempt not cleared");
            }
        }
    }
}
