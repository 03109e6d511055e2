//! Solves the shop's proof of work (ALTCHA's scheme, see
//! `zerostep_domain::api::proof`) with the browser's own SHA-256
//! (`crypto.subtle.digest`), so the module carries no hashing code. Digests
//! are asked for in batches and awaited together: one wait per batch.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zerostep_domain::api::proof::{unhex, ProofChallenge};

/// Numbers hashed per wait.
const BATCH: u64 = 500;

/// The number that solves `challenge`; `None` without Web Crypto (a page
/// that is not a secure context) or when no number up to its maximum does.
pub async fn solve(challenge: &ProofChallenge) -> Option<u64> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let target = unhex(&challenge.challenge)?;
    let salt = challenge.salt.as_bytes();
    let mut first = 0;
    while first <= challenge.max_number {
        let last = challenge.max_number.min(first + BATCH - 1);
        let digests = js_sys::Array::new();
        for number in first..=last {
            let data = [salt, number.to_string().as_bytes()].concat();
            let digest = subtle.digest_with_str_and_u8_array("SHA-256", &data).ok()?;
            digests.push(&digest);
        }
        let done = JsFuture::from(js_sys::Promise::all(&digests)).await.ok()?;
        let found = done
            .unchecked_into::<js_sys::Array>()
            .iter()
            .position(|digest| js_sys::Uint8Array::new(&digest).to_vec() == target);
        if let Some(i) = found {
            return Some(first + i as u64);
        }
        first = last + 1;
    }
    None
}

/// The solution as `X-Zerostep-Proof` carries it: its JSON in base64.
pub fn header(challenge: &ProofChallenge, number: u64) -> Option<String> {
    let json = serde_json::to_string(&challenge.solved(number)).ok()?;
    web_sys::window()?.btoa(&json).ok()
}
