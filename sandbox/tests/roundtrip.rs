//! Round trips: the real `zerostep-webcollect` client against the sandbox
//! over HTTP, for every action, transition of protocol §7.2, test card,
//! clock rule, `reserve_1` and fault mode.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};
use zerostep_sandbox::Config;
use zerostep_webcollect::{DeliveryService, Error, ErrorKind, TransportKind};

#[tokio::test]
async fn every_documented_approved_card_authorizes() {
    let gw = start().await;
    let cards = [
        ("4111111111111111", 9),
        ("5555555555554444", 10),
        ("3530111333300000", 3),
        ("378282246310005", 12),
        ("30569309025904", 2),
        ("0000000000000001", 9),
    ];
    for (i, (card, company)) in cards.iter().enumerate() {
        let order_no = order(&format!("OK{i}"));
        let approval = gw
            .authorize(&order_no, card, 5_500)
            .await
            .expect("authorized");
        assert_eq!(approval.len(), 7, "{card}");
        let info = gw
            .client
            .trade_info(&order_no)
            .await
            .expect("E04")
            .expect("found");
        assert_eq!((info.status_info, info.settle_price), (4, 5_500), "{card}");
        assert_eq!(info.crd_c_res_cd.as_deref(), Some(approval.as_str()));
        assert!(
            info.raw
                .contains(&("settleMethod".to_owned(), company.to_string())),
            "{card}"
        );
    }
}

#[tokio::test]
async fn decline_cards_give_their_credit_error_codes_and_keep_the_order_number_free() {
    let gw = start().await;
    for (card, cg) in [
        ("4000000000000002", "G12"),
        ("4000000000009995", "G55"),
        ("4000000000000069", "G83"),
        ("4000000000000127", "G44"),
        ("4000000000000119", "C50"),
    ] {
        let order_no = order(&format!("NG-{cg}"));
        let (code, credit, kind) = gateway_code(gw.authorize(&order_no, card, 1_000).await);
        assert_eq!(
            (code.as_str(), credit.as_deref(), kind),
            ("A082000010", Some(cg), ErrorKind::Decline)
        );
        assert_eq!(
            gw.status(&order_no).await,
            None,
            "a decline creates no transaction"
        );
        gw.authorize(&order_no, "4111111111111111", 1_000)
            .await
            .expect("another card may use the same order_no");
    }
}

#[tokio::test]
async fn decline_messages_are_bilingual_and_name_the_reason() {
    let gw = start().await;
    match gw.authorize(&order("MSG"), "4000000000009995", 1_000).await {
        Err(Error::Gateway(g)) => {
            assert!(
                g.ja.contains("与信処理ができませんでした")
                    && g.ja.contains("G55: 1日利用限度額オーバー"),
                "{}",
                g.ja
            );
            assert!(
                g.en.contains("declined") && g.en.contains("daily limit"),
                "{}",
                g.en
            );
        }
        other => panic!("expected a decline, got {other:?}"),
    }
}

#[tokio::test]
async fn tokens_are_single_use_and_expire_after_30_minutes() {
    let gw = start().await;
    let token = gw.token("4111111111111111").await;
    assert_eq!(token.len(), 16);
    assert!(token.chars().all(|c| c.is_ascii_alphanumeric()));
    gw.client
        .credit_token(&gw.a08(&order("T1"), token.clone(), 100))
        .await
        .expect("first use");
    let reused = gw
        .client
        .credit_token(&gw.a08(&order("T2"), token, 100))
        .await;
    assert_eq!(gateway_code(reused).0, "A082000004");

    let stale = gw.token("4111111111111111").await;
    gw.control("clock", json!({"offset_seconds": 31 * 60}))
        .await;
    assert_eq!(
        gateway_code(
            gw.client
                .credit_token(&gw.a08(&order("T3"), stale, 100))
                .await
        )
        .0,
        "A082000004"
    );

    let unknown = gw
        .client
        .credit_token(&gw.a08(&order("T4"), "AAAAAAAAAAAAAAAA".to_owned(), 100))
        .await;
    assert_eq!(gateway_code(unknown).0, "A082000004");
}

#[tokio::test]
async fn tokens_past_their_hour_are_forgotten_when_new_ones_are_issued() {
    let gw = start().await;
    let kept = || async { gw.stats().await["tokens_kept"].as_u64().expect("a count") };
    for _ in 0..3 {
        gw.token("4111111111111111").await;
    }
    assert_eq!(kept().await, 3);
    gw.control("clock", json!({"offset_seconds": 61 * 60}))
        .await;
    let fresh = gw.token("4111111111111111").await;
    assert_eq!(kept().await, 1, "only the new one");
    gw.client
        .credit_token(&gw.a08(&order("T5"), fresh, 100))
        .await
        .expect("the new token still pays");
}

#[tokio::test]
async fn order_numbers_are_unique_per_trader() {
    let gw = start().await;
    gw.authorize(&order("DUP"), "4111111111111111", 100)
        .await
        .expect("first");
    assert_eq!(
        gateway_code(gw.authorize(&order("DUP"), "4111111111111111", 100).await).0,
        "A082000003"
    );
}

#[tokio::test]
async fn the_client_refuses_bad_fields_before_sending() {
    let gw = start().await;
    let mut req = gw.a08(&order("BAD"), "AAAAAAAAAAAAAAAA".to_owned(), 300_001);
    match gw.client.credit_token(&req).await {
        Err(Error::Invalid(f)) => {
            assert_eq!((f.code.as_str(), f.field), ("A081010572", "settle_price"))
        }
        other => panic!("expected a field error, got {other:?}"),
    }
    req.settle_price = 100;
    req.buyer_name_kanji = "ﾔﾏﾀﾞ".to_owned();
    match gw.client.credit_token(&req).await {
        Err(Error::Invalid(f)) => assert_eq!(
            (f.code.as_str(), f.field),
            ("A081010671", "buyer_name_kanji")
        ),
        other => panic!("expected a field error, got {other:?}"),
    }
    let history = gw
        .http
        .get(format!(
            "{}/__sandbox/transactions/{}",
            gw.base,
            order("BAD")
        ))
        .send()
        .await
        .expect("get");
    assert_eq!(history.status(), 404, "nothing reached the sandbox");
}

#[tokio::test]
async fn the_sandbox_enforces_the_same_rules_and_the_protocol_envelope() {
    let gw = start().await;
    let a08 = |price: &'static str| {
        vec![
            ("function_div", "A08"),
            ("trader_code", "888888709"),
            ("device_div", "2"),
            ("order_no", "ZS-RAW-1"),
            ("settle_price", price),
            ("buyer_name_kanji", "山田太郎"),
            ("buyer_tel", "0312345678"),
            ("buyer_email", "a@example.jp"),
            ("pay_way", "1"),
            ("token", "AAAAAAAAAAAAAAAA"),
        ]
    };
    let body = gw.raw("/api/creditToken", &a08("300001")).await;
    assert!(
        body.contains("<errorCode>A081010572</errorCode>")
            && body.contains("<returnCode>1</returnCode>"),
        "{body}"
    );
    let body = gw.raw("/test_gateway/creditToken.api", &a08("0")).await;
    assert!(body.contains("<errorCode>A081010571</errorCode>"), "{body}");
    // Card-on-file (the option service) is not contracted: an A08 naming a
    // member is refused before its token is looked at.
    let mut member = a08("1000");
    member.extend([("member_id", "M1"), ("authentication_key", "K1")]);
    let body = gw.raw("/api/creditToken", &member).await;
    assert!(
        body.contains("<errorCode>A082000005</errorCode>")
            && body.contains("<returnCode>1</returnCode>"),
        "{body}"
    );
    // An action this gateway does not offer (card-on-file registration) is
    // refused in the reply, with HTTP 200, as every error is.
    let response = gw
        .http
        .post(format!("{}/api/creditInfoRegister", gw.base))
        .form(&[("function_div", "A03"), ("trader_code", "888888709")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("body");
    assert!(
        body.contains("<errorCode>Z012000003</errorCode>")
            && body.contains("<returnCode>1</returnCode>"),
        "{body}"
    );

    let get = gw
        .http
        .get(format!("{}/api/creditToken", gw.base))
        .send()
        .await
        .expect("get");
    assert_eq!(get.status(), 200);
    assert!(get.text().await.expect("body").contains("Z012000001"));
    assert!(gw
        .raw(
            "/api/tradeInfo",
            &[("trader_code", "888888709"), ("order_no", "X")]
        )
        .await
        .contains("Z012000002"));
    assert!(gw
        .raw(
            "/api/tradeInfo",
            &[("function_div", "A08"), ("trader_code", "888888709")]
        )
        .await
        .contains("Z012000003"));
    assert!(gw
        .raw(
            "/api/tradeInfo",
            &[
                ("function_div", "E04"),
                ("trader_code", "123"),
                ("order_no", "X")
            ]
        )
        .await
        .contains("Z012000007"));
    assert!(gw.raw("/api/credit", &[]).await.contains("Z012000003"));
}

#[tokio::test]
async fn shipments_confirm_sales_through_the_state_machine() {
    let gw = start().await;
    let o = order("SHIP");
    gw.authorize(&o, "4111111111111111", 3_300)
        .await
        .expect("authorized");
    let (slip_a, slip_b) = (yamato_slip(12_345_678_901), yamato_slip(12_345_678_902));

    let entered = gw
        .client
        .shipment_entry(&o, &slip_a, DeliveryService::Yamato, None)
        .await
        .expect("E01");
    assert!(entered
        .slip_url_pc
        .as_deref()
        .is_some_and(|u| u.ends_with(&slip_a)));
    assert_eq!(gw.status(&o).await, Some(30));
    // Hyphenated input is normalised by the client.
    let hyphenated = format!("{}-{}-{}", &slip_b[..4], &slip_b[4..8], &slip_b[8..]);
    gw.client
        .shipment_entry(&o, &hyphenated, DeliveryService::Yamato, None)
        .await
        .expect("second slip");
    let info = gw.client.trade_info(&o).await.expect("E04").expect("found");
    assert_eq!(info.slip_nos, vec![slip_a.clone(), slip_b.clone()]);

    gw.client
        .shipment_cancel(&o, &slip_b, None)
        .await
        .expect("E02 one slip");
    assert_eq!(gw.status(&o).await, Some(30));
    assert_eq!(
        gateway_code(gw.client.shipment_cancel(&o, &slip_b, None).await).0,
        "E022000001"
    );
    gw.client
        .shipment_cancel(&o, &slip_a, None)
        .await
        .expect("E02 last slip");
    assert_eq!(gw.status(&o).await, Some(4));

    gw.client
        .shipment_entry(&o, &slip_a, DeliveryService::Yamato, None)
        .await
        .expect("re-register");
    let other = order("SHIP2");
    gw.authorize(&other, "4111111111111111", 100)
        .await
        .expect("authorized");
    assert_eq!(
        gateway_code(
            gw.client
                .shipment_entry(&other, &slip_a, DeliveryService::Yamato, None)
                .await
        )
        .0,
        "E012000001"
    );

    let scan = gw.control(&format!("scan/{slip_a}"), json!({})).await;
    assert_eq!(scan.status(), 200);
    assert_eq!(gw.status(&o).await, Some(31));
    assert_eq!(
        gateway_code(
            gw.client
                .shipment_entry(&o, &slip_b, DeliveryService::Yamato, None)
                .await
        )
        .0,
        "E011010351"
    );
    assert_eq!(
        gateway_code(gw.client.shipment_cancel(&o, &slip_a, None).await).0,
        "E021010351"
    );
    assert_eq!(
        gateway_code(gw.client.credit_cancel(&o, None).await).0,
        "A062010004"
    );
    assert_eq!(
        gateway_code(gw.client.re_auth(&o, None).await).0,
        "A112000002"
    );
    gw.client
        .credit_change_price(&o, 3_000, None)
        .await
        .expect("A07 after settlement");
    assert_eq!(
        gw.client
            .trade_info(&o)
            .await
            .expect("E04")
            .map(|t| t.settle_price),
        Some(3_000)
    );
}

#[tokio::test]
async fn another_carriers_slip_confirms_at_once() {
    let gw = start().await;
    let o = order("OTHER");
    gw.authorize(&o, "4111111111111111", 1_000)
        .await
        .expect("authorized");
    let entered = gw
        .client
        .shipment_entry(&o, &o, DeliveryService::Other, None)
        .await
        .expect("E01 99");
    assert_eq!(entered.slip_url_pc, None);
    assert_eq!(gw.status(&o).await, Some(31));
}

#[tokio::test]
async fn bad_slip_numbers_are_caught_by_name() {
    let gw = start().await;
    let o = order("SLIPCHK");
    gw.authorize(&o, "4111111111111111", 1_000)
        .await
        .expect("authorized");
    match gw
        .client
        .shipment_entry(&o, "123456789010", DeliveryService::Yamato, None)
        .await
    {
        Err(Error::Invalid(f)) => assert_eq!((f.code.as_str(), f.field), ("E011010451", "slip_no")),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_order_takes_at_most_99_slips() {
    let gw = start().await;
    let o = order("MANY");
    gw.authorize(&o, "4111111111111111", 1_000)
        .await
        .expect("authorized");
    for i in 0..99 {
        gw.client
            .shipment_entry(
                &o,
                &yamato_slip(50_000_000_000 + i),
                DeliveryService::Yamato,
                None,
            )
            .await
            .expect("slip");
    }
    let hundredth = gw
        .client
        .shipment_entry(
            &o,
            &yamato_slip(50_000_000_099),
            DeliveryService::Yamato,
            None,
        )
        .await;
    assert_eq!(gateway_code(hundredth).0, "E012000002");
}

#[tokio::test]
async fn cancel_and_reauthorize_follow_the_matrix() {
    let gw = start().await;
    let o = order("CANCEL");
    gw.authorize(&o, "4111111111111111", 2_000)
        .await
        .expect("authorized");
    assert_eq!(
        gateway_code(gw.client.credit_change_price(&o, 2_000, None).await).0,
        "A074000001"
    );
    gw.client
        .credit_change_price(&o, 1_800, None)
        .await
        .expect("A07");
    gw.client.credit_cancel(&o, None).await.expect("A06");
    assert_eq!(gw.status(&o).await, Some(40));
    assert_eq!(
        gateway_code(gw.client.credit_cancel(&o, None).await).0,
        "A062010003"
    );
    assert_eq!(
        gateway_code(
            gw.client
                .shipment_entry(&o, &yamato_slip(1), DeliveryService::Yamato, None)
                .await
        )
        .0,
        "E011010351"
    );
    assert_eq!(
        gateway_code(gw.client.credit_change_price(&o, 1_000, None).await).0,
        "A073000001"
    );
    gw.client
        .re_auth(&o, None)
        .await
        .expect("A11 revives a cancelled order");
    assert_eq!(gw.status(&o).await, Some(4));
    assert_eq!(
        gateway_code(gw.client.credit_cancel(&order("NONE"), None).await).0,
        "A062010001"
    );
    assert_eq!(
        gateway_code(gw.client.re_auth(&order("NONE"), None).await).0,
        "A112000002"
    );
    assert_eq!(
        gw.client.trade_info(&order("NONE")).await.expect("E04"),
        None
    );
}

#[tokio::test]
async fn the_reauth_failure_card_fails_a11_and_a07() {
    let gw = start().await;
    let o = order("0341");
    gw.authorize(&o, "4000000000000341", 5_000)
        .await
        .expect("first authorization is approved");
    let (code, credit, kind) = gateway_code(gw.client.re_auth(&o, None).await);
    assert_eq!(
        (code.as_str(), credit.as_deref(), kind),
        ("A112000004", Some("G12"), ErrorKind::Decline)
    );
    assert_eq!(
        gateway_code(gw.client.credit_change_price(&o, 4_000, None).await).0,
        "A076000001"
    );
    assert_eq!(gw.status(&o).await, Some(17));
    gw.client
        .credit_cancel(&o, None)
        .await
        .expect("17 can be cancelled");
}

/// A failed A07 makes 金額変更NG (17) of 与信完了 only: a shipped order (30)
/// keeps its slip and can still be confirmed, and a settled sale (31) stays
/// settled, so it cannot be cancelled (A062010004) through a detour via 17.
#[tokio::test]
async fn a_failed_amount_change_leaves_a_shipped_or_settled_order_as_it_was() {
    let gw = start().await;
    let shipped = order("0341S");
    gw.authorize(&shipped, "4000000000000341", 5_000)
        .await
        .expect("authorized");
    let slip = yamato_slip(41);
    gw.client
        .shipment_entry(&shipped, &slip, DeliveryService::Yamato, None)
        .await
        .expect("E01");
    assert_eq!(gw.status(&shipped).await, Some(30));
    assert_eq!(
        gateway_code(gw.client.credit_change_price(&shipped, 4_000, None).await).0,
        "A076000001"
    );
    assert_eq!(gw.status(&shipped).await, Some(30));
    let scan = gw.control(&format!("scan/{slip}"), json!({})).await;
    assert_eq!(scan.status(), 200, "the slip is still registered");
    assert_eq!(gw.status(&shipped).await, Some(31));
    assert_eq!(
        gateway_code(gw.client.credit_change_price(&shipped, 3_000, None).await).0,
        "A076000001"
    );
    assert_eq!(gw.status(&shipped).await, Some(31));
    assert_eq!(
        gateway_code(gw.client.credit_cancel(&shipped, None).await).0,
        "A062010004"
    );
}

#[tokio::test]
async fn the_nightly_window_refuses_a07_and_a11() {
    let gw = start().await;
    let o = order("NIGHT");
    gw.set_jst("2026-11-29T22:59:00").await;
    gw.authorize(&o, "4111111111111111", 1_000)
        .await
        .expect("authorized");
    gw.set_jst("2026-11-29T23:00:00").await;
    let (code, _, kind) = gateway_code(gw.client.re_auth(&o, None).await);
    assert_eq!(
        (code.as_str(), kind),
        ("A110000000", ErrorKind::Maintenance)
    );
    assert_eq!(
        gateway_code(gw.client.credit_change_price(&o, 900, None).await).0,
        "A070000000"
    );
    gw.set_jst("2026-11-30T00:59:59").await;
    assert_eq!(
        gateway_code(gw.client.re_auth(&o, None).await).0,
        "A110000000"
    );
    gw.set_jst("2026-11-30T01:00:00").await;
    gw.client
        .re_auth(&o, None)
        .await
        .expect("A11 after the window");
    gw.client
        .credit_change_price(&o, 900, None)
        .await
        .expect("A07 after the window");
}

#[tokio::test]
async fn an_authorization_lapses_after_the_hold_and_cannot_be_renewed() {
    let gw = start().await;
    let o = order("HOLD");
    gw.set_jst("2026-11-01T12:00:00").await;
    gw.authorize(&o, "4111111111111111", 1_000)
        .await
        .expect("authorized");
    gw.set_jst("2027-01-01T12:00:00").await; // 61 days later
    assert_eq!(
        gateway_code(
            gw.client
                .shipment_entry(&o, &yamato_slip(7), DeliveryService::Yamato, None)
                .await
        )
        .0,
        "E011010351"
    );
    // 与信が切れてしまうと再与信できません (the seed guide).
    assert_eq!(
        gateway_code(gw.client.re_auth(&o, None).await).0,
        "A112000002"
    );
    // Renewed before it lapsed, it holds for another period.
    let renewed = order("HOLD2");
    gw.set_jst("2026-11-01T12:00:00").await;
    gw.authorize(&renewed, "4111111111111111", 1_000)
        .await
        .expect("authorized");
    gw.set_jst("2026-12-20T12:00:00").await; // 49 days later
    gw.client.re_auth(&renewed, None).await.expect("A11");
    gw.set_jst("2027-01-20T12:00:00").await; // 31 days after the renewal
    gw.client
        .shipment_entry(&renewed, &yamato_slip(8), DeliveryService::Yamato, None)
        .await
        .expect("E01 within the renewed hold");
}

#[tokio::test]
async fn reserve_1_forces_the_given_error() {
    let gw = start().await;
    let token = gw.token("4111111111111111").await;
    let mut req = gw.a08(&order("R1"), token, 100);
    req.reserve_1 = Some("A082000010".to_owned());
    assert_eq!(
        gateway_code(gw.client.credit_token(&req).await).0,
        "A082000010"
    );
    let (code, _, kind) = gateway_code(gw.client.re_auth(&order("R1"), Some("Z010000000")).await);
    assert_eq!(
        (code.as_str(), kind),
        ("Z010000000", ErrorKind::Maintenance)
    );
}

#[tokio::test]
async fn trader_ip_reports_the_callers_address() {
    let gw = start().await;
    assert_eq!(gw.client.trader_ip().await.expect("H01"), "127.0.0.1");
}

fn transport_kind(result: Result<impl std::fmt::Debug, Error>) -> TransportKind {
    match result {
        Err(Error::Transport(t)) => t.kind,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_client_follows_no_redirect_and_stops_reading_at_its_limit() {
    // The client's timeout is long enough to read far past its limit.
    let gw = start_with(Config::default(), Duration::from_secs(10)).await;
    gw.fault("creditToken", "redirect", json!({})).await;
    let token = gw.token("4111111111111111").await;
    let redirected = gw
        .client
        .credit_token(&gw.a08(&order("R1"), token, 100))
        .await;
    assert_eq!(transport_kind(redirected), TransportKind::Status(307));
    assert_eq!(
        gw.stats().await["authorizations"],
        0,
        "the form was not sent again to where the redirect pointed"
    );
    gw.fault("creditToken", "flood", json!({})).await;
    let token = gw.token("4111111111111111").await;
    let flooded = gw
        .client
        .credit_token(&gw.a08(&order("R2"), token, 100))
        .await;
    assert_eq!(
        transport_kind(flooded),
        TransportKind::BadReply,
        "an endless reply is cut at the limit, not read until the timeout"
    );
}

#[tokio::test]
async fn each_fault_mode_reaches_the_client_as_an_unknown_outcome_or_a_code() {
    let gw = start_with(Config::default(), Duration::from_millis(800)).await;
    let o = order("FAULT");
    gw.authorize(&o, "4111111111111111", 1_000)
        .await
        .expect("authorized");

    gw.fault("tradeInfo", "http500", json!({})).await;
    assert_eq!(
        transport_kind(gw.client.trade_info(&o).await),
        TransportKind::Status(500)
    );
    gw.fault("tradeInfo", "malformed", json!({})).await;
    assert_eq!(
        transport_kind(gw.client.trade_info(&o).await),
        TransportKind::BadReply
    );
    gw.fault("tradeInfo", "reset", json!({})).await;
    assert_eq!(
        transport_kind(gw.client.trade_info(&o).await),
        TransportKind::Reset
    );
    gw.fault("tradeInfo", "delay", json!({"delay_ms": 2_000}))
        .await;
    assert_eq!(
        transport_kind(gw.client.trade_info(&o).await),
        TransportKind::Timeout
    );
    gw.fault("tradeInfo", "delay", json!({"delay_ms": 100}))
        .await;
    assert_eq!(gw.status(&o).await, Some(4), "a short delay still answers");
    gw.fault("tradeInfo", "maintenance", json!({"count": 2}))
        .await;
    assert_eq!(gateway_code(gw.client.trade_info(&o).await).0, "Z010000000");
    assert_eq!(gateway_code(gw.client.trade_info(&o).await).0, "Z010000000");
    assert_eq!(gw.status(&o).await, Some(4), "the fault was used up");
    gw.fault("creditCancel", "in_flight", json!({})).await;
    assert_eq!(
        gateway_code(gw.client.credit_cancel(&o, None).await).0,
        "Z012000004"
    );
    assert_eq!(gw.status(&o).await, Some(4), "Z012000004 changed nothing");
}

#[tokio::test]
async fn a_timeout_or_reset_after_applying_leaves_the_gateway_changed() {
    let gw = start_with(Config::default(), Duration::from_millis(800)).await;
    let o = order("APPLIED");
    gw.fault("creditToken", "timeout", json!({"delay_ms": 3_000}))
        .await;
    let token = gw.token("4111111111111111").await;
    assert_eq!(
        transport_kind(gw.client.credit_token(&gw.a08(&o, token, 1_000)).await),
        TransportKind::Timeout
    );
    assert_eq!(
        gw.status(&o).await,
        Some(4),
        "the authorization happened although the client timed out"
    );

    gw.fault("creditCancel", "reset", json!({"apply": true}))
        .await;
    assert_eq!(
        transport_kind(gw.client.credit_cancel(&o, None).await),
        TransportKind::Reset
    );
    assert_eq!(gw.status(&o).await, Some(40));

    let history: Value = gw
        .http
        .get(format!("{}/__sandbox/transactions/{o}", gw.base))
        .send()
        .await
        .expect("inspect")
        .json()
        .await
        .expect("json");
    let calls: Vec<&str> = history["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|c| c["function_div"].as_str())
        .collect();
    assert_eq!(calls, ["A08", "E04", "A06", "E04"]);
    assert_eq!(history["status"], 40);
}

#[tokio::test]
async fn an_a08_in_flight_blocks_a_second_for_the_same_order() {
    let gw = start().await;
    let o = order("INFLIGHT");
    gw.fault("creditToken", "delay", json!({"delay_ms": 700}))
        .await;
    let (t1, t2) = (
        gw.token("4111111111111111").await,
        gw.token("4111111111111111").await,
    );
    let (req1, req2) = (gw.a08(&o, t1, 100), gw.a08(&o, t2, 100));
    let (first, second) = tokio::join!(gw.client.credit_token(&req1), async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        gw.client.credit_token(&req2).await
    });
    first.expect("the first completes");
    assert_eq!(gateway_code(second).0, "Z012000004");
}

#[tokio::test]
async fn the_control_api_validates_its_input() {
    let gw = start().await;
    for (path, body) in [
        ("faults", json!({"action": "credit", "mode": "reset"})),
        ("faults", json!({"action": "reAuth", "mode": "explode"})),
        (
            "faults",
            json!({"action": "reAuth", "mode": "reset", "count": 0}),
        ),
        ("clock", json!({"now": "yesterday"})),
        ("tokens", json!({"card_no": "4111111111111112"})),
    ] {
        let response = gw.control(path, body.clone()).await;
        assert_eq!(response.status(), 400, "{path} {body}");
        let error: Value = response.json().await.expect("json");
        assert!(
            error["code"].is_string() && error["message"].is_string(),
            "{error}"
        );
    }
    let minted: Value = gw
        .control("tokens", json!({"card_no": "4111111111111111", "count": 3}))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(minted["tokens"].as_array().map(Vec::len), Some(3));
    assert_eq!(gw.control("reset", json!({})).await.status(), 204);
}
