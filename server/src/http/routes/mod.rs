//! The API under `/api`, one file per route group. The routers are generic
//! over the application's state `S`, from which each handler takes only the
//! part it uses (`State<Services>`, `State<Pool>`).

pub mod admin;
pub mod shop;

use axum::extract::FromRef;
use axum::http::{header, HeaderValue};
use axum::routing::{delete, get, post, put, MethodRouter};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::ApiError;
use crate::services::Services;
use crate::store::Pool;

/// The shop's routes under `/api` (on the shop's listener). They answer
/// CORS requests from `embed_origins` (the embedded widget).
pub fn shop_api<S>(embed_origins: &[String]) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
    Pool: FromRef<S>,
{
    let shopper =
        with_routes(Router::new(), shopper_routes()).layer(crate::http::embed::cors(embed_origins));
    finish(with_routes(shopper, report_routes()))
}

/// `router` with each of `routes` added.
fn with_routes<S>(router: Router<S>, routes: Vec<Route<S>>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    routes
        .into_iter()
        .fold(router, |router, (path, _, handler)| {
            router.route(path, handler)
        })
}

/// The shop's public routes below `/api`, with their methods: the router is
/// built from this list, and the OpenAPI document must describe each
/// (`http::openapi`'s test). They answer CORS requests from the allowed
/// origins (the embedded widget).
pub fn shopper_routes<S>() -> Vec<Route<S>>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
    Pool: FromRef<S>,
{
    vec![
        ("/health", &["GET"], get(shop::health::health)),
        ("/openapi.json", &["GET"], get(crate::http::openapi::serve)),
        ("/products", &["GET"], get(shop::products::list)),
        ("/checkout/config", &["GET"], get(shop::checkout::config)),
        (
            "/checkout/challenge",
            &["GET"],
            get(shop::checkout::challenge),
        ),
        ("/quotes", &["POST"], post(shop::checkout::quote)),
        ("/orders", &["POST"], post(shop::orders::create)),
        ("/orders/abandon", &["POST"], post(shop::orders::abandon)),
        ("/3ds/{id}", &["GET"], get(shop::three_d::answer)),
        ("/3ds/{id}/frame", &["GET"], get(shop::three_d::frame)),
        ("/3ds/{id}/start", &["GET"], get(shop::three_d::start)),
        ("/3ds/return/{id}", &["POST"], post(shop::three_d::finish)),
        (
            "/payment-logos/{code}",
            &["GET"],
            get(shop::payment_logos::get_logo),
        ),
        (
            "/postal-codes/{code}",
            &["GET"],
            get(shop::postal_codes::lookup),
        ),
    ]
}

/// The shop's routes that browsers post to on their own, without CORS.
pub fn report_routes<S>() -> Vec<Route<S>>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
{
    vec![("/csp-reports", &["POST"], post(shop::csp_reports::receive))]
}

/// The admin's routes under `/api` (on the admin's own listener, security
/// review M1): the login, every route of [`admin_routes`], and the health
/// check. They never answer CORS requests.
pub fn admin_api<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
    Pool: FromRef<S>,
    std::sync::Arc<crate::config::Config>: FromRef<S>,
{
    let router = Router::new()
        .route("/health", get(shop::health::health))
        // The card settings' preview shows the logo as shoppers get it.
        .route("/payment-logos/{code}", get(shop::payment_logos::get_logo))
        .route("/admin/login", post(admin::session::login));
    // The admin's pages report their own CSP violations here too.
    let router = with_routes(router, report_routes());
    finish(with_routes(router, admin_routes()))
}

/// Every answer is the requester's own (an order, a session, the admin's
/// data): no cache keeps it, unless a route says otherwise (the logos). An
/// unknown path is a JSON 404.
fn finish<S>(router: Router<S>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router
        .fallback(|| async {
            ApiError::refused(
                zerostep_domain::api::ErrorCode::NotFound,
                crate::messages::no_such_endpoint(),
            )
        })
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// A route: its path, its methods, and their handlers.
pub type Route<S> = (&'static str, &'static [&'static str], MethodRouter<S>);

/// Every admin route behind the login (below `/api`), with its methods. The
/// router is built from this list, and a test walks it to show each route
/// refuses anonymous and CSRF-less requests.
pub fn admin_routes<S>() -> Vec<Route<S>>
where
    S: Clone + Send + Sync + 'static,
    Services: FromRef<S>,
    Pool: FromRef<S>,
    std::sync::Arc<crate::config::Config>: FromRef<S>,
{
    vec![
        ("/admin/session", &["GET"], get(admin::session::session)),
        ("/admin/logout", &["POST"], post(admin::session::logout)),
        ("/admin/account", &["GET"], get(admin::account::view)),
        (
            "/admin/account/password",
            &["POST"],
            post(admin::account::change_password),
        ),
        (
            "/admin/account/sessions",
            &["GET"],
            get(admin::account::sessions),
        ),
        (
            "/admin/account/sessions/{id}/end",
            &["POST"],
            post(admin::account::end_session),
        ),
        (
            "/admin/account/sessions/end-others",
            &["POST"],
            post(admin::account::end_others),
        ),
        (
            "/admin/account/totp/setup",
            &["POST"],
            post(admin::account::totp_setup),
        ),
        (
            "/admin/account/totp/confirm",
            &["POST"],
            post(admin::account::totp_confirm),
        ),
        (
            "/admin/account/totp/disable",
            &["POST"],
            post(admin::account::totp_disable),
        ),
        (
            "/admin/account/recovery-codes",
            &["POST"],
            post(admin::account::recovery_codes),
        ),
        (
            "/admin/users",
            &["GET", "POST"],
            get(admin::users::list).post(admin::users::add),
        ),
        (
            "/admin/users/{login}/remove",
            &["POST"],
            post(admin::users::remove),
        ),
        (
            "/admin/csp-reports",
            &["GET"],
            get(admin::csp_reports::list),
        ),
        ("/admin/orders", &["GET"], get(admin::orders::orders)),
        (
            "/admin/payment-errors",
            &["GET"],
            get(admin::payment_errors::payment_errors),
        ),
        (
            "/admin/orders/{number}",
            &["GET"],
            get(admin::orders::order),
        ),
        (
            "/admin/orders/{number}/shipment",
            &["POST"],
            post(admin::operations::shipment),
        ),
        (
            "/admin/orders/{number}/shipment/withdraw",
            &["POST"],
            post(admin::operations::withdraw_slip),
        ),
        (
            "/admin/orders/{number}/shipping-notice",
            &["POST"],
            post(admin::operations::shipping_notice),
        ),
        (
            "/admin/orders/{number}/reauth",
            &["POST"],
            post(admin::operations::reauth),
        ),
        (
            "/admin/orders/{number}/undo-cancel",
            &["POST"],
            post(admin::operations::undo_cancel),
        ),
        (
            "/admin/orders/{number}/cancel",
            &["POST"],
            post(admin::operations::cancel),
        ),
        (
            "/admin/orders/{number}/amount",
            &["POST"],
            post(admin::operations::amount),
        ),
        (
            "/admin/orders/{number}/sync",
            &["POST"],
            post(admin::operations::sync),
        ),
        (
            "/admin/settings/three-d-secure",
            &["GET", "PUT"],
            get(admin::three_d_settings::get_setting).put(admin::three_d_settings::put_setting),
        ),
        (
            "/admin/settings/basic",
            &["GET", "PUT"],
            get(admin::basic_settings::get_basic).put(admin::basic_settings::put_basic),
        ),
        (
            "/admin/settings/card",
            &["GET", "PUT"],
            get(admin::card_settings::get_card).put(admin::card_settings::put_card),
        ),
        (
            "/admin/settings/payment-methods",
            &["GET"],
            get(admin::card_settings::get_payment_methods),
        ),
        (
            "/admin/settings/payment-methods/card/link",
            &["PUT", "DELETE"],
            put(admin::card_settings::link_card).merge(delete(admin::card_settings::unlink_card)),
        ),
        (
            "/admin/settings/card/trader-code",
            &["PUT"],
            put(admin::card_settings::put_trader_code),
        ),
        (
            "/admin/settings/card/access-key",
            &["PUT"],
            put(admin::card_settings::put_access_key),
        ),
        (
            "/admin/settings/card/logo",
            &["PUT", "DELETE"],
            put(admin::card_settings::put_logo).merge(delete(admin::card_settings::delete_logo)),
        ),
        (
            "/admin/settings/delivery",
            &["GET", "POST"],
            get(admin::delivery_settings::get_delivery)
                .post(admin::delivery_settings::post_delivery),
        ),
        (
            "/admin/settings/delivery/{code}",
            &["PUT", "DELETE"],
            put(admin::delivery_settings::put_delivery)
                .merge(delete(admin::delivery_settings::delete_delivery)),
        ),
        ("/admin/outbox", &["GET"], get(admin::outbox::outbox)),
        (
            "/admin/bulk/candidates",
            &["GET"],
            get(admin::bulk::candidates),
        ),
        ("/admin/bulk/reauth", &["POST"], post(admin::bulk::start)),
        ("/admin/bulk/jobs", &["GET"], get(admin::bulk::jobs)),
        ("/admin/bulk/jobs/{id}", &["GET"], get(admin::bulk::job)),
        (
            "/admin/slips/preview",
            &["POST"],
            post(admin::slips::preview),
        ),
        ("/admin/slips/runs", &["POST"], post(admin::slips::start)),
        ("/admin/slips/runs/{id}", &["GET"], get(admin::slips::run)),
        (
            "/admin/slips/runs/{id}/result.csv",
            &["GET"],
            get(admin::slips::result_csv),
        ),
    ]
}
