//! Names and フリガナ: any text is accepted or refused with a reason, never
//! a panic; what is accepted parses again to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zerostep_domain::person::to_katakana;
use zerostep_domain::{Kana, NamePart, PersonName};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(part) = NamePart::parse(text) {
        let s = String::from(part.clone());
        assert_eq!(NamePart::parse(&s).ok(), Some(part));
    }
    if let Ok(kana) = Kana::parse(text) {
        let s = String::from(kana.clone());
        assert_eq!(Kana::parse(&s).ok(), Some(kana));
    }
    let katakana = to_katakana(text);
    assert_eq!(to_katakana(&katakana), katakana);
    let middle = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(text.len(), |(i, _)| i);
    let (family, given) = text.split_at(middle);
    let _ = PersonName::new(family, given);
});
