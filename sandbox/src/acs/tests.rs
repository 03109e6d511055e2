//! The start page, the hash, the form reader.

use super::*;

#[test]
fn the_start_page_is_one_ascii_line_declared_shift_jis() {
    let html = start_page("http://localhost:8081", "abc\"<");
    assert!(html.is_ascii());
    assert!(!html.contains('\n'));
    assert!(html.contains("charset=Shift_JIS"));
    assert!(html.contains("name=\"creditSendForm\""));
    assert!(html.contains("action=\"http://localhost:8081/3ds/acs\""));
    assert!(html.contains("value=\"abc&quot;&lt;\""));
}

#[test]
fn the_hash_covers_every_field() {
    let key = [7u8; 32];
    let ret = ThreeDReturn::from_pairs([("TOKEN", "t"), ("CRD_RES_CD", "0000")]);
    let signed = ThreeDReturn::from_pairs([
        ("TOKEN", "t"),
        ("CRD_RES_CD", "0000"),
        ("HASH_VALUE", hash(&key, &ret).as_str()),
    ]);
    assert!(hash_ok(&key, &signed));
    assert!(!hash_ok(&[8u8; 32], &signed));
    let tampered = ThreeDReturn::from_pairs([
        ("TOKEN", "t"),
        ("CRD_RES_CD", "0002"),
        ("HASH_VALUE", hash(&key, &ret).as_str()),
    ]);
    assert!(!hash_ok(&key, &tampered));
    // A value moved from one field to the next changes the hash too.
    let a = ThreeDReturn::from_pairs([("RES_VE", "ab"), ("RES_PA", "")]);
    let b = ThreeDReturn::from_pairs([("RES_VE", "a"), ("RES_PA", "b")]);
    assert_ne!(hash(&key, &a), hash(&key, &b));
}

#[test]
fn a_page_form_reads_back_what_it_escaped() {
    let page = start_page("http://x.example", "a\"b&c");
    let (action, fields) = form_of(&page);
    assert_eq!(action, "http://x.example/3ds/acs");
    assert_eq!(fields, [("session".to_owned(), "a\"b&c".to_owned())]);
    assert_eq!(form_of("<p>no form</p>"), (String::new(), Vec::new()));
}

#[test]
fn amounts_are_grouped_by_thousands() {
    assert_eq!(yen(5500), "5,500");
    assert_eq!(yen(300_000), "300,000");
    assert_eq!(yen(0), "0");
}
