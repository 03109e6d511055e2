//! The field rules' edge cases, by API function.

use super::*;

fn a08(overrides: &[(&str, &str)]) -> Form {
    let mut fields: Vec<(String, String)> = [
        ("function_div", "A08"),
        ("trader_code", "888888709"),
        ("device_div", "2"),
        ("order_no", "ZS-20261129-0001"),
        ("settle_price", "5500"),
        ("buyer_name_kanji", "山田　太郎"),
        ("buyer_tel", "090-1234-5678"),
        ("buyer_email", "taro@example.jp"),
        ("pay_way", "1"),
        ("token", "Ab3dE5gH7jK9mN1p"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (k, v) in overrides {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = (*v).to_owned(),
            None => fields.push(((*k).to_owned(), (*v).to_owned())),
        }
    }
    Form(fields)
}

fn code_of(form: &Form) -> Option<String> {
    check_credit_token(form, Limits::default())
        .err()
        .map(|e| e.code)
}

#[test]
fn a_valid_a08_passes() {
    assert_eq!(code_of(&a08(&[])), None);
    assert_eq!(
        code_of(&a08(&[
            ("goods_name", "静岡煎茶 ほか"),
            ("card_code_api", "9")
        ])),
        None
    );
    assert_eq!(code_of(&a08(&[("settle_price", "300000")])), None);
}

#[test]
fn each_a08_rule_has_its_code() {
    let long_email = "a@example.jp".repeat(6);
    let long_goods = "茶".repeat(201);
    let table: &[(&str, &str, &str)] = &[
        ("trader_code", "", "A081010201"),
        ("trader_code", "888-888", "A081010204"),
        ("device_div", "", "A081010301"),
        ("device_div", "3", "A081010306"),
        ("order_no", "", "A081010401"),
        ("order_no", "A123456789012345678901234", "A081010402"),
        ("order_no", "zs-1", "A081010404"),
        ("settle_price", "", "A081010501"),
        ("settle_price", "12345678", "A081010502"),
        ("settle_price", "1,000", "A081010504"),
        ("settle_price", "-5", "A081010504"),
        ("settle_price", "0", "A081010571"),
        ("settle_price", "300001", "A081010572"),
        ("buyer_name_kanji", "", "A081010601"),
        ("buyer_name_kanji", "ﾔﾏﾀﾞ ﾀﾛｳ", "A081010671"),
        ("buyer_name_kanji", "髙橋 一郎", "A081010671"),
        (
            "buyer_name_kanji",
            "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末",
            "A081010672",
        ),
        ("buyer_tel", "", "A081010701"),
        ("buyer_tel", "0312345", "A081010702"),
        ("buyer_tel", "03(1234)5678", "A081010704"),
        ("buyer_email", "", "A081010801"),
        ("buyer_email", long_email.as_str(), "A081010802"),
        ("buyer_email", "taro.example.jp", "A081010871"),
        ("buyer_email", "太郎@example.jp", "A081010871"),
        ("buyer_email", "@example.jp", "A081010872"),
        ("pay_way", "", "A081010901"),
        ("pay_way", "100", "A081010902"),
        ("pay_way", "x", "A081010904"),
        ("pay_way", "4", "A082000007"),
        ("goods_name", "①セット", "A081011071"),
        ("goods_name", long_goods.as_str(), "A081011072"),
        ("card_code_api", "13", "A081011172"),
        ("token", "", "A081011201"),
        ("token", "Ab3dE5gH7jK9mN1", "A081011202"),
        ("token", "Ab3dE5gH7jK9mN1!", "A081011204"),
    ];
    for (field, value, code) in table {
        assert_eq!(
            code_of(&a08(&[(field, value)])).as_deref(),
            Some(*code),
            "{field}={value:?}"
        );
    }
}

#[test]
fn field_errors_name_the_field() {
    let err =
        check_credit_token(&a08(&[("buyer_tel", "12")]), Limits::default()).expect_err("invalid");
    assert_eq!(err.field, "buyer_tel");
    let err = check_change_price(
        &Form(vec![
            ("trader_code".into(), "1".into()),
            ("order_no".into(), "A1".into()),
        ]),
        Limits::default(),
    )
    .expect_err("new_price missing");
    assert_eq!((err.code.as_str(), err.field), ("A071010401", "new_price"));
}

#[test]
fn slip_numbers_follow_the_carrier() {
    let form = |slip: &str, service: &str| {
        Form(vec![
            ("trader_code".into(), "888888709".into()),
            ("order_no".into(), "ZS-1".into()),
            ("slip_no".into(), slip.into()),
            ("delivery_service_code".into(), service.into()),
        ])
    };
    // 12345678901 mod 7 = 3.
    assert!(yamato_check_digit_ok("123456789013"));
    assert_eq!(check_shipment_entry(&form("123456789013", "00")), Ok(()));
    let code = |slip, service| {
        check_shipment_entry(&form(slip, service))
            .err()
            .map(|e| e.code)
    };
    assert_eq!(code("123456789010", "00").as_deref(), Some("E011010451"));
    assert_eq!(code("12345678901", "00").as_deref(), Some("E011010402"));
    assert_eq!(code("1234-5678-9013", "00").as_deref(), Some("E011010404"));
    assert_eq!(code("", "00").as_deref(), Some("E011010401"));
    assert_eq!(code("ZS-1", "99"), None);
    assert_eq!(code("zs 1", "99").as_deref(), Some("E011010404"));
    assert_eq!(code("ZS-1", "01").as_deref(), Some("E011010506"));
    assert_eq!(normalize_slip("1234-5678-9013"), "123456789013");
}
