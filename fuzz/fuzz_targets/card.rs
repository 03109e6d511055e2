//! The card fields checked before the token is made (number, expiry, holder,
//! security code) and their as-you-type formatting: any text is accepted or
//! refused with a reason, never a panic; formatting keeps the digits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerostep_domain::card::{
    check_cvc, check_expiry, check_holder, check_number, detect_brand, digits_of, format_expiry,
    format_number, is_dummy, luhn_ok,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let digits = digits_of(text);
    let brand = detect_brand(&digits);
    let _ = luhn_ok(&digits);
    let _ = is_dummy(&digits);
    let formatted = format_number(text);
    assert!(
        digits.starts_with(&digits_of(&formatted)),
        "formatting invented digits"
    );
    if let Ok(number) = check_number(text, true) {
        assert!(number.bytes().all(|b| b.is_ascii_digit()));
    }
    let _ = check_expiry(text, 2026, 11);
    let _ = format_expiry(text);
    let _ = check_holder(text);
    let _ = check_cvc(text, brand);
    let _ = check_cvc(text, None);
});
