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

#[test]
fn trader_ec_url_is_https_and_at_most_128_characters() {
    let url_code = |url: &str| {
        check_trader_ec_url(&a08(&[("trader_ec_url", url)]))
            .err()
            .map(|e| (e.code, e.field))
    };
    assert_eq!(
        url_code("https://shop.example.jp/api/3ds/return/q7Kx2"),
        None
    );
    let missing = check_trader_ec_url(&a08(&[])).err();
    assert_eq!(
        missing.map(|e| (e.code, e.field)),
        Some(("A081011371".to_owned(), "trader_ec_url"))
    );
    let long = format!("https://shop.example.jp/{}", "a".repeat(104));
    assert_eq!(long.len(), 128);
    assert_eq!(url_code(&long), None);
    assert_eq!(
        url_code(&format!("{long}b")),
        Some(("A081011372".to_owned(), "trader_ec_url"))
    );
    // Loopback http is a secure context to browsers: a shop under development.
    for local in [
        "http://127.0.0.1:8080/api/3ds/return/x",
        "http://localhost/r",
        "http://[::1]:80/r",
    ] {
        assert_eq!(url_code(local), None, "{local}");
    }
    for bad in [
        "http://shop.example.jp/r/1",
        "http://localhost.example.jp/r",
        "http://127.0.0.1.example.jp/r",
        "http://localhost:80@evil.example/r",
        "https://",
        "https://shop example",
        "ftp://x",
    ] {
        assert_eq!(
            url_code(bad),
            Some(("A081011373".to_owned(), "trader_ec_url")),
            "{bad}"
        );
    }
}

fn a09(overrides: &[(&str, &str)]) -> Form {
    let mut form = Form::default();
    form.push("function_div", "A09");
    form.push("trader_code", "888888709");
    form.push("order_no", "ZS-20261129-0001-1");
    for field in A09_RETURN_ITEMS {
        form.push(field.param, format!("v-{}", field.param));
    }
    form.push("three_d_token", "q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6");
    for (k, v) in overrides {
        if let Some(field) = form.0.iter_mut().find(|(name, _)| name == k) {
            field.1 = (*v).to_owned();
        }
    }
    form
}

#[test]
fn each_a09_item_is_checked_in_order_with_its_code() {
    let code = |form: &Form| check_credit_token_3d(form).err().map(|e| (e.code, e.field));
    assert_eq!(code(&a09(&[])), None);
    // The three fields without a "missing" code may be empty.
    assert_eq!(
        code(&a09(&[("res_ve", ""), ("res_pa", ""), ("three_d_inf", "")])),
        None
    );
    let table = [
        ("trader_code", "A091010201"),
        ("order_no", "A091010301"),
        ("comp_cd", "A091010401"),
        ("token", "A091010501"),
        ("card_exp", "A091010601"),
        ("item_price", "A091010701"),
        ("item_tax", "A091010801"),
        ("cust_cd", "A091010901"),
        ("shop_id", "A091011001"),
        ("term_cd", "A091011101"),
        ("crd_res_cd", "A091011201"),
        ("res_code", "A091011501"),
        ("three_d_tran_id", "A091011701"),
        ("send_dt", "A091011801"),
        ("hash_value", "A091011901"),
        ("three_d_token", "A091012001"),
    ];
    for (field, expected) in table {
        let got = code(&a09(&[(field, "")]));
        assert_eq!(
            got.as_ref().map(|(c, _)| c.as_str()),
            Some(expected),
            "{field}"
        );
        assert_eq!(got.map(|(_, f)| f), Some(field), "{field}");
    }
    assert_eq!(
        code(&a09(&[("three_d_token", "short")])).map(|(c, _)| c),
        Some("A091012002".to_owned())
    );
    assert_eq!(
        code(&a09(&[("order_no", "zs-1")])).map(|(c, _)| c),
        Some("A091010304".to_owned())
    );
    // The first failing item wins: a missing comp_cd before a short token.
    assert_eq!(
        code(&a09(&[("comp_cd", ""), ("three_d_token", "x")])).map(|(c, _)| c),
        Some("A091010401".to_owned())
    );
}
