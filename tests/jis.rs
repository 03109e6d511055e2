//! The JIS X 0208 table the checkout builds from the browser's Shift_JIS
//! decoder, in headless Chromium (`cargo test --target
//! wasm32-unknown-unknown --test jis`): the very table the server has built
//! in, which the domain's unit tests hold to the same fingerprint.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use zerostep::platform::jis::{decode, use_browser_decoder};
use zerostep_domain::text::{is_supported_char, jis0208_table_from};

wasm_bindgen_test_configure!(run_in_browser);

/// FNV-1a of the built-in table (`domain/src/text.rs`, `TABLE_FNV1A`).
const TABLE_FNV1A: u64 = 0x89a9_8d33_fa5d_4d4f;

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[wasm_bindgen_test]
fn the_browsers_decoder_gives_the_built_in_table() {
    let table = jis0208_table_from(decode).expect("Chromium decodes Shift_JIS");
    let marked: u32 = table.iter().map(|b| b.count_ones()).sum();
    assert_eq!(marked, 6872);
    assert_eq!(fnv1a(&table), TABLE_FNV1A, "{:#x}", fnv1a(&table));
}

#[wasm_bindgen_test]
fn names_are_checked_against_it() {
    use_browser_decoder();
    for c in "山田太郎やまだヤマダ　ー々〆齋藤渡邊高橋ｱA".chars() {
        assert!(is_supported_char(c), "{c}");
    }
    // 髙 (IBM extension), ① and ㈱ (NEC specials), emoji, ～ and ∥ (code-page variants).
    for c in ['髙', '①', '㈱', '😀', '～', '∥', 'é'] {
        assert!(!is_supported_char(c), "{c}");
    }
}
