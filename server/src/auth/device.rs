//! The known-browser cookie: set at each successful login, it names the
//! browser (a random nonce) and the login, signed with the server's key. A
//! login attempt that brings it counts against the browser's own failures,
//! not the login's (see `throttle`). It grants nothing else: the password
//! and the second factor are still asked.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::Mac;
use rand::RngCore;

use crate::guard::shopper_session::SessionKey;

/// The cookie's name over HTTPS (`__Secure-`: browsers refuse it unless
/// it is `Secure`; `__Host-` would need `Path=/`).
pub const COOKIE: &str = "__Secure-zs_admin_device";
/// Its name over plain HTTP (development on loopback).
pub const PLAIN_COOKIE: &str = "zs_admin_device";

/// The cookie's name for a request over HTTPS (`secure`) or not.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        COOKIE
    } else {
        PLAIN_COOKIE
    }
}
/// How long a browser stays known without a login (a year).
pub const MAX_AGE_SECS: i64 = 365 * 24 * 60 * 60;
/// What the tags of this cookie are made for.
const PURPOSE: &str = "admin-device";

/// A new cookie value for `login`: `<nonce>.<tag>`.
pub fn issue(key: &SessionKey, login: &str) -> String {
    let mut nonce = [0u8; 16];
    rand::rng().fill_bytes(&mut nonce);
    let nonce = URL_SAFE_NO_PAD.encode(nonce);
    let tag = URL_SAFE_NO_PAD.encode(
        key.tag(PURPOSE, &signed(login, &nonce))
            .finalize()
            .into_bytes(),
    );
    format!("{nonce}.{tag}")
}

/// The browser's nonce, if `value` is a cookie this key signed for `login`.
pub fn verify<'a>(key: &SessionKey, login: &str, value: &'a str) -> Option<&'a str> {
    let (nonce, tag) = value.split_once('.')?;
    let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
    key.tag(PURPOSE, &signed(login, nonce))
        .verify_slice(&tag)
        .ok()?;
    Some(nonce)
}

fn signed(login: &str, nonce: &str) -> String {
    format!("{}\0{nonce}", login.to_lowercase())
}

/// The `Set-Cookie` value: sent back to the login endpoint only.
pub fn cookie(value: &str, secure: bool) -> String {
    format!(
        "{}={value}; HttpOnly; SameSite=Strict; Path=/api/admin/login; Max-Age={MAX_AGE_SECS}{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_good_for_its_login_only() {
        let key = SessionKey::new(b"test key");
        let value = issue(&key, "Admin");
        assert!(verify(&key, "admin", &value).is_some());
        assert!(verify(&key, "other", &value).is_none());
        assert!(verify(&SessionKey::new(b"another"), "admin", &value).is_none());
        let (nonce, _) = value.split_once('.').expect("dot");
        assert!(verify(&key, "admin", &format!("{nonce}.AAAA")).is_none());
        assert!(verify(&key, "admin", "").is_none());
    }
}
