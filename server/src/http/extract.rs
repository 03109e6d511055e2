//! Extractors of our own: the logged-in merchant ([`AdminUser`], whose
//! sessions `auth` keeps), what a request says about its connection, and
//! the shopper's session it presents.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};

use crate::auth::{self, sha256_hex, AdminUser, AnyAdmin};
use crate::config::Config;
use zerostep_domain::api::ErrorCode;

use crate::error::ApiError;
use crate::store::Pool;

/// Whether cookies must be `Secure`: configured, or the request came over HTTPS through a proxy.
pub fn secure_request(parts_headers: &HeaderMap, settings: &Config) -> bool {
    settings.secure_cookies
        || parts_headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// The shopper's session as the request presents it (`X-Zerostep-Session`;
/// empty without one). Whether the server issued it is
/// `guard::shopper_session`'s to say.
pub fn presented_session(headers: &HeaderMap) -> &str {
    headers
        .get("x-zerostep-session")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The value of the cookie `name`, if the request sends one that is not empty.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

/// The admin whose session the request presents, and the check of its CSRF
/// token on a state-changing request.
async fn admin_of(parts: &Parts, pool: &Pool, config: &Config) -> Result<AdminUser, ApiError> {
    let unauthenticated = || {
        ApiError::refused(
            ErrorCode::NotAuthenticated,
            crate::messages::please_log_in(),
        )
    };
    // Over HTTPS only the `__Host-` cookie counts: a plain one could have
    // been set by a subdomain.
    let name = auth::cookie_name(secure_request(&parts.headers, config));
    let token = cookie(&parts.headers, name).ok_or_else(unauthenticated)?;
    let user = auth::session(pool, &sha256_hex(token))
        .await?
        .ok_or_else(unauthenticated)?;
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let sent = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // In constant time: how much of a guess matched must not show in
    // how long the refusal takes.
    let matches: bool = subtle::ConstantTimeEq::ct_eq(sent.as_bytes(), user.csrf.as_bytes()).into();
    if !safe && !matches {
        return Err(ApiError::refused(
            ErrorCode::CsrfFailed,
            crate::messages::csrf_failed(),
        ));
    }
    Ok(user)
}

impl<S> FromRequestParts<S> for AdminUser
where
    Pool: FromRef<S>,
    std::sync::Arc<Config>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let AnyAdmin(user) = AnyAdmin::from_request_parts(parts, state).await?;
        if user.must_change_password {
            return Err(ApiError::refused(
                ErrorCode::PasswordChangeRequired,
                crate::messages::password_change_required(),
            ));
        }
        Ok(user)
    }
}

impl<S> FromRequestParts<S> for AnyAdmin
where
    Pool: FromRef<S>,
    std::sync::Arc<Config>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let config = std::sync::Arc::<Config>::from_ref(state);
        admin_of(parts, &Pool::from_ref(state), &config)
            .await
            .map(AnyAdmin)
    }
}
