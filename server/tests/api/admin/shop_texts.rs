//! 基本設定's shop name and mail texts: what the shop's pages and mails say of
//! it, with their rules; and when the 配送通知メール goes out (on 「登録」, or
//! from 受注明細's button), never twice for one slip.

use serde_json::{json, Value};
use zerostep_domain::ApiErrorBody;

use crate::helpers::{card_order, slip, spawn_app, TestApp};

/// Every mail queued for `number`: (kind, subject, body), by kind.
async fn mails_of(app: &TestApp, number: &str) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT o.kind, o.subject, o.body FROM outbox o JOIN orders r ON r.id = o.order_id
         WHERE r.order_number = $1 ORDER BY o.kind",
    )
    .bind(number)
    .fetch_all(&app.pool().await)
    .await
    .expect("outbox")
}

fn settings(shop_name: &str, notice: &str) -> Value {
    json!({
        "cart_type": "zero_step",
        "shop_name": shop_name,
        "mail_signature": "山田製茶\nhttps://yamada-seicha.example.jp",
        "thanks_message": "山田製茶をご利用いただきありがとうございます。",
        "shipping_message": "",
        "shipping_notice": notice,
    })
}

#[tokio::test]
async fn the_shop_name_and_texts_are_settings_with_rules_that_name_the_field() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let seeded: Value = admin.json("/api/admin/settings/basic").await;
    assert_eq!(
        seeded["shop_name"], "Zerostep 茶舗",
        "the demo is seeded with its name"
    );
    assert_eq!(seeded["shipping_notice"], "on_register");

    let put = admin
        .put("/api/admin/settings/basic", settings("山田製茶", "manual"))
        .await;
    assert_eq!(put.status(), 204);
    let read: Value = admin.json("/api/admin/settings/basic").await;
    assert_eq!(read, settings("山田製茶", "manual"));

    // The shop's pages carry the name: the title and application-name.
    let page = app.get("/checkout").await.text().await.expect("html");
    assert!(page.contains("<title>山田製茶</title>"), "{page}");
    assert!(
        page.contains(r#"<meta name="application-name" content="山田製茶""#),
        "{page}"
    );

    for (bad, says) in [
        (settings("", "manual"), "ショップ名"),
        (settings("山田\n製茶", "manual"), "ショップ名"),
        (settings(&"茶".repeat(51), "manual"), "ショップ名"),
    ] {
        let refused = admin.put("/api/admin/settings/basic", bad).await;
        assert_eq!(refused.status(), 400);
        let body = refused.json::<ApiErrorBody>().await.expect("json");
        assert_eq!(body.code, "invalid_setting");
        assert!(body.message.ja.contains(says), "{:?}", body.message);
    }
    let mut long = settings("山田製茶", "manual");
    long["thanks_message"] = json!("あ".repeat(1001));
    let refused = admin.put("/api/admin/settings/basic", long).await;
    assert_eq!(refused.status(), 400);
    let body = refused.json::<ApiErrorBody>().await.expect("json");
    assert!(
        body.message.ja.contains("サンクスメールの冒頭文"),
        "{:?}",
        body.message
    );
    assert!(body.message.en.contains("1000"), "{:?}", body.message);
    let mut unknown = settings("山田製茶", "manual");
    unknown["shipping_notice"] = json!("weekly");
    assert_eq!(
        admin
            .put("/api/admin/settings/basic", unknown)
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn the_mails_speak_in_the_shops_name_and_words() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let put = admin
        .put(
            "/api/admin/settings/basic",
            settings("山田製茶", "on_register"),
        )
        .await;
    assert_eq!(put.status(), 204);
    let number = card_order(&app, "4111111111111111").await;
    let mails = mails_of(&app, &number).await;
    let thanks = mails
        .iter()
        .find(|(kind, _, _)| kind == "thanks")
        .expect("a サンクスメール");
    assert_eq!(
        thanks.1,
        format!("【山田製茶】ご注文ありがとうございます（注文番号 {number}）")
    );
    assert!(
        thanks
            .2
            .contains("山田製茶をご利用いただきありがとうございます。"),
        "{}",
        thanks.2
    );
    assert!(
        thanks
            .2
            .ends_with("山田製茶\nhttps://yamada-seicha.example.jp"),
        "{}",
        thanks.2
    );
    assert!(!thanks.2.contains("Zerostep"), "{}", thanks.2);
    // The .eml copy names the shop as the sender.
    let eml = std::fs::read_dir(&app.state.services.config.outbox_dir)
        .expect("outbox dir")
        .filter_map(Result::ok)
        .find(|f| {
            f.file_name()
                .to_string_lossy()
                .ends_with(&format!("{number}-thanks.eml"))
        })
        .map(|f| std::fs::read_to_string(f.path()).expect("eml"))
        .expect("an .eml copy");
    assert!(
        eml.contains("From: =?utf-8?b?") || eml.contains("From: 山田製茶"),
        "{eml}"
    );
    assert!(eml.contains("<shop@example.jp>"), "{eml}");

    // On 「登録」 (the setting here), the 配送通知メール follows with the 問合番号,
    // in the standard words (none given) and the shop's signature.
    let good = slip(44_444_444_444);
    let path = format!("/api/admin/orders/{number}/shipment");
    assert_eq!(
        admin.post(&path, json!({ "slip_no": good })).await.status(),
        204
    );
    let mails = mails_of(&app, &number).await;
    let notice = mails
        .iter()
        .find(|(kind, _, _)| kind == "shipping_notice")
        .expect("a 配送通知メール");
    assert_eq!(
        notice.1,
        format!("【山田製茶】商品を発送しました（注文番号 {number}）")
    );
    assert!(
        notice.2.contains(&format!("問合番号: {good}")),
        "{}",
        notice.2
    );
    assert!(
        notice.2.contains("ご注文の商品を発送いたしました。"),
        "{}",
        notice.2
    );
    let detail = admin.detail(&number).await;
    assert!(detail["shipping_notice_sent_at"].is_string(), "{detail}");
    // The button cannot send it a second time.
    let again = admin
        .post(
            &format!("/api/admin/orders/{number}/shipping-notice"),
            json!({}),
        )
        .await;
    assert_eq!(again.status(), 409);
    assert!(again
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .ja
        .contains("送信済み"));
}

#[tokio::test]
async fn a_shop_that_sends_by_hand_gets_no_notice_on_register_and_one_from_the_button() {
    let app = spawn_app().await;
    let admin = app.login_admin().await;
    let put = admin
        .put("/api/admin/settings/basic", settings("山田製茶", "manual"))
        .await;
    assert_eq!(put.status(), 204);
    let number = card_order(&app, "4111111111111111").await;
    let send = format!("/api/admin/orders/{number}/shipping-notice");
    // No slip yet: nothing to tell.
    let early = admin.post(&send, json!({})).await;
    assert_eq!(early.status(), 409);
    assert!(early
        .json::<ApiErrorBody>()
        .await
        .expect("json")
        .message
        .ja
        .contains("問い合わせ番号"));

    let good = slip(55_555_555_555);
    let path = format!("/api/admin/orders/{number}/shipment");
    assert_eq!(
        admin.post(&path, json!({ "slip_no": good })).await.status(),
        204
    );
    let kinds = |mails: Vec<(String, String, String)>| {
        mails.into_iter().map(|(k, _, _)| k).collect::<Vec<_>>()
    };
    assert_eq!(
        kinds(mails_of(&app, &number).await),
        ["shop_notice", "thanks"]
    );
    let detail = admin.detail(&number).await;
    assert_eq!(detail["shipping_notice"], "manual");
    assert_eq!(detail["shipping_notice_sent_at"], Value::Null);

    assert_eq!(admin.post(&send, json!({})).await.status(), 204);
    let mails = mails_of(&app, &number).await;
    assert_eq!(
        kinds(mails.clone()),
        ["shipping_notice", "shop_notice", "thanks"]
    );
    assert!(mails[0].2.contains(&format!("問合番号: {good}")));
    assert_eq!(admin.post(&send, json!({})).await.status(), 409);
    let detail = admin.detail(&number).await;
    assert!(detail["shipping_notice_sent_at"].is_string(), "{detail}");
}
