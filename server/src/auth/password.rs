//! Passwords: argon2id hashes, checked off the async runtime, and the rules
//! a new password keeps (security review M6).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use zerostep_domain::api::Text;

/// The shortest password allowed (NIST SP 800-63B asks for 8; an admin who
/// controls payments gets more).
pub const MIN_CHARS: usize = 12;
/// The longest: argon2 hashes any length, but a megabyte is only a way to
/// make the server work.
pub const MAX_CHARS: usize = 128;

/// Passwords of twelve characters or more that lists of leaked passwords
/// put first, and this product's own names. Compared in lowercase.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "1234567890qwerty",
    "qwertyuiopasdfgh",
    "qwertyuiop123",
    "qwerty123456",
    "qwertyuiopas",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv",
    "zaq12wsxcde3",
    "asdfghjkl123",
    "password1234",
    "password12345",
    "password123456",
    "passwordpassword",
    "p@ssw0rd1234",
    "iloveyou1234",
    "abcdefghijkl",
    "abcd12345678",
    "abc123456789",
    "aa1234567890",
    "administrator",
    "administrator1",
    "admin1234567",
    "admin123456789",
    "adminadmin123",
    "changeme1234",
    "letmein12345",
    "welcome12345",
    "welcome123456",
    "trustno1trustno1",
    "football1234",
    "baseball1234",
    "sunshine1234",
    "princess1234",
    "dragon123456",
    "monkey123456",
    "superman1234",
    "starwars1234",
    "correcthorsebatterystaple",
    "zerostep1234",
    "zerostepadmin",
    "kuronekoyamato",
    "yamatotransport",
    "webcollect123",
];

/// Hashes a password with argon2id and a random salt.
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// A well-formed hash of nothing, checked against for unknown logins.
pub const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000";

/// Checks a password off the async runtime (argon2 is deliberately slow).
pub async fn check(password: String, hash: String) -> bool {
    if password.chars().count() > MAX_CHARS {
        return false;
    }
    tokio::task::spawn_blocking(move || verify(&password, &hash))
        .await
        .unwrap_or(false)
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Hashes off the async runtime.
pub async fn hash_async(password: String) -> Result<String, String> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| e.to_string())?
}

/// What is wrong with `password` as a new password for `login`: the
/// message names the field and the rule.
pub fn problem(password: &str, login: &str) -> Option<Text> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Some(crate::messages::password_too_short(MIN_CHARS));
    }
    if chars > MAX_CHARS {
        return Some(crate::messages::password_too_long(MAX_CHARS));
    }
    let lower = password.to_lowercase();
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    let distinct = {
        let mut seen: Vec<char> = lower.chars().collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    if COMMON.contains(&squeezed.as_str()) || distinct < 5 {
        return Some(crate::messages::password_common());
    }
    if login.chars().count() >= 3 && lower.contains(&login.to_lowercase()) {
        return Some(crate::messages::password_contains_login());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_name_what_is_wrong() {
        assert!(problem("short", "admin").is_some());
        assert!(problem(&"x".repeat(129), "admin").is_some());
        assert!(problem("Password1234", "admin").is_some(), "common");
        assert!(problem("correct horse battery staple", "admin").is_some());
        assert!(problem("aaaaabbbbbbbb", "admin").is_some(), "uniform");
        assert!(problem("my-admin-is-safe", "admin").is_some(), "login");
        assert!(problem("kame-no-ayumi-2026", "admin").is_none());
        assert!(problem("長い日本語のパスワードです", "admin").is_none());
    }

    #[test]
    fn a_hash_verifies_only_its_password() {
        let h = hash("kame-no-ayumi-2026").expect("hash");
        assert!(verify("kame-no-ayumi-2026", &h));
        assert!(!verify("kame-no-ayumi-2027", &h));
        assert!(!verify("x", DUMMY_HASH));
    }
}
