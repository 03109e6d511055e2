//! The HTTP surface as two routers, one per listener: the shop's (checkout,
//! widget, shopper API) and the admin's on an origin of its own (security
//! review M1). Each has the same layers, in the order a request meets them:
//! its id (and the metrics' count), tracing, security headers, the
//! request-size limit, the request timeout, then the routes.

use std::time::Duration;

use axum::http::StatusCode;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::app::AppState;
use crate::config::Config;
use crate::http::security::{self, PagePolicy};
use crate::http::{embed, request_id, routes, spa};

/// The shop's listener: its API, the embeddable widget (`/embed.js`,
/// `/embed/`), the checkout SPA at `/`. No admin route answers here.
pub fn shop(state: AppState, config: &Config) -> Router {
    let checkout_policy = PagePolicy::checkout(
        &state.services.gateway.token_js_url(),
        &config.embed_origins,
    );
    // The shop's pages carry its name from 基本設定 (its title, and the
    // header the app reads from `application-name`).
    let services = state.services.clone();
    let shop_name: spa::PageName = std::sync::Arc::new(move || {
        let services = services.clone();
        Box::pin(async move {
            let shop = services.shop().await.ok()?;
            let name = shop.profile().shop_name.clone();
            (!name.is_empty()).then_some(name)
        })
    });
    let router = Router::new()
        .nest("/api", routes::shop_api::<AppState>(&config.embed_origins))
        .merge(embed::router(&config.embed_dist, &config.embed_origins))
        .fallback_service(spa::router::<()>(
            &config.checkout_dist,
            checkout_policy,
            Some(shop_name),
        ))
        .with_state(state);
    layers(router, config, "shop")
}

/// The admin's listener: its API and the admin SPA under `/admin/` (`/`
/// leads there). Nothing of the shop answers here, and its cookie is never
/// the shop's to receive.
pub fn admin(state: AppState, config: &Config) -> Router {
    let router = Router::new()
        .nest("/api", routes::admin_api::<AppState>())
        .route("/", get(|| async { Redirect::to("/admin/") }))
        .nest_service(
            "/admin",
            spa::router::<()>(&config.admin_dist, PagePolicy::admin(), None),
        )
        .with_state(state);
    layers(router, config, "admin")
}

fn layers(router: Router, config: &Config, listener: &'static str) -> Router {
    let router = router.layer(TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        Duration::from_secs(config.request_timeout_secs.max(1)),
    ));
    let router = router.layer(axum::middleware::from_fn(security::limit_request_size));
    // One line a request at INFO (its status and time), in a span carrying
    // the request's id, which every line logged while answering it shows.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &axum::http::Request<axum::body::Body>| {
            tracing::info_span!(
                "request",
                method = %req.method(),
                path = %request_id::loggable_path(req.uri().path()),
                request_id = %request_id::of(req),
            )
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO));
    security::layer(router, config.secure_cookies)
        .layer(trace)
        .layer(axum::middleware::from_fn(move |req, next| {
            request_id::tag(listener, req, next)
        }))
}
