//! `GET /api/openapi.json`: the OpenAPI 3.1 description of the shop's
//! public API (what the purchase page and an embedding host call), made
//! from the code: each body's schema is derived from the domain type the
//! server reads or writes (`utoipa`, the domain's `openapi` feature), and
//! each operation is declared below beside the route table it must match
//! (`routes::shopper_routes`, checked by this module's test). The examples
//! are requests the server accepts (`tests/api/shop/openapi.rs` sends them).
//! The admin's API is not public and is not described.

#![allow(dead_code)] // The declarations only carry their `#[utoipa::path]`.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;
use zerostep_domain::api::proof::ProofChallenge;
use zerostep_domain::checkout::{CheckoutConfig, PostalLookup, Quote, QuoteRequest};
use zerostep_domain::order::{OrderPlaced, OrderRequest};
use zerostep_domain::{ApiErrorBody, Health, Product};

/// The document, made once.
pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ShopperApi::openapi()
            .to_pretty_json()
            .unwrap_or_else(|err| format!("{{\"error\": \"{err}\"}}"))
    })
}

/// The handler of `GET /api/openapi.json`.
pub async fn serve() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        document(),
    )
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Zerostep shopper API",
        description = "The shop's public API: its catalogue and checkout settings, prices for a cart, placing an order (card payments with a token from Yamato's token JavaScript, never card data), finding out what became of an order whose answer was lost, and the 3-D Secure leg. Errors are `{code, message: {ja, en}}` with a stable `code`. The embeddable widget calls it from other origins allowed by the shop (CORS).",
        license(name = "MIT OR Apache-2.0")
    ),
    paths(
        health,
        openapi_json,
        products,
        checkout_config,
        checkout_challenge,
        quotes,
        orders,
        orders_abandon,
        three_d_answer,
        three_d_frame,
        three_d_start,
        three_d_return,
        payment_logo,
        postal_code,
        csp_reports
    ),
    tags(
        (name = "shop", description = "The catalogue and the purchase page's settings"),
        (name = "checkout", description = "Prices and orders"),
        (name = "3-D Secure", description = "The issuer's authentication of a card order"),
        (name = "service", description = "Health, this document, browser reports")
    )
)]
pub struct ShopperApi;

/// An API error: `{code, message: {ja, en}}`.
type Error = ApiErrorBody;

#[utoipa::path(get, path = "/api/health", tag = "service",
    responses(
        (status = 200, description = "The server and its database answer", body = Health),
        (status = 503, description = "The database does not answer", body = Health),
    ))]
fn health() {}

#[utoipa::path(get, path = "/api/openapi.json", tag = "service",
    responses((status = 200, description = "This document (OpenAPI 3.1)", content_type = "application/json")))]
fn openapi_json() {}

#[utoipa::path(get, path = "/api/products", tag = "shop",
    responses((status = 200, description = "The catalogue, tax-included prices", body = Vec<Product>)))]
fn products() {}

#[utoipa::path(get, path = "/api/checkout/config", tag = "shop",
    responses((status = 200, description = "Payment and delivery choices, the token script's settings, the カートタイプ and the shopper's session (send it back as `X-Zerostep-Session`)", body = CheckoutConfig)))]
fn checkout_config() {}

#[utoipa::path(get, path = "/api/checkout/challenge", tag = "checkout",
    responses((status = 200, description = "A proof-of-work challenge, asked for while the shop is under a card-testing attack (`proof_required`); its solution goes in `X-Zerostep-Proof`", body = ProofChallenge)))]
fn checkout_challenge() {}

#[utoipa::path(post, path = "/api/quotes", tag = "checkout",
    request_body(content = QuoteRequest, description = "The cart, and the delivery prefecture and method once known",
        example = json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 2}], "prefecture": 13, "delivery_method": "takkyubin"})),
    responses(
        (status = 200, description = "The server's prices: lines, tax per rate, shipping, total, and each payment method's availability", body = Quote),
        (status = 400, description = "A field breaks its rule (`invalid_field`, `empty_cart`, `invalid_quantity`…)", body = Error),
        (status = 422, description = "A product or delivery method the shop does not have (`unknown_sku`, `unknown_delivery_method`)", body = Error),
    ))]
fn quotes() {}

#[utoipa::path(post, path = "/api/orders", tag = "checkout",
    params(
        ("Idempotency-Key" = String, Header, description = "32–100 characters `A–Z a–z 0–9 - _`, one per order: a retry with the same key is answered from the first request and never places a second order"),
        ("X-Zerostep-Session" = Option<String>, Header, description = "The session `GET /api/checkout/config` issued (counts card attempts per browser tab)"),
        ("X-Zerostep-Proof" = Option<String>, Header, description = "A solved challenge, when the answer was `proof_required`"),
    ),
    request_body(content = OrderRequest, description = "The order: prices come from the server, and `confirmed_total` is the total the shopper confirmed",
        example = json!({
            "lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}],
            "buyer": {
                "name": {"family": "山田", "given": "太郎"}, "family_kana": "ヤマダ", "given_kana": "タロウ",
                "email": "taro@example.jp", "phone": "090-1234-5678",
                "address": {"postal_code": "1000001", "prefecture": 13, "city": "千代田区千代田", "line1": "1-2-3", "line2": null}
            },
            "recipient": null,
            "delivery": {"method": "takkyubin", "date": null, "time_slot": "unspecified"},
            "payment": {"method": "bank_transfer"},
            "confirmed_total": 4180
        })),
    responses(
        (status = 201, description = "Placed (`outcome: complete`)", body = OrderPlaced),
        (status = 202, description = "Not known yet (`pending_review`: ask again with `POST /api/orders/abandon`), or a 3-D Secure authentication to run (`authenticate`)", body = OrderPlaced),
        (status = 400, description = "A field breaks its rule (the message names it), or the key is missing or malformed", body = Error),
        (status = 402, description = "The card was declined or not authenticated (`card_declined`, `authentication_failed`): nothing charged", body = Error),
        (status = 409, description = "The confirmed total changed (`price_changed`), the key was withdrawn (`order_withdrawn`), or its first request is still running (`request_in_progress`)", body = Error),
        (status = 415, description = "The body is not `application/json`", body = Error),
        (status = 422, description = "The offer does not allow it (`payment_method_unavailable`, `pay_way_not_offered`, `invalid_delivery_date`, `unknown_sku`), the token expired (`token_expired`: make a new one), or the key was used for another order (`idempotency_key_reused`)", body = Error),
        (status = 428, description = "Solve a challenge first (`proof_required`, `proof_invalid`: `GET /api/checkout/challenge`, then `X-Zerostep-Proof`)", body = Error),
        (status = 429, description = "Too many attempts or orders: wait (`Retry-After`)", body = Error),
        (status = 502, description = "The gateway refused or failed (`gateway_unavailable`, `gateway_error`): nothing charged", body = Error),
        (status = 503, description = "Yamato's gateway is in maintenance (`gateway_maintenance`): nothing charged", body = Error),
    ))]
fn orders() {}

#[utoipa::path(post, path = "/api/orders/abandon", tag = "checkout",
    params(("Idempotency-Key" = String, Header, description = "The key of the order whose answer was lost")),
    responses(
        (status = 201, description = "The order's request was answered: the order (any status that request got is replayed, 202 and the refusals included)", body = OrderPlaced),
        (status = 400, description = "The key is missing or malformed", body = Error),
        (status = 409, description = "`order_withdrawn`: it never arrived, and now never will be placed; or `request_in_progress`", body = Error),
        (status = 429, description = "Too many asks: wait (`Retry-After`)", body = Error),
    ))]
fn orders_abandon() {}

#[utoipa::path(get, path = "/api/3ds/{id}", tag = "3-D Secure",
    params(("id" = String, Path, description = "The authentication's id from the `authenticate` answer")),
    responses(
        (status = 201, description = "The order, once authenticated and authorized (a refusal is replayed with its own status: 402, 502…)", body = OrderPlaced),
        (status = 202, description = "Still authenticating", body = OrderPlaced),
        (status = 402, description = "Not authenticated, or declined after: nothing charged", body = Error),
        (status = 404, description = "No such authentication", body = Error),
    ))]
fn three_d_answer() {}

#[utoipa::path(get, path = "/api/3ds/{id}/frame", tag = "3-D Secure",
    params(("id" = String, Path, description = "The authentication's id")),
    responses((status = 200, description = "The page the issuer's challenge runs in (HTML, for an iframe)", content_type = "text/html")))]
fn three_d_frame() {}

#[utoipa::path(get, path = "/api/3ds/{id}/start", tag = "3-D Secure",
    params(("id" = String, Path, description = "The authentication's id")),
    responses((status = 200, description = "The page that posts the shopper to the issuer (HTML)", content_type = "text/html")))]
fn three_d_start() {}

#[utoipa::path(post, path = "/api/3ds/return/{id}", tag = "3-D Secure",
    params(("id" = String, Path, description = "The opaque id in the return URL the gateway was given")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "The issuer's result, forwarded to A09 unchanged"),
    responses((status = 200, description = "The page that tells the purchase page the authentication is over (HTML)", content_type = "text/html")))]
fn three_d_return() {}

#[utoipa::path(get, path = "/api/payment-logos/{code}", tag = "shop",
    params(("code" = String, Path, description = "A payment method's code (`card`, `bank_transfer`)")),
    responses(
        (status = 200, description = "The logo the merchant uploaded", content_type = "image/*"),
        (status = 404, description = "No logo", body = Error),
    ))]
fn payment_logo() {}

#[utoipa::path(get, path = "/api/postal-codes/{code}", tag = "shop",
    params(("code" = String, Path, description = "A 郵便番号 of 7 digits", example = "1000001")),
    responses(
        (status = 200, description = "The prefecture, city and town(s) for autofill", body = PostalLookup),
        (status = 404, description = "`postal_code_not_found`", body = Error),
    ))]
fn postal_code() {}

#[utoipa::path(post, path = "/api/csp-reports", tag = "service",
    request_body(content = String, content_type = "application/reports+json", description = "A browser's Content-Security-Policy violation reports"),
    responses((status = 204, description = "Received")))]
fn csp_reports() {}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{id}` as both write it; methods in lower case.
    fn documented() -> Vec<(String, String)> {
        let doc: serde_json::Value = serde_json::from_str(document()).expect("JSON");
        let mut found = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths") {
            for method in item.as_object().expect("item").keys() {
                found.push((path.clone(), method.clone()));
            }
        }
        found.sort();
        found
    }

    #[test]
    fn every_public_route_is_described_and_nothing_else() {
        let mut routed: Vec<(String, String)> =
            crate::http::routes::shopper_routes::<crate::app::AppState>()
                .into_iter()
                .chain(crate::http::routes::report_routes::<crate::app::AppState>())
                .flat_map(|(path, methods, _)| {
                    methods
                        .iter()
                        .map(move |m| (format!("/api{path}"), m.to_lowercase()))
                })
                .collect();
        routed.sort();
        assert_eq!(documented(), routed);
    }

    #[test]
    fn the_document_is_openapi_3_1_with_the_domains_schemas() {
        let doc: serde_json::Value = serde_json::from_str(document()).expect("JSON");
        assert!(doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1")));
        let schemas = doc["components"]["schemas"].as_object().expect("schemas");
        for name in [
            "OrderRequest",
            "OrderPlaced",
            "Quote",
            "CheckoutConfig",
            "ApiErrorBody",
            "ErrorCode",
        ] {
            assert!(schemas.contains_key(name), "{name} in {:?}", schemas.keys());
        }
        // Hand-written schemas say what the wire carries.
        assert_eq!(schemas["TaxRate"]["enum"], serde_json::json!([10, 8]));
        let codes = schemas["ErrorCode"]["enum"].as_array().expect("codes");
        assert!(codes.contains(&serde_json::json!("card_declined")));
        let payment = serde_json::to_string(&schemas["PaymentRequest"]).expect("json");
        assert!(
            payment.contains("bank_transfer") && payment.contains("method"),
            "{payment}"
        );
    }
}
