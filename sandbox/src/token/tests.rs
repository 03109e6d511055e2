//! The token endpoint's checks, field by field.

use super::*;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 3, 0, 0)
        .single()
        .expect("valid")
}

fn good() -> TokenRequest {
    TokenRequest {
        trader_code: "888888709".into(),
        auth_div: "2".into(),
        opt_serv_div: "00".into(),
        check_sum: check_sum("", "", "1111111", "2"),
        card_no: "4111111111111111".into(),
        card_owner: "TARO YAMADA".into(),
        card_exp: "1230".into(),
        security_code: "123".into(),
        ..TokenRequest::default()
    }
}

fn codes(req: &TokenRequest) -> Vec<(String, String)> {
    validate(req, Some("1111111"), now())
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.error_code, e.error_item))
        .collect()
}

#[test]
fn the_checksum_is_sha256_hex_of_key_and_auth_div() {
    // printf 11111112 | sha256sum
    assert_eq!(
        check_sum("", "", "1111111", "2"),
        "d7a758fb53aa076f4c56e51ef789368943b60b44f66dbe853d554775f56a8096"
    );
    assert_eq!(
        check_sum("M1", "K1", "1111111", "0"),
        check_sum("", "", "M1K11111111", "0")
    );
}

#[test]
fn a_good_request_passes() {
    assert!(codes(&good()).is_empty());
    let mut dummy = good();
    dummy.card_no = "0000000000000001".into();
    assert!(codes(&dummy).is_empty());
    let mut no_cvv = good();
    no_cvv.auth_div = "0".into();
    no_cvv.check_sum = check_sum("", "", "1111111", "0");
    no_cvv.security_code = String::new();
    assert!(codes(&no_cvv).is_empty());
}

#[test]
fn settings_errors_name_their_item() {
    let case = |f: fn(&mut TokenRequest)| {
        let mut r = good();
        f(&mut r);
        codes(&r)
    };
    let one = |code: &str, item: &str| vec![(code.to_owned(), item.to_owned())];
    assert_eq!(
        case(|r| r.trader_code.clear()),
        one("Y021010101", "traderCode")
    );
    assert_eq!(
        case(|r| r.auth_div = "9".into()),
        one("Y021010206", "authDiv")
    );
    assert_eq!(
        case(|r| r.opt_serv_div = "01".into()),
        one("Y021010371", "optServDiv")
    );
    assert_eq!(
        case(|r| r.check_sum = "00".into()),
        one("Y021010606", "checkSum")
    );
    assert_eq!(
        validate(&good(), None, now())
            .err()
            .map(|e| e[0].error_code.clone())
            .as_deref(),
        Some("Y021010106")
    );
}

#[test]
fn card_errors_are_reported_per_field_together() {
    let mut r = good();
    r.card_no = "4111 1111".into();
    r.card_owner = "山田太郎".into();
    r.card_exp = "1025".into();
    r.security_code = "12".into();
    assert_eq!(
        codes(&r),
        vec![
            ("Y021010904".to_owned(), "cardNo".to_owned()),
            ("Y021011004".to_owned(), "cardOwner".to_owned()),
            ("Y021011171".to_owned(), "cardExp".to_owned()),
            ("Y021011302".to_owned(), "securityCode".to_owned()),
        ]
    );
    let mut r = good();
    r.card_no = "4111111111111112".into();
    r.card_exp = "13/2".into();
    r.security_code = "12a".into();
    assert_eq!(
        codes(&r).into_iter().map(|(c, _)| c).collect::<Vec<_>>(),
        ["Y021010971", "Y021011105", "Y021011304"]
    );
}

#[test]
fn three_d_secure_tokens_are_issued_with_their_own_checksum() {
    let mut three = good();
    three.auth_div = "3".into();
    // The checkSum covers authDiv: the one made for 2 does not fit 3.
    assert_eq!(
        codes(&three),
        vec![("Y021010606".to_owned(), "checkSum".to_owned())]
    );
    three.check_sum = check_sum("", "", "1111111", "3");
    assert!(codes(&three).is_empty());
    // 3 asks for the security code, 1 does not.
    three.security_code = String::new();
    assert_eq!(
        codes(&three),
        vec![("Y021011301".to_owned(), "securityCode".to_owned())]
    );
    let mut one = three.clone();
    one.auth_div = "1".into();
    one.check_sum = check_sum("", "", "1111111", "1");
    assert!(codes(&one).is_empty());
}
