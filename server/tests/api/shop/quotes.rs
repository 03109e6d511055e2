//! `POST /api/quotes`: server-side prices, per-rate tax, shipping rules and
//! payment availability.

use serde_json::json;
use zerostep_domain::checkout::{PaymentMethodCode, Quote, ShippingStatus, UnavailableReason};
use zerostep_domain::{ApiErrorBody, TaxRate};

use crate::helpers::{spawn_app, spawn_app_with, TestApp};

async fn quote_ok(app: &TestApp, body: serde_json::Value) -> Quote {
    let response = app.quote(body).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("quote json")
}

fn card(quote: &Quote) -> (bool, Option<UnavailableReason>) {
    let card = quote
        .payment_methods
        .iter()
        .find(|m| m.code == PaymentMethodCode::Card)
        .expect("card offered");
    (card.selectable, card.reason)
}

#[tokio::test]
async fn prices_come_from_the_catalogue_with_tax_per_rate() {
    let app = spawn_app().await;
    // 3 × 1,080 (8%) + 2 × 1,210 (10%) to Tokyo: 880 shipping (below 5,000? no: 5,660 → free).
    let quote = quote_ok(&app, json!({"lines": [{"sku": "SENCHA-100", "quantity": 3}, {"sku": "TENUGUI-FUJI", "quantity": 2}], "prefecture": 13})).await;
    assert_eq!(quote.lines.len(), 2);
    assert_eq!(quote.lines[0].amount.get(), 3_240);
    assert_eq!(quote.shipping.status, ShippingStatus::Free);
    assert_eq!(quote.total.get(), 5_660);
    let rate = |r| {
        quote
            .rates
            .iter()
            .find(|t| t.rate == r)
            .map(|t| (t.amount.get(), t.tax.get()))
    };
    assert_eq!(rate(TaxRate::Reduced), Some((3_240, 240)));
    assert_eq!(rate(TaxRate::Standard), Some((2_420, 220)));
    assert!(quote.determined);
    assert_eq!(card(&quote), (true, None));
}

#[tokio::test]
async fn shipping_follows_the_prefecture_and_counts_at_the_standard_rate() {
    let app = spawn_app().await;
    let body =
        |pref: u8| json!({"lines": [{"sku": "HOJICHA-TB20", "quantity": 1}], "prefecture": pref});
    let tokyo = quote_ok(&app, body(13)).await;
    assert_eq!(
        (tokyo.shipping.status, tokyo.shipping.fee.map(|f| f.get())),
        (ShippingStatus::Charged, Some(880))
    );
    assert_eq!(tokyo.total.get(), 864 + 880);
    // 864 at 8% → tax 64; 880 shipping at 10% → tax 80.
    let taxes: Vec<(TaxRate, u64)> = tokyo.rates.iter().map(|r| (r.rate, r.tax.get())).collect();
    assert_eq!(taxes, vec![(TaxRate::Standard, 80), (TaxRate::Reduced, 64)]);
    let hokkaido = quote_ok(&app, body(1)).await;
    assert_eq!(hokkaido.shipping.fee.map(|f| f.get()), Some(1_320));
    let okinawa = quote_ok(&app, body(47)).await;
    assert_eq!(okinawa.shipping.status, ShippingStatus::Separate);
    assert!(!okinawa.determined);
    assert_eq!(
        card(&okinawa),
        (false, Some(UnavailableReason::Undetermined))
    );
    let bank = okinawa
        .payment_methods
        .iter()
        .find(|m| m.code == PaymentMethodCode::BankTransfer)
        .expect("bank");
    assert!(
        bank.selectable,
        "bank transfer can wait for the final amount"
    );
    let no_address = quote_ok(
        &app,
        json!({"lines": [{"sku": "HOJICHA-TB20", "quantity": 1}]}),
    )
    .await;
    assert_eq!(no_address.shipping.status, ShippingStatus::NeedsAddress);
    assert_eq!(card(&no_address), (true, None));
}

#[tokio::test]
async fn separate_shipping_goods_and_the_card_limit_disable_the_card() {
    let app = spawn_app().await;
    let bulk = quote_ok(
        &app,
        json!({"lines": [{"sku": "SENCHA-BULK10", "quantity": 1}], "prefecture": 13}),
    )
    .await;
    assert_eq!(bulk.shipping.status, ShippingStatus::Separate);
    assert_eq!(card(&bulk), (false, Some(UnavailableReason::Undetermined)));
    let plate = quote_ok(
        &app,
        json!({"lines": [{"sku": "KUTANI-OZARA", "quantity": 1}], "prefecture": 13}),
    )
    .await;
    assert_eq!(plate.total.get(), 330_000);
    assert_eq!(card(&plate), (false, Some(UnavailableReason::OverLimit)));
    // 55 × 5,500 = 302,500 over the limit; 54 × 5,500 = 297,000 (free shipping) within it.
    let over = quote_ok(
        &app,
        json!({"lines": [{"sku": "KYUSU-TOKONAME", "quantity": 55}], "prefecture": 13}),
    )
    .await;
    assert_eq!(card(&over), (false, Some(UnavailableReason::OverLimit)));
    let within = quote_ok(
        &app,
        json!({"lines": [{"sku": "KYUSU-TOKONAME", "quantity": 54}], "prefecture": 13}),
    )
    .await;
    assert_eq!(card(&within), (true, None));
}

#[tokio::test]
async fn a_quote_names_the_delivery_method_it_is_priced_with() {
    let app = spawn_app().await;
    let lines = json!([{"sku": "SENCHA-100", "quantity": 1}]);
    let asked =
        |method: Option<&str>| json!({"lines": lines, "prefecture": 13, "delivery_method": method});
    // Without a method: the shop's first.
    let default = quote_ok(&app, asked(None)).await;
    assert_eq!(default.delivery_method.as_deref(), Some("takkyubin"));
    assert_eq!(quote_ok(&app, asked(Some("takkyubin"))).await, default);
    // A method put first while a page is open: a quote without a method now
    // says it was priced with that one, so the page can tell and ask again.
    let pool = app.pool().await;
    sqlx::query("INSERT INTO delivery_methods (code, name, lead_days, free_shipping_from, position) VALUES ('kuroneko_yu', 'ネコポス', 1, NULL, -1)")
        .execute(&pool)
        .await
        .expect("insert a method first");
    let moved = quote_ok(&app, asked(None)).await;
    assert_eq!(moved.delivery_method.as_deref(), Some("kuroneko_yu"));
    let explicit = quote_ok(&app, asked(Some("takkyubin"))).await;
    assert_eq!(explicit.delivery_method.as_deref(), Some("takkyubin"));
}

#[tokio::test]
async fn settings_switch_the_card_off_or_unlink_it_from_delivery() {
    let app = spawn_app().await;
    let pool = app.pool().await;
    let body = json!({"lines": [{"sku": "SENCHA-100", "quantity": 1}], "prefecture": 13});
    sqlx::query("DELETE FROM delivery_method_payments WHERE payment_code = 'card'")
        .execute(&pool)
        .await
        .expect("unlink");
    assert_eq!(
        card(&quote_ok(&app, body.clone()).await),
        (false, Some(UnavailableReason::NotAcceptedByDelivery))
    );
    sqlx::query("UPDATE payment_methods SET enabled = 0 WHERE code = 'card'")
        .execute(&pool)
        .await
        .expect("disable");
    assert_eq!(
        card(&quote_ok(&app, body).await),
        (false, Some(UnavailableReason::Disabled))
    );
}

#[tokio::test]
async fn repeated_skus_are_merged_and_client_prices_are_ignored() {
    let app = spawn_app().await;
    let quote = quote_ok(&app, json!({"lines": [{"sku": "sencha-100", "quantity": 1}, {"sku": "SENCHA-100", "quantity": 2}]})).await;
    assert_eq!(quote.lines.len(), 1);
    assert_eq!(quote.lines[0].quantity.get(), 3);
    let tampered = app
        .quote(json!({"lines": [{"sku": "SENCHA-100", "quantity": 1, "price": 1}]}))
        .await;
    assert_eq!(
        tampered.status(),
        400,
        "unknown fields such as a price are refused"
    );
}

#[tokio::test]
async fn bad_bodies_get_a_code_and_a_message() {
    let app = spawn_app().await;
    let cases = [
        (json!({"lines": []}), 400, "empty_cart"),
        (
            json!({"lines": [{"sku": "SENCHA-100", "quantity": 0}]}),
            400,
            "invalid_field",
        ),
        (
            json!({"lines": [{"sku": "SENCHA-100", "quantity": 100}]}),
            400,
            "invalid_field",
        ),
        (
            json!({"lines": [{"sku": "SENCHA-100", "quantity": -3}]}),
            400,
            "invalid_field",
        ),
        (
            json!({"lines": [{"sku": "SENCHA-100", "quantity": 1e30}]}),
            400,
            "invalid_field",
        ),
        (
            json!({"lines": [{"sku": "", "quantity": 1}]}),
            400,
            "invalid_field",
        ),
        (
            json!({"lines": [{"sku": "NO-SUCH", "quantity": 1}]}),
            422,
            "unknown_sku",
        ),
        (
            json!({"lines": [{"sku": "SENCHA-100", "quantity": 1}], "prefecture": 48}),
            400,
            "invalid_field",
        ),
        (
            json!({"lines": [{"sku": "SENCHA-100", "quantity": 1}], "delivery_method": "drone"}),
            422,
            "unknown_delivery_method",
        ),
        (
            json!({"lines": [{"sku": "SENCHA-100", "quantity": 60}, {"sku": "SENCHA-100", "quantity": 60}]}),
            400,
            "invalid_quantity",
        ),
        (
            json!({"lines": (0..51).map(|i| json!({"sku": format!("X{i}"), "quantity": 1})).collect::<Vec<_>>()}),
            400,
            "too_many_lines",
        ),
    ];
    for (body, status, code) in cases {
        let response = app.quote(body.clone()).await;
        assert_eq!(response.status(), status, "{body}");
        let error: ApiErrorBody = response.json().await.expect("error json");
        assert_eq!(error.code, code, "{body}");
        assert!(!error.message.ja.is_empty() && !error.message.en.is_empty());
    }
    let not_json = app
        .client
        .post(format!("{}/api/quotes", app.address))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .expect("sent");
    assert_eq!(not_json.status(), 400);
    assert_eq!(
        not_json.json::<ApiErrorBody>().await.expect("json").code,
        "invalid_json"
    );
    let wrong_type = app
        .client
        .post(format!("{}/api/quotes", app.address))
        .body("lines=1")
        .send()
        .await
        .expect("sent");
    assert_eq!(wrong_type.status(), 415);
    assert_eq!(
        wrong_type.json::<ApiErrorBody>().await.expect("json").code,
        "unsupported_media_type"
    );
}

/// Each instance holds the shop's settings in memory. A change made anywhere,
/// through another instance or straight in the database, is what the next
/// quote on every instance prices with.
#[tokio::test]
async fn a_settings_change_made_anywhere_prices_the_next_quote_on_every_instance() {
    let first = spawn_app().await;
    let second = spawn_app_with(|s| s.database_url = first.database_url()).await;
    let body = json!({"lines": [{"sku": "YUNOMI-ARITA", "quantity": 1}], "prefecture": 13});
    for app in [&first, &second] {
        let quote = quote_ok(app, body.clone()).await;
        assert_eq!(quote.total.get(), 3_300 + 880);
        assert_eq!(card(&quote), (true, None));
    }

    let pool = first.pool().await;
    for change in [
        "UPDATE products SET price = 3500 WHERE sku = 'YUNOMI-ARITA'",
        "UPDATE shipping_fees SET fee = 990 WHERE delivery_code = 'takkyubin' AND prefecture = 13",
        "UPDATE payment_methods SET enabled = 0 WHERE code = 'card'",
    ] {
        sqlx::query(change).execute(&pool).await.expect(change);
    }
    for app in [&first, &second] {
        let quote = quote_ok(app, body.clone()).await;
        assert_eq!(quote.total.get(), 3_500 + 990);
        assert_eq!(card(&quote), (false, Some(UnavailableReason::Disabled)));
    }

    sqlx::query("DELETE FROM delivery_method_payments WHERE payment_code = 'bank_transfer'")
        .execute(&pool)
        .await
        .expect("delete");
    sqlx::query("UPDATE products SET active = 0 WHERE sku = 'YUNOMI-ARITA'")
        .execute(&pool)
        .await
        .expect("hide");
    for app in [&first, &second] {
        let response = app.quote(body.clone()).await;
        assert_eq!(response.status(), 422);
        let error: ApiErrorBody = response.json().await.expect("error json");
        assert_eq!(error.code, "unknown_sku");
        let quote = quote_ok(
            app,
            json!({"lines": [{"sku": "SENCHA-100", "quantity": 1}], "prefecture": 13}),
        )
        .await;
        let bank = quote
            .payment_methods
            .iter()
            .find(|m| m.code == PaymentMethodCode::BankTransfer)
            .expect("bank transfer listed");
        assert!(!bank.selectable, "{bank:?}");
    }
}
