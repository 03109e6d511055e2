//! Secrets at rest, sealed (security review L1): the アクセスキー saved in
//! the admin and the admins' TOTP secrets are stored encrypted and
//! authenticated (ChaCha20-Poly1305, ring), with a key kept outside the
//! database (`ZEROSTEP_SEALING_KEY_FILE`, made at the first start, readable
//! by its owner only). A copy of the database alone (a backup, a dump)
//! holds none of them. Each value is bound to what it is (the AEAD's
//! associated data): a sealed access key does not open as a TOTP secret.

use std::path::Path;
use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};

use crate::store::Pool;

/// The prefix of a sealed value (a stored value without it is one written
/// before sealing, read as it is and sealed at the next start).
const PREFIX: &str = "sealed:v1:";

/// What a sealed value is: the associated data it is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The アクセスキー.
    AccessKey,
    /// An admin's TOTP secret.
    TotpSecret,
}

impl Purpose {
    fn aad(self) -> &'static [u8] {
        match self {
            Purpose::AccessKey => b"zerostep access key",
            Purpose::TotpSecret => b"zerostep totp secret",
        }
    }
}

/// A value could not be opened: another key sealed it, or it was altered.
#[derive(Debug, thiserror::Error)]
#[error("a sealed secret could not be opened (another sealing key, or altered)")]
pub struct OpenError;

/// Seals and opens secrets with the process's key (never printed: `Debug`
/// shows nothing of it).
#[derive(Clone)]
pub struct Sealer(Arc<LessSafeKey>);

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    /// A sealer of this 32-byte key.
    pub fn new(key: &[u8; 32]) -> Self {
        let key =
            UnboundKey::new(&CHACHA20_POLY1305, key).expect("ChaCha20-Poly1305 takes 32 bytes");
        Self(Arc::new(LessSafeKey::new(key)))
    }

    /// `plain`, sealed for `purpose` under a random nonce.
    pub fn seal(&self, purpose: Purpose, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let mut data = plain.as_bytes().to_vec();
        self.0
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.aad()),
                &mut data,
            )
            .expect("sealing never fails for a short value");
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&data);
        format!("{PREFIX}{}", STANDARD.encode(sealed))
    }

    /// The value `stored` holds: opened if sealed, as it is if it predates
    /// sealing.
    pub fn open(&self, purpose: Purpose, stored: &str) -> Result<String, OpenError> {
        let Some(encoded) = stored.strip_prefix(PREFIX) else {
            return Ok(stored.to_owned());
        };
        let bytes = STANDARD.decode(encoded).map_err(|_| OpenError)?;
        if bytes.len() < NONCE_LEN {
            return Err(OpenError);
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| OpenError)?;
        let mut data = sealed.to_vec();
        let plain = self
            .0
            .open_in_place(nonce, Aad::from(purpose.aad()), &mut data)
            .map_err(|_| OpenError)?;
        String::from_utf8(plain.to_vec()).map_err(|_| OpenError)
    }
}

/// Whether `stored` is sealed.
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// The key in `file`, made (32 random bytes, base64, readable by its owner
/// only) if the file is missing.
pub fn load_or_create_key(file: &Path) -> std::io::Result<[u8; 32]> {
    match std::fs::read_to_string(file) {
        Ok(text) => {
            let bytes = STANDARD.decode(text.trim()).map_err(|_| bad_key(file))?;
            bytes.try_into().map_err(|_| bad_key(file))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let mut key = [0u8; 32];
            rand::rng().fill_bytes(&mut key);
            if let Some(dir) = file
                .parent()
                .filter(|d| !d.as_os_str().is_empty() && !d.exists())
            {
                crate::private_files::create_dir(dir)?;
            }
            crate::private_files::write(file, format!("{}\n", STANDARD.encode(key)).as_bytes())?;
            Ok(key)
        }
        Err(err) => Err(err),
    }
}

fn bad_key(file: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("{}: not a sealing key (32 bytes in base64)", file.display()),
    )
}

/// Seals the secrets stored before sealing (at start-up): how many.
pub async fn seal_legacy(pool: &Pool, sealer: &Sealer) -> Result<u64, sqlx::Error> {
    let mut sealed = 0;
    let key: Option<String> =
        sqlx::query_scalar("SELECT access_key FROM gateway_secrets WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    if let Some(key) = key.filter(|k| !is_sealed(k)) {
        sqlx::query("UPDATE gateway_secrets SET access_key = $1 WHERE id = 1 AND access_key = $2")
            .bind(sealer.seal(Purpose::AccessKey, &key))
            .bind(&key)
            .execute(pool)
            .await?;
        sealed += 1;
    }
    let rows: Vec<(i64, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, totp_secret, totp_pending FROM admin_users")
            .fetch_all(pool)
            .await?;
    for (id, secret, pending) in rows {
        for (column, value) in [("totp_secret", secret), ("totp_pending", pending)] {
            let Some(value) = value.filter(|v| !is_sealed(v)) else {
                continue;
            };
            let statement =
                format!("UPDATE admin_users SET {column} = $1 WHERE id = $2 AND {column} = $3");
            sqlx::query(&statement)
                .bind(sealer.seal(Purpose::TotpSecret, &value))
                .bind(id)
                .bind(&value)
                .execute(pool)
                .await?;
            sealed += 1;
        }
    }
    Ok(sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_purpose() {
        let sealer = Sealer::new(&[7; 32]);
        let sealed = sealer.seal(Purpose::AccessKey, "1111111");
        assert!(
            is_sealed(&sealed) && !sealed.contains("1111111"),
            "{sealed}"
        );
        assert_ne!(
            sealed,
            sealer.seal(Purpose::AccessKey, "1111111"),
            "a nonce each"
        );
        assert_eq!(
            sealer.open(Purpose::AccessKey, &sealed).expect("opens"),
            "1111111"
        );
        assert!(
            sealer.open(Purpose::TotpSecret, &sealed).is_err(),
            "another purpose"
        );
        assert!(
            Sealer::new(&[8; 32])
                .open(Purpose::AccessKey, &sealed)
                .is_err(),
            "another key"
        );
        let at = sealed.len() - 5;
        let flipped = if &sealed[at..=at] == "A" { "B" } else { "A" };
        let altered = format!("{}{flipped}{}", &sealed[..at], &sealed[at + 1..]);
        assert!(
            sealer.open(Purpose::AccessKey, &altered).is_err(),
            "altered"
        );
        assert_eq!(
            sealer.open(Purpose::AccessKey, "legacy").expect("as is"),
            "legacy"
        );
    }
}
