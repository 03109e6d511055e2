//! The whole HTTP surface as one router, its layers in the order a request
//! meets them: tracing, security headers, the request-size limit, the
//! request timeout, then the routes.

use std::time::Duration;

use axum::http::StatusCode;
use axum::Router;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::config::Settings;
use crate::http::security::{self, PagePolicy};
use crate::http::{embed, routes, spa};

/// The whole HTTP surface: API, admin SPA under `/admin/`, the embeddable
/// widget (`/embed.js`, `/embed/`), checkout SPA at `/`.
pub fn app(state: AppState, settings: &Settings) -> Router {
    let checkout_policy = PagePolicy::checkout(
        &state.services.gateway.token_js_url(),
        &settings.embed_origins,
    );
    let router = Router::new()
        .nest("/api", routes::api::<AppState>(&settings.embed_origins))
        .merge(embed::router(&settings.embed_dist, &settings.embed_origins))
        .nest_service(
            "/admin",
            spa::router::<()>(&settings.admin_dist, PagePolicy::admin()),
        )
        .fallback_service(spa::router::<()>(&settings.checkout_dist, checkout_policy))
        .with_state(state)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(settings.request_timeout_secs.max(1)),
        ));
    let router = router.layer(axum::middleware::from_fn(security::limit_request_size));
    security::layer(router, settings.secure_cookies).layer(TraceLayer::new_for_http())
}
