//! The return POST read byte for byte, the CDATA markers, the risk data.

use super::*;

const BODY: &str = "COMP_CD=0009&TOKEN=Ab3dE5gH7jK9mN1p&CARD_EXP=1240&ITEM_PRICE=5500\
&ITEM_TAX=0&CUST_CD=c1&SHOP_ID=000000000&TERM_CD=T1&CRD_RES_CD=0000&RES_VE=&RES_PA=\
&RES_CODE=000&3D_INF=%2B%2F%2BA%3D%3D&3D_TRAN_ID=tx1&SEND_DT=20261205120000&HASH_VALUE=ab12";

#[test]
fn every_value_is_kept_as_posted() {
    let ret = ThreeDReturn::parse(BODY.as_bytes()).expect("a return");
    assert_eq!(ret.get("3D_INF"), "+/+A==");
    assert_eq!(ret.token(), "Ab3dE5gH7jK9mN1p");
    assert_eq!(ret.result_code(), "0000");
    assert_eq!(ret.get("RES_VE"), "");
    let params: Vec<&str> = ret.fields().map(|(f, _)| f.param).collect();
    assert_eq!(params.first(), Some(&"comp_cd"));
    assert_eq!(params.last(), Some(&"hash_value"));
    // Encoding it again and reading it back changes nothing.
    assert_eq!(ThreeDReturn::parse(ret.to_post_body().as_bytes()), Ok(ret));
}

#[test]
fn a_plus_is_a_space_and_an_encoded_plus_is_a_plus() {
    let ret = ThreeDReturn::parse(b"3D_INF=a+b%2Bc%3d&RES_CODE=%zz%4").expect("a return");
    assert_eq!(ret.get("3D_INF"), "a b+c=");
    // A broken escape stays as it was sent.
    assert_eq!(ret.get("RES_CODE"), "%zz%4");
}

#[test]
fn missing_fields_are_empty_and_unknown_ones_ignored() {
    let ret = ThreeDReturn::parse(b"CARD_NO=************1111&TOKEN=t&x=1&&=").expect("a return");
    assert_eq!(ret.token(), "t");
    assert_eq!(ret.get("COMP_CD"), "");
    assert_eq!(ret.get("CARD_NO"), "");
    assert_eq!(ThreeDReturn::parse(b""), Ok(ThreeDReturn::from_pairs([])));
}

#[test]
fn what_cannot_be_forwarded_unchanged_is_refused() {
    assert_eq!(
        ThreeDReturn::parse(b"TOKEN=a&TOKEN=b"),
        Err(ReturnError::Repeated("TOKEN"))
    );
    assert_eq!(
        ThreeDReturn::parse(b"HASH_VALUE=%ff%fe"),
        Err(ReturnError::NotUtf8("HASH_VALUE"))
    );
    let big = format!("3D_INF={}", "A".repeat(MAX_RETURN_BYTES));
    assert_eq!(
        ThreeDReturn::parse(big.as_bytes()),
        Err(ReturnError::TooLarge)
    );
}

#[test]
fn debug_output_shows_lengths_not_values() {
    let ret = ThreeDReturn::from_pairs([("HASH_VALUE", "secret-hash")]);
    let printed = format!("{ret:?}");
    assert!(!printed.contains("secret-hash"), "{printed}");
    assert!(printed.contains("\"HASH_VALUE\": 11"), "{printed}");
}

#[test]
fn cdata_markers_are_removed_once() {
    assert_eq!(
        strip_cdata("<![CDATA[<html><body></body></html>]]>"),
        "<html><body></body></html>"
    );
    assert_eq!(strip_cdata(" <![CDATA[<p>]]>]]>\n"), "<p>]]>");
    assert_eq!(strip_cdata("<html></html>"), "<html></html>");
}

fn address(city: &str) -> RiskAddress {
    RiskAddress {
        post_code: "100-0001".into(),
        prefecture: 13,
        city: city.into(),
        line1: "千代田1-1".into(),
        line2: String::new(),
    }
}

#[test]
fn risk_data_follows_the_x3ds2_names() {
    let risk = RiskData {
        email: Some("taro@example.jp".into()),
        phone: Some("090-1234-5678".into()),
        billing: Some(address("千代田区")),
        shipping: Some(address("千代田区")),
    };
    let fields = risk.fields();
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(get("x3ds2_transaction_type"), Some("01"));
    assert_eq!(get("x3ds2_email_address"), Some("taro@example.jp"));
    assert_eq!(get("x3ds2_mobile_phone_cc"), Some("81"));
    assert_eq!(get("x3ds2_mobile_phone_subscriber"), Some("9012345678"));
    assert_eq!(get("x3ds2_home_phone_cc"), None);
    assert_eq!(get("x3ds2_bill_address_post_code"), Some("1000001"));
    assert_eq!(get("x3ds2_bill_address_state"), Some("13"));
    assert_eq!(get("x3ds2_bill_address_country"), Some("392"));
    assert_eq!(get("x3ds2_ship_address_city"), Some("千代田区"));
    assert_eq!(
        get("x3ds2_bill_address_line2"),
        None,
        "empty values are not sent"
    );
    assert_eq!(get("x3ds2_address_match"), Some("01"));

    let other = RiskData {
        phone: Some("03-1234-5678".into()),
        billing: Some(address("千代田区")),
        shipping: Some(address(&"港".repeat(60))),
        ..RiskData::default()
    };
    let fields = other.fields();
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        get("x3ds2_home_phone_subscriber").as_deref(),
        Some("312345678")
    );
    assert_eq!(get("x3ds2_address_match").as_deref(), Some("02"));
    assert_eq!(
        get("x3ds2_ship_address_city").map(|c| c.chars().count()),
        Some(50)
    );
}
