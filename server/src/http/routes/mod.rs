//! The API under `/api`, one file per route group. The routers are generic
//! over the application's state `S`, from which each handler takes only the
//! part it uses (`State<Services>`, `State<Pool>`).

pub mod admin;
pub mod admin_bulk;
pub mod admin_settings;
pub mod checkout;
mod health;
mod orders;
mod postal_codes;
mod products;

use axum::extract::FromRef;
use axum::routing::{delete, get, post, put, MethodRouter};
use axum::Router;

use crate::error::ApiError;
use crate::services::Services;
use crate::store::Pool;

/// Routes under `/api`. The shopper's routes answer CORS requests from
/// `embed_origins` (the embedded widget); the admin's never do.
pub fn api<S>(embed_origins: &[String]) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
    Pool: FromRef<S>,
{
    let shopper = Router::new()
        .route("/health", get(health::health))
        .route("/products", get(products::list))
        .route("/checkout/config", get(checkout::config))
        .route("/quotes", post(checkout::quote))
        .route("/orders", post(orders::create))
        .route("/orders/abandon", post(orders::abandon))
        .route("/payment-logos/{code}", get(admin_settings::get_logo))
        .route("/postal-codes/{code}", get(postal_codes::lookup))
        .layer(crate::http::embed::cors(embed_origins));
    let mut router = Router::new()
        .merge(shopper)
        .route("/admin/login", post(admin::login))
        .route("/admin/logout", post(admin::logout))
        .route("/admin/session", get(admin::session));
    for (path, _, handler) in admin_routes() {
        router = router.route(path, handler);
    }
    router.fallback(|| async {
        ApiError::NotFound("指定された API はありません。/ No such API endpoint.")
    })
}

/// An admin route: its path, its methods, and their handlers.
pub type AdminRoute<S> = (&'static str, &'static [&'static str], MethodRouter<S>);

/// Every admin route behind the login (below `/api`), with its methods. The
/// router is built from this list, and a test walks it to show each route
/// refuses anonymous and CSRF-less requests.
pub fn admin_routes<S>() -> Vec<AdminRoute<S>>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
    Pool: FromRef<S>,
{
    vec![
        ("/admin/orders", &["GET"], get(admin::orders)),
        ("/admin/orders/{number}", &["GET"], get(admin::order)),
        (
            "/admin/orders/{number}/shipment",
            &["POST"],
            post(admin::shipment),
        ),
        (
            "/admin/orders/{number}/reauth",
            &["POST"],
            post(admin::reauth),
        ),
        (
            "/admin/orders/{number}/cancel",
            &["POST"],
            post(admin::cancel),
        ),
        (
            "/admin/orders/{number}/amount",
            &["POST"],
            post(admin::amount),
        ),
        ("/admin/orders/{number}/sync", &["POST"], post(admin::sync)),
        (
            "/admin/settings/card",
            &["GET", "PUT"],
            get(admin_settings::get_card).put(admin_settings::put_card),
        ),
        (
            "/admin/settings/card/trader-code",
            &["PUT"],
            put(admin_settings::put_trader_code),
        ),
        (
            "/admin/settings/card/access-key",
            &["PUT"],
            put(admin_settings::put_access_key),
        ),
        (
            "/admin/settings/card/logo",
            &["PUT", "DELETE"],
            put(admin_settings::put_logo).merge(delete(admin_settings::delete_logo)),
        ),
        (
            "/admin/settings/delivery",
            &["GET"],
            get(admin_settings::get_delivery),
        ),
        (
            "/admin/settings/delivery/{code}",
            &["PUT"],
            put(admin_settings::put_delivery),
        ),
        ("/admin/outbox", &["GET"], get(admin_settings::outbox)),
        (
            "/admin/bulk/candidates",
            &["GET"],
            get(admin_bulk::candidates),
        ),
        ("/admin/bulk/reauth", &["POST"], post(admin_bulk::start)),
        ("/admin/bulk/jobs", &["GET"], get(admin_bulk::jobs)),
        ("/admin/bulk/jobs/{id}", &["GET"], get(admin_bulk::job)),
    ]
}
