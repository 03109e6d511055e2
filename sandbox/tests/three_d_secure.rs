//! 3-D Secure end to end over HTTP, as a merchant server and a browser meet
//! it: the real client's A08 and A09 against the sandbox, and the browser's
//! leg (start page → ACS → return POST) played with plain form posts.

mod common;

use common::*;
use serde_json::{json, Value};
use zerostep_sandbox::acs::form_of;
use zerostep_webcollect::three_d::{RiskAddress, RiskData, ThreeDReturn};
use zerostep_webcollect::{
    A08Reply, Authorized, CreditToken3D, Error, ErrorKind, ThreeDRequest, ThreeDSecureStart,
};

const RETURN_URL: &str = "https://shop.example.jp/api/3ds/return/Q7kx2Lw9";

fn three_d() -> ThreeDRequest {
    ThreeDRequest {
        trader_ec_url: RETURN_URL.to_owned(),
        risk: RiskData {
            email: Some("taro@example.jp".to_owned()),
            phone: Some("090-1234-5678".to_owned()),
            billing: Some(RiskAddress {
                post_code: "100-0001".to_owned(),
                prefecture: 13,
                city: "千代田区".to_owned(),
                line1: "千代田1-1".to_owned(),
                line2: String::new(),
            }),
            shipping: None,
        },
    }
}

/// A08 with a 3-D Secure token for `card`: the authentication starts.
async fn start_3ds(gw: &Gateway, order_no: &str, card: &str) -> ThreeDSecureStart {
    let token = gw.token_for(card, "3").await;
    match gw
        .client
        .credit_token_3ds(&gw.a08(order_no, token, 5_500), &three_d())
        .await
    {
        Ok(A08Reply::ThreeDSecure(start)) => start,
        other => panic!("expected a 3-D Secure start, got {other:?}"),
    }
}

async fn post_form(gw: &Gateway, url: &str, fields: &[(String, String)]) -> (u16, String) {
    let response = gw.http.post(url).form(fields).send().await.expect("post");
    let status = response.status().as_u16();
    (status, response.text().await.expect("page"))
}

/// The browser runs the start page: its form posts to the ACS.
async fn arrive(gw: &Gateway, start: &ThreeDSecureStart) -> (u16, String) {
    let (action, fields) = form_of(&start.html);
    post_form(gw, &action, &fields).await
}

/// The return page's POST to `trader_ec_url`, as the merchant receives it.
fn returned(page: &str) -> ThreeDReturn {
    let (action, fields) = form_of(page);
    assert_eq!(action, RETURN_URL, "the ACS posts to trader_ec_url");
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&fields)
        .finish();
    ThreeDReturn::parse(body.as_bytes()).expect("a return POST")
}

async fn a09(
    gw: &Gateway,
    order_no: &str,
    start: &ThreeDSecureStart,
    result: ThreeDReturn,
) -> Result<Authorized, Error> {
    gw.client
        .credit_token_3d(&CreditToken3D {
            order_no: order_no.to_owned(),
            three_d_token: start.three_d_token.clone(),
            result,
            reserve_1: None,
        })
        .await
}

async fn challenge(gw: &Gateway, page: &str, code: &str, action: &str) -> (u16, String) {
    let (_, fields) = form_of(page);
    let mut fields = fields;
    fields.push(("code".to_owned(), code.to_owned()));
    fields.push(("action".to_owned(), action.to_owned()));
    post_form(gw, &format!("{}/3ds/acs/challenge", gw.base), &fields).await
}

async fn e04(gw: &Gateway, order_no: &str) -> Option<zerostep_webcollect::TradeInfo> {
    gw.client.trade_info(order_no).await.expect("E04")
}

#[tokio::test]
async fn a_frictionless_authentication_authorizes_once() {
    let gw = start().await;
    let o = order("3DS1");
    let start = start_3ds(&gw, &o, "4111111111111111").await;
    assert!(start.html.starts_with("<html>") && start.html.ends_with("</html>"));
    assert!(start.html.contains("charset=Shift_JIS"));
    assert!(start.html.contains("name=\"creditSendForm\""));
    assert_eq!(start.three_d_token.len(), 32);
    // Nothing is authorized until A09: 21 決済手続き中, the number busy.
    assert_eq!(e04(&gw, &o).await.map(|t| t.status_info), Some(21));
    let again = gw.token("4111111111111111").await;
    assert_eq!(
        gateway_code(gw.client.credit_token(&gw.a08(&o, again, 5_500)).await).0,
        "Z012000004"
    );

    let (status, page) = arrive(&gw, &start).await;
    assert_eq!(status, 200);
    let ret = returned(&page);
    assert_eq!(ret.result_code(), "0000");
    let info = ret.get("3D_INF");
    assert!(
        info.contains('+') && info.contains('/') && info.ends_with('='),
        "{info}"
    );
    assert_eq!(ret.get("ITEM_PRICE"), "5500");
    assert_eq!(ret.get("CARD_EXP"), "1240");
    // A reload of the ACS page posts the same result again.
    assert_eq!(returned(&arrive(&gw, &start).await.1), ret);

    let auth = a09(&gw, &o, &start, ret.clone()).await.expect("authorized");
    assert_eq!(auth.crd_c_res_cd.len(), 7);
    let trade = e04(&gw, &o).await.expect("a transaction");
    assert_eq!(trade.status_info, 4);
    assert!(trade
        .raw
        .contains(&("threeDCode".to_owned(), "0000".to_owned())));
    // A replayed A09 is 受付番号重複, never a second authorization.
    let (code, _, kind) = gateway_code(a09(&gw, &o, &start, ret).await);
    assert_eq!((code.as_str(), kind), ("A092000001", ErrorKind::State));

    let stats = gw.stats().await;
    assert_eq!(stats["authorizations"], 1, "{stats}");
    assert_eq!(stats["calls"]["A08"]["3ds"], 1, "{stats}");
    assert_eq!(stats["calls"]["A09"]["ok"], 1, "{stats}");
    assert_eq!(stats["calls"]["A09"]["error"], 1, "{stats}");
    // The risk data arrived with the session.
    let sessions: Value = gw
        .http
        .get(format!("{}/__sandbox/3ds", gw.base))
        .send()
        .await
        .expect("sessions")
        .json()
        .await
        .expect("json");
    let session = &sessions["sessions"][0];
    assert_eq!(session["stage"], "authorized", "{sessions}");
    assert_eq!(session["risk"]["x3ds2_email_address"], "taro@example.jp");
    assert_eq!(session["risk"]["x3ds2_bill_address_state"], "13");
}

/// A08's fields as a merchant server posts them, with `trader_ec_url` when given.
fn a08_fields(order_no: &str, token: &str, url: Option<&str>) -> Vec<(&'static str, String)> {
    let mut form: Vec<(&'static str, String)> = [
        ("function_div", "A08"),
        ("trader_code", "888888709"),
        ("device_div", "2"),
        ("order_no", order_no),
        ("settle_price", "1000"),
        ("buyer_name_kanji", "山田　太郎"),
        ("buyer_tel", "0312345678"),
        ("buyer_email", "taro@example.jp"),
        ("pay_way", "1"),
        ("token", token),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect();
    if let Some(url) = url {
        form.push(("trader_ec_url", url.to_owned()));
    }
    form
}

async fn post_a08(gw: &Gateway, form: &[(&'static str, String)]) -> String {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    gw.raw("/api/creditToken", &pairs).await
}

#[tokio::test]
async fn the_raw_reply_escapes_the_cdata_wrapped_page_as_text() {
    let gw = start().await;
    let token = gw.token_for("4111111111111111", "3").await;
    let body = post_a08(&gw, &a08_fields(&order("RAW"), &token, Some(RETURN_URL))).await;
    assert!(
        body.contains("<threeDAuthHtml>&lt;![CDATA[&lt;html&gt;"),
        "{body}"
    );
    assert!(body.contains("]]&gt;</threeDAuthHtml>"), "{body}");
    // Without 3-D Secure the two elements are left out.
    let plain = gw.token("4111111111111111").await;
    // trader_ec_url is ignored for a token without 3-D Secure, even as http.
    let url = Some("http://shop.example.jp/r");
    let body = post_a08(&gw, &a08_fields(&order("RAW2"), &plain, url)).await;
    assert!(body.contains("<returnCode>0</returnCode>"), "{body}");
    assert!(!body.contains("threeD"), "{body}");
}

#[tokio::test]
async fn the_challenge_takes_the_code_and_fails_after_three_wrong_ones() {
    let gw = start().await;
    let o = order("3DS-CH1");
    let start = start_3ds(&gw, &o, "4000000000003220").await;
    let (status, page) = arrive(&gw, &start).await;
    assert_eq!(status, 200);
    assert!(page.contains("ワンタイムパスワード") && page.contains("5,500円"));
    assert!(page.contains("**** 3220"));
    assert!(!page.contains("returnForm"), "no result before the code");
    let (_, page) = challenge(&gw, &page, "000000", "authenticate").await;
    assert!(
        page.contains("role=\"alert\"") && page.contains("あと2回"),
        "{page}"
    );
    let (_, page) = challenge(&gw, &page, "123456", "authenticate").await;
    let ret = returned(&page);
    assert_eq!(ret.result_code(), "0000");
    a09(&gw, &o, &start, ret).await.expect("authorized");

    let o = order("3DS-CH2");
    let start = start_3ds(&gw, &o, "4000000000003220").await;
    let (_, mut page) = arrive(&gw, &start).await;
    for _ in 0..3 {
        page = challenge(&gw, &page, "999999", "authenticate").await.1;
    }
    let ret = returned(&page);
    assert_eq!(ret.result_code(), "0002");
    let (code, _, kind) = gateway_code(a09(&gw, &o, &start, ret).await);
    assert_eq!(
        (code.as_str(), kind),
        ("A092000004", ErrorKind::Authentication)
    );
    // 20 決済中断; the order number is free for a new attempt.
    assert_eq!(e04(&gw, &o).await.map(|t| t.status_info), Some(20));
    assert!(gw
        .client
        .credit_token(&gw.a08(&o, gw.token("4111111111111111").await, 5_500))
        .await
        .is_ok());
}

#[tokio::test]
async fn each_test_card_ends_as_documented() {
    let gw = start().await;
    let cases = [
        ("4000000000003238", "0003", None),
        ("4000000000003246", "0006", None),
        ("4000000000003279", "0005", None),
        ("4000000000003261", "0002", Some("A092000004")),
        ("4000000000003253", "0007", Some("A092000004")),
        ("4000000000000002", "0000", Some("A092000005")),
    ];
    for (i, (card, result, error)) in cases.into_iter().enumerate() {
        let o = order(&format!("3DS-CARD{i}"));
        let start = start_3ds(&gw, &o, card).await;
        let ret = returned(&arrive(&gw, &start).await.1);
        assert_eq!(ret.result_code(), result, "{card}");
        let outcome = a09(&gw, &o, &start, ret).await;
        match error {
            None => assert!(outcome.is_ok(), "{card}: {outcome:?}"),
            Some(expected) => assert_eq!(gateway_code(outcome).0, expected, "{card}"),
        }
    }
    // A decline after the authentication carries its creditErrorCode.
    let o = order("3DS-DECLINE");
    let start = start_3ds(&gw, &o, "4000000000009995").await;
    let ret = returned(&arrive(&gw, &start).await.1);
    let (code, credit, kind) = gateway_code(a09(&gw, &o, &start, ret).await);
    assert_eq!(
        (code.as_str(), credit.as_deref(), kind),
        ("A092000005", Some("G55"), ErrorKind::Decline)
    );
    // The shopper's キャンセル on the challenge is a failed authentication.
    let o = order("3DS-CANCEL");
    let start = start_3ds(&gw, &o, "4000000000003220").await;
    let page = arrive(&gw, &start).await.1;
    let ret = returned(&challenge(&gw, &page, "", "cancel").await.1);
    assert_eq!(ret.result_code(), "0002");
    assert_eq!(
        gateway_code(a09(&gw, &o, &start, ret).await).0,
        "A092000004"
    );
}

#[tokio::test]
async fn a_tampered_or_foreign_return_is_refused_and_the_true_one_still_works() {
    let gw = start().await;
    let o = order("3DS-TAMPER");
    let start = start_3ds(&gw, &o, "4000000000003261").await;
    // Before the ACS has answered there is nothing to accept.
    let filled: Vec<(&str, &str)> = zerostep_webcollect::rules::A09_RETURN_ITEMS
        .iter()
        .map(|f| (f.post, "1"))
        .collect();
    assert_eq!(
        gateway_code(a09(&gw, &o, &start, ThreeDReturn::from_pairs(filled)).await).0,
        "A092000003"
    );
    let ret = returned(&arrive(&gw, &start).await.1);
    assert_eq!(ret.result_code(), "0002");
    let with = |name: &str, value: &str| {
        let pairs: Vec<(&str, &str)> = ret
            .fields()
            .map(|(f, v)| (f.post, if f.post == name { value } else { v }))
            .collect();
        ThreeDReturn::from_pairs(pairs)
    };
    // Turning the failed result into a success breaks the hash.
    for (name, value) in [
        ("CRD_RES_CD", "0000"),
        ("3D_INF", "AAAA"),
        ("ITEM_PRICE", "1"),
    ] {
        let (code, _, kind) = gateway_code(a09(&gw, &o, &start, with(name, value)).await);
        assert_eq!(
            (code.as_str(), kind),
            ("A092000003", ErrorKind::Authentication),
            "{name}"
        );
    }
    // Another order, or a made-up threeDToken, does not find the session.
    assert_eq!(
        gateway_code(a09(&gw, &order("3DS-OTHER"), &start, ret.clone()).await).0,
        "A092000003"
    );
    let forged = ThreeDSecureStart {
        three_d_token: "A".repeat(32),
        ..start.clone()
    };
    assert_eq!(
        gateway_code(a09(&gw, &o, &forged, ret.clone()).await).0,
        "A092000003"
    );
    // The client refuses what the gateway would, by name, before sending.
    let short = ThreeDSecureStart {
        three_d_token: "short".to_owned(),
        ..start.clone()
    };
    match a09(&gw, &o, &short, ret.clone()).await {
        Err(Error::Invalid(f)) => {
            assert_eq!((f.code.as_str(), f.field), ("A091012002", "three_d_token"))
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    match a09(&gw, &o, &start, with("COMP_CD", "")).await {
        Err(Error::Invalid(f)) => assert_eq!((f.code.as_str(), f.field), ("A091010401", "comp_cd")),
        other => panic!("expected a field error, got {other:?}"),
    }
    // The genuine return is still answered (the rejected card: 3-D Secure NG).
    assert_eq!(
        gateway_code(a09(&gw, &o, &start, ret).await).0,
        "A092000004"
    );
}

#[tokio::test]
async fn trader_ec_url_is_checked_for_3ds_tokens_before_the_token_is_used() {
    let gw = start().await;
    let token = gw.token_for("4111111111111111", "3").await;
    let o = order("3DS-URL");
    let form = |url: Option<&str>| a08_fields(&o, &token, url);
    let long = format!("https://shop.example.jp/{}", "a".repeat(110));
    for (url, code) in [
        (None, "A081011371"),
        (Some(long.as_str()), "A081011372"),
        (Some("http://shop.example.jp/r/1"), "A081011373"),
    ] {
        let body = post_a08(&gw, &form(url)).await;
        assert!(
            body.contains(&format!("<errorCode>{code}</errorCode>")),
            "{body}"
        );
    }
    // The token was not spent by those refusals.
    let body = post_a08(&gw, &form(Some(RETURN_URL))).await;
    assert!(body.contains("<threeDToken>"), "{body}");
    // The client checks the URL itself, by name.
    let token = gw.token_for("4111111111111111", "3").await;
    let insecure = ThreeDRequest {
        trader_ec_url: "http://shop.example.jp/r".to_owned(),
        ..three_d()
    };
    match gw
        .client
        .credit_token_3ds(&gw.a08(&order("3DS-URL2"), token, 1_000), &insecure)
        .await
    {
        Err(Error::Invalid(f)) => {
            assert_eq!((f.code.as_str(), f.field), ("A081011373", "trader_ec_url"))
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    // A token without 3-D Secure is authorized at once, URL or not.
    let plain = gw.token("4111111111111111").await;
    let reply = gw
        .client
        .credit_token_3ds(&gw.a08(&order("3DS-URL3"), plain, 1_000), &three_d())
        .await;
    assert!(matches!(reply, Ok(A08Reply::Authorized(_))), "{reply:?}");
    // And the plain A08 call refuses a reply that asks for 3-D Secure.
    let three = gw.token_for("4111111111111111", "3").await;
    let plain_call = gw
        .client
        .credit_token(&gw.a08(&order("3DS-URL4"), three, 1_000))
        .await;
    assert!(plain_call.is_err(), "{plain_call:?}");
}

#[tokio::test]
async fn an_abandoned_authentication_is_interrupted_after_30_minutes() {
    let gw = start().await;
    let o = order("3DS-LATE");
    let start = start_3ds(&gw, &o, "4111111111111111").await;
    let ret = returned(&arrive(&gw, &start).await.1);
    assert_eq!(
        gw.control("clock", json!({"offset_seconds": 31 * 60}))
            .await
            .status(),
        200
    );
    assert_eq!(e04(&gw, &o).await.map(|t| t.status_info), Some(20));
    let (status, page) = arrive(&gw, &start).await;
    assert_eq!(status, 410);
    assert!(page.contains("終了"), "{page}");
    assert_eq!(
        gateway_code(a09(&gw, &o, &start, ret).await).0,
        "A092000003"
    );
    // Nothing was authorized, and the number is free again.
    assert_eq!(gw.stats().await["authorizations"], 0);
    assert!(gw
        .client
        .credit_token(&gw.a08(&o, gw.token("4111111111111111").await, 5_500))
        .await
        .is_ok());
}

#[tokio::test]
async fn an_authentication_under_way_cannot_be_cancelled_or_changed() {
    let gw = start().await;
    let o = order("3DS-BUSY");
    start_3ds(&gw, &o, "4111111111111111").await;
    assert_eq!(
        gateway_code(gw.client.credit_cancel(&o, None).await).0,
        "A062010003"
    );
    assert_eq!(
        gateway_code(gw.client.credit_change_price(&o, 100, None).await).0,
        "A073000001"
    );
    assert_eq!(
        gateway_code(gw.client.re_auth(&o, None).await).0,
        "A112000002"
    );
}

#[tokio::test]
async fn forced_outcomes_and_forced_codes_override_the_card() {
    let gw = start().await;
    let response = gw
        .control("3ds", json!({"outcome": "challenge", "count": 1}))
        .await;
    assert_eq!(response.status(), 204);
    let o = order("3DS-FORCED");
    let start = start_3ds(&gw, &o, "4111111111111111").await;
    let page = arrive(&gw, &start).await.1;
    assert!(page.contains("ワンタイムパスワード"), "{page}");
    // The next one is the card's own again: frictionless.
    let o2 = order("3DS-FORCED2");
    let start2 = start_3ds(&gw, &o2, "4111111111111111").await;
    assert_eq!(
        returned(&arrive(&gw, &start2).await.1).result_code(),
        "0000"
    );
    let bad = gw.control("3ds", json!({"outcome": "sometimes"})).await;
    assert_eq!(bad.status(), 400);
    // reserve_1 forces an A09 error code, as on Yamato's test gateway.
    let ret = returned(&challenge(&gw, &page, "123456", "authenticate").await.1);
    let forced = gw
        .client
        .credit_token_3d(&CreditToken3D {
            order_no: o.clone(),
            three_d_token: start.three_d_token.clone(),
            result: ret.clone(),
            reserve_1: Some("A092000002".to_owned()),
        })
        .await;
    let (code, _, kind) = gateway_code(forced);
    assert_eq!(
        (code.as_str(), kind),
        ("A092000002", ErrorKind::OutcomeUnknown)
    );
    // A fault on A09 reaches the client as an unknown outcome; not applied,
    // the same A09 then authorizes.
    let response = gw
        .control(
            "faults",
            json!({"action": "creditToken3D", "mode": "http500"}),
        )
        .await;
    assert_eq!(response.status(), 204);
    assert!(matches!(
        a09(&gw, &o, &start, ret.clone()).await,
        Err(Error::Transport(_))
    ));
    a09(&gw, &o, &start, ret).await.expect("authorized");
}
