//! The second factor: TOTP (RFC 6238; SHA-1, 6 digits, 30-second steps, as
//! every authenticator app reads an `otpauth://` URI), and recovery codes.

use rand::RngCore;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds per step.
const STEP_SECS: u64 = 30;
/// The issuer the app shows beside the code.
const ISSUER: &str = "Zerostep";
/// Recovery codes made at once.
pub const RECOVERY_CODES: usize = 10;
/// Their letters: no 0/o, 1/l/i to misread.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A new secret (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret: &str, login: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    Some(TOTP::new_unchecked(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECS,
        bytes,
        Some(ISSUER.to_owned()),
        login.replace(':', "_"),
    ))
}

/// The `otpauth://` URI of `secret` for `login`, and the same as a QR code
/// (an SVG document).
pub fn enrolment(secret: &str, login: &str) -> Option<(String, String)> {
    let uri = totp(secret, login)?.get_url();
    let svg = qrcode::QrCode::new(uri.as_bytes())
        .ok()?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Some((uri, svg))
}

/// The step `code` belongs to, if it is `secret`'s code for the step of
/// `unix_secs` or the one either side (a phone's clock drifts).
pub fn step_of(secret: &str, code: &str, unix_secs: u64) -> Option<i64> {
    let code = code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret, "")?;
    let now = unix_secs / STEP_SECS;
    [now.saturating_sub(1), now, now + 1]
        .into_iter()
        .find(|step| {
            let expected = totp.generate(step * STEP_SECS);
            bool::from(expected.as_bytes().ct_eq(code.as_bytes()))
        })
        .and_then(|step| i64::try_from(step).ok())
}

/// New recovery codes (`xxxxx-xxxxx`, 50 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let letters: String = (0..10)
                .map(|_| {
                    let at = (rng.next_u32() as usize) % RECOVERY_ALPHABET.len();
                    char::from(RECOVERY_ALPHABET[at])
                })
                .collect();
            format!("{}-{}", &letters[..5], &letters[5..])
        })
        .collect()
}

/// How a recovery code is stored: SHA-256 of its letters, in lowercase,
/// without the hyphen or spaces.
pub fn recovery_hash(code: &str) -> String {
    let letters: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    crate::auth::sha256_hex(&letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_6238_vector_for_sha1() {
        // RFC 6238 appendix B: the key "12345678901234567890", T = 59 s gives
        // 94287082 in 8 digits; its last 6 are the 6-digit code.
        let secret = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        assert_eq!(step_of(&secret, "287082", 59), Some(1));
        assert_eq!(
            step_of(&secret, "287082", 59 + 30),
            Some(1),
            "one step late"
        );
        assert_eq!(
            step_of(&secret, "287082", 59 + 90),
            None,
            "three steps late"
        );
        assert_eq!(step_of(&secret, "28708", 59), None);
        assert_eq!(step_of(&secret, "abcdef", 59), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_read_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(
            recovery_hash(code),
            recovery_hash(&code.to_uppercase().replace('-', " "))
        );
    }

    #[test]
    fn the_enrolment_names_the_issuer_and_draws_the_uri() {
        let (uri, svg) = enrolment(&new_secret(), "shop-owner").expect("enrolment");
        assert!(
            uri.starts_with("otpauth://totp/Zerostep:shop-owner?"),
            "{uri}"
        );
        assert!(svg.contains("<svg"), "{svg}");
    }
}
