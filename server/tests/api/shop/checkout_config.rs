//! `GET /api/checkout/config`: the seeded settings the purchase page uses.

use zerostep_domain::checkout::{CheckoutConfig, PaymentMethodCode, TimeSlot};

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_demo_shop_offers_card_and_bank_transfer_by_takkyubin() {
    let app = spawn_app().await;
    let response = app.get("/api/checkout/config").await;
    assert_eq!(response.status(), 200);
    let config: CheckoutConfig = response.json().await.expect("json");
    let codes: Vec<PaymentMethodCode> = config.payment_methods.iter().map(|m| m.code).collect();
    assert_eq!(
        codes,
        [PaymentMethodCode::Card, PaymentMethodCode::BankTransfer]
    );
    let card = &config.payment_methods[0];
    assert_eq!(card.name, "クレジットカード決済");
    assert!(card.enabled && card.card_notice.is_some() && card.notes.is_some());
    assert_eq!(config.card_limit.get(), 300_000);
    let delivery = &config.delivery_methods[0];
    assert_eq!(delivery.name, "宅配便");
    assert_eq!(delivery.accepts, codes);
    assert_eq!(delivery.time_slots, TimeSlot::ALL);
    assert_eq!(delivery.dates.len(), 15);
    let first =
        chrono::NaiveDate::parse_from_str(&delivery.dates[0].date, "%Y-%m-%d").expect("date");
    let today = zerostep_server::shop::today_jst();
    assert_eq!(
        (first - today).num_days(),
        2,
        "the earliest day is two days out"
    );
}
