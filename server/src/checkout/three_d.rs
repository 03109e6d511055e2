//! EMV 3-D Secure, the A08 leg (reference/webcollect-3ds.md §3, §4): when
//! the shop authenticates, A08 carries `trader_ec_url` (our return address,
//! with an opaque session id: the return POST brings no cookie) and the risk
//! data the card brands ask for. An answer that asks for an authentication
//! is stored as a session, and the shopper is sent to its start page.

use rand::distr::{Alphanumeric, SampleString};
use zerostep_domain::address::Address;
use zerostep_domain::order::{OrderOutcome, OrderRequest, OrderStatus};
use zerostep_webcollect::three_d::{RiskAddress, RiskData};
use zerostep_webcollect::{ThreeDRequest, ThreeDSecureStart};

use super::a08_outcome::Placing;
use super::answer::{Answered, PlaceOrderError, Placement};
use super::outcome::record;
use crate::services::Services;
use crate::store::order_path::{log_operation, transition};
use crate::store::three_d_sessions::{self, NewSession};

/// A new session id: 32 alphanumerics (190 bits), unguessable.
pub fn new_session_id() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), 32)
}

/// Where the issuer's page posts the result: `/api/3ds/return/<id>` on the
/// shop's public address.
pub fn return_url(state: &Services, host: &str, session_id: &str) -> String {
    format!(
        "{}/api/3ds/return/{session_id}",
        state.config.public_base(host)
    )
}

/// The page on our origin that starts the authentication.
pub fn start_path(session_id: &str) -> String {
    format!("/api/3ds/{session_id}/start")
}

fn risk_address(a: &Address) -> RiskAddress {
    RiskAddress {
        post_code: a.postal_code.digits().to_owned(),
        prefecture: a.prefecture.code(),
        city: a.city.as_ref().to_owned(),
        line1: a.line1.as_ref().to_owned(),
        line2: a
            .line2
            .as_ref()
            .map(|l| l.as_ref().to_owned())
            .unwrap_or_default(),
    }
}

/// What A08 adds for 3-D Secure: the return address and the buyer's risk
/// data (e-mail, phone, billing and delivery address).
pub fn three_d_request(req: &OrderRequest, trader_ec_url: String) -> ThreeDRequest {
    let shipping = req
        .recipient
        .as_ref()
        .map_or(&req.buyer.address, |r| &r.address);
    ThreeDRequest {
        trader_ec_url,
        risk: RiskData {
            email: Some(req.buyer.email.as_ref().to_owned()),
            phone: Some(req.buyer.phone.as_ref().to_owned()),
            billing: Some(risk_address(&req.buyer.address)),
            shipping: Some(risk_address(shipping)),
        },
    }
}

impl Placing<'_> {
    /// A08 asked for an authentication: the session is stored and the
    /// shopper is sent to its start page. Nothing is authorized yet; the
    /// order stays `authorizing` until the return (or the reconciler, if the
    /// shopper never comes back).
    pub(super) async fn authenticate(self, session_id: &str, start: ThreeDSecureStart) -> Answered {
        let pool = &self.state.pool;
        let order_id = self.written.order_id;
        log_operation(
            pool,
            order_id,
            "A08",
            "ok",
            None,
            None,
            Some("3-D Secure authentication started"),
        )
        .await;
        let stored = three_d_sessions::insert(
            pool,
            &NewSession {
                id: session_id,
                order_id,
                idempotency_key: self.idempotency_key,
                attempt_id: self.written.attempt_id,
                three_d_token: &start.three_d_token,
                start_html: &start.html,
            },
        )
        .await;
        if let Err(err) = stored {
            // Without the session the authentication cannot end in A09:
            // the order fails here, and the gateway interrupts its side.
            tracing::error!(%err, order_id, "3-D Secure session not stored");
            record(
                transition(
                    pool,
                    order_id,
                    &[OrderStatus::Authorizing],
                    OrderStatus::Failed,
                    None,
                    None,
                    None,
                )
                .await,
            );
            return PlaceOrderError::NotCharged.into();
        }
        let mut placed = self.placed(OrderOutcome::Authenticate);
        placed.authentication_url = Some(start_path(session_id));
        Placement::Placed(placed).into()
    }
}
