//! Phone numbers, e-mail addresses, postal codes and address lines: any text
//! is accepted or refused with a reason, never a panic; what is accepted
//! parses again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerostep_domain::address::{AddressLine, PostalCode};
use zerostep_domain::{Email, Phone};

fn idempotent<T, E>(text: &str, parse: impl Fn(&str) -> Result<T, E>)
where
    T: Clone + PartialEq + std::fmt::Debug,
    String: From<T>,
{
    if let Ok(value) = parse(text) {
        let s = String::from(value.clone());
        assert_eq!(
            parse(&s).ok(),
            Some(value),
            "{s:?} does not parse to itself"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    idempotent(text, Phone::parse);
    idempotent(text, Email::parse);
    idempotent(text, PostalCode::parse);
    idempotent(text, AddressLine::parse);
    let _ = AddressLine::parse_optional(text);
});
