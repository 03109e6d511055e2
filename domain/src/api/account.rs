//! The admin's own account and the admin users (`/api/admin/account/...`,
//! `/api/admin/users/...`): passwords, sessions, the TOTP second factor.

use serde::{Deserialize, Serialize};

/// `GET /api/admin/account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    /// Login name.
    pub login: String,
    /// Whether a TOTP code is asked at login.
    pub totp: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: i64,
    /// The password was made by the server: the admin must choose their own.
    pub must_change_password: bool,
}

/// `POST /api/admin/account/password` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// 現在のパスワード.
    pub current_password: String,
    /// 新しいパスワード.
    pub new_password: String,
}

/// The password again, for a change that needs it (TOTP, recovery codes,
/// removing a user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reauthentication {
    /// 現在のパスワード.
    pub current_password: String,
}

/// A session of the admin's (`GET /api/admin/account/sessions`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    /// The session's id (not its cookie).
    pub id: String,
    /// ログイン日時 (RFC 3339).
    pub created_at: String,
    /// 最終操作日時 (RFC 3339).
    pub last_seen_at: String,
    /// The address it logged in from.
    pub ip: String,
    /// Its browser's `User-Agent`.
    pub user_agent: String,
    /// This is the session asking.
    pub current: bool,
}

/// `POST /api/admin/account/sessions/end-others` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionsEnded {
    /// How many sessions ended.
    pub ended: u64,
}

/// `POST /api/admin/account/totp/setup` answer: the secret to enter in an
/// authenticator app, as text, as an `otpauth://` URI and as a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetup {
    /// The secret in base32.
    pub secret: String,
    /// `otpauth://totp/...`.
    pub uri: String,
    /// The URI as a QR code (an SVG document).
    pub qr_svg: String,
}

/// `POST /api/admin/account/totp/confirm` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotpConfirm {
    /// The 6-digit code the app shows.
    pub code: String,
}

/// Recovery codes, shown once (TOTP confirmed, or codes renewed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCodes {
    /// Each good for one login without the app.
    pub codes: Vec<String>,
}

/// An admin user (`GET /api/admin/users`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    /// Login name.
    pub login: String,
    /// 登録日時 (RFC 3339).
    pub created_at: String,
    /// TOTP is on.
    pub totp: bool,
    /// Has not chosen their own password yet.
    pub must_change_password: bool,
    /// This is the admin asking.
    pub you: bool,
}

/// `POST /api/admin/users` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// ログインID (3-32 letters, digits, `.`, `_`, `-`, `@`).
    pub login: String,
    /// 初期パスワード, changed by the user at their first login.
    pub password: String,
    /// The password of the admin adding them.
    pub current_password: String,
}
