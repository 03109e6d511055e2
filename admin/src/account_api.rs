//! The client of the login, the admin's own account and the admin users
//! (`/api/admin/login`, `/api/admin/account/...`, `/api/admin/users/...`),
//! beside `api`.

use zerostep_domain::api::account::{
    AccountView, NewUser, PasswordChange, Reauthentication, RecoveryCodes, SessionRow,
    SessionsEnded, TotpConfirm, TotpSetup, UserRow,
};

use crate::api::{decode, encode, get, network, post, post_for, ApiError};

/// `POST /api/admin/login`, with the TOTP or recovery code on the second try.
pub async fn login(
    login: String,
    password: String,
    code: Option<String>,
) -> Result<crate::api::Session, ApiError> {
    let response = gloo_net::http::Request::post("/api/admin/login")
        .json(&zerostep_domain::api::admin::LoginRequest {
            login,
            password,
            code,
        })
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    decode(response).await
}

fn again(current_password: String) -> Reauthentication {
    Reauthentication { current_password }
}

/// `GET /api/admin/account`.
pub async fn account() -> Result<AccountView, ApiError> {
    get("/account").await
}

/// `POST /api/admin/account/password`.
pub async fn change_password(csrf: &str, change: &PasswordChange) -> Result<(), ApiError> {
    post("/account/password", csrf, change).await
}

/// `GET /api/admin/account/sessions`.
pub async fn sessions() -> Result<Vec<SessionRow>, ApiError> {
    get("/account/sessions").await
}

/// `POST /api/admin/account/sessions/{id}/end`.
pub async fn end_session(csrf: &str, id: &str) -> Result<(), ApiError> {
    let path = format!("/account/sessions/{}/end", encode(id));
    post(&path, csrf, &serde_json::json!({})).await
}

/// `POST /api/admin/account/sessions/end-others`.
pub async fn end_others(csrf: &str) -> Result<SessionsEnded, ApiError> {
    post_for("/account/sessions/end-others", csrf, &serde_json::json!({})).await
}

/// `POST /api/admin/account/totp/setup`.
pub async fn totp_setup(csrf: &str, current_password: String) -> Result<TotpSetup, ApiError> {
    post_for("/account/totp/setup", csrf, &again(current_password)).await
}

/// `POST /api/admin/account/totp/confirm`.
pub async fn totp_confirm(csrf: &str, code: String) -> Result<RecoveryCodes, ApiError> {
    post_for("/account/totp/confirm", csrf, &TotpConfirm { code }).await
}

/// `POST /api/admin/account/totp/disable`.
pub async fn totp_disable(csrf: &str, current_password: String) -> Result<(), ApiError> {
    post("/account/totp/disable", csrf, &again(current_password)).await
}

/// `POST /api/admin/account/recovery-codes`.
pub async fn recovery_codes(
    csrf: &str,
    current_password: String,
) -> Result<RecoveryCodes, ApiError> {
    post_for("/account/recovery-codes", csrf, &again(current_password)).await
}

/// `GET /api/admin/users`.
pub async fn users() -> Result<Vec<UserRow>, ApiError> {
    get("/users").await
}

/// `POST /api/admin/users`.
pub async fn add_user(csrf: &str, user: &NewUser) -> Result<(), ApiError> {
    post("/users", csrf, user).await
}

/// `POST /api/admin/users/{login}/remove`.
pub async fn remove_user(
    csrf: &str,
    login: &str,
    current_password: String,
) -> Result<(), ApiError> {
    let path = format!("/users/{}/remove", encode(login));
    post(&path, csrf, &again(current_password)).await
}
