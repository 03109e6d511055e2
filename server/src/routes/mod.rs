//! The public API, one file per resource.

pub mod admin;
pub mod admin_bulk;
pub mod admin_settings;
pub mod checkout;
mod health;
mod orders;
mod postal_codes;
mod products;

use axum::routing::{get, post};
use axum::Router;

use crate::{ApiError, AppState};

/// Routes under `/api`. The shopper's routes answer CORS requests from
/// `embed_origins` (the embedded widget); the admin's never do.
pub fn api(embed_origins: &[String]) -> Router<AppState> {
    let shopper = Router::new()
        .route("/health", get(health::health))
        .route("/products", get(products::list))
        .route("/checkout/config", get(checkout::config))
        .route("/quotes", post(checkout::quote))
        .route("/orders", post(orders::create))
        .route("/payment-logos/{code}", get(admin_settings::get_logo))
        .route("/postal-codes/{code}", get(postal_codes::lookup))
        .layer(crate::embed::cors(embed_origins));
    Router::new()
        .merge(shopper)
        .route("/admin/login", post(admin::login))
        .route("/admin/logout", post(admin::logout))
        .route("/admin/session", get(admin::session))
        .route("/admin/orders", get(admin::orders))
        .route(
            "/admin/settings/delivery",
            get(admin_settings::get_delivery),
        )
        .route(
            "/admin/settings/delivery/{code}",
            axum::routing::put(admin_settings::put_delivery),
        )
        .route("/admin/outbox", get(admin_settings::outbox))
        .route(
            "/admin/settings/card/trader-code",
            axum::routing::put(admin_settings::put_trader_code),
        )
        .route(
            "/admin/settings/card/logo",
            axum::routing::put(admin_settings::put_logo).delete(admin_settings::delete_logo),
        )
        .route(
            "/admin/settings/card/access-key",
            axum::routing::put(admin_settings::put_access_key),
        )
        .route("/admin/bulk/candidates", get(admin_bulk::candidates))
        .route("/admin/bulk/reauth", post(admin_bulk::start))
        .route("/admin/bulk/jobs", get(admin_bulk::jobs))
        .route("/admin/bulk/jobs/{id}", get(admin_bulk::job))
        .route(
            "/admin/settings/card",
            get(admin_settings::get_card).put(admin_settings::put_card),
        )
        .route("/admin/orders/{number}", get(admin::order))
        .route("/admin/orders/{number}/shipment", post(admin::shipment))
        .route("/admin/orders/{number}/reauth", post(admin::reauth))
        .route("/admin/orders/{number}/cancel", post(admin::cancel))
        .route("/admin/orders/{number}/amount", post(admin::amount))
        .route("/admin/orders/{number}/sync", post(admin::sync))
        .fallback(|| async {
            ApiError::NotFound("指定された API はありません。/ No such API endpoint.")
        })
}
