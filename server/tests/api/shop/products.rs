//! `GET /api/products` and the demo catalogue.

use zerostep_domain::{Product, TaxRate};

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn lists_the_seeded_catalogue_with_both_tax_rates() {
    let app = spawn_app().await;
    let response = app.products().await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let products: Vec<Product> = response.json().await.expect("products decode and validate");
    assert_eq!(products.len(), 8);
    let first = &products[0];
    assert_eq!(first.sku.as_ref(), "SENCHA-100");
    assert_eq!(first.name.as_ref(), "静岡煎茶 深蒸し 100g");
    assert_eq!(first.price.get(), 1_080);
    assert_eq!(first.tax_rate, TaxRate::Reduced);
    assert!(products.iter().any(|p| p.tax_rate == TaxRate::Standard));
    assert!(products.iter().any(|p| p.tax_rate == TaxRate::Reduced));
}

#[tokio::test]
async fn an_unseeded_shop_lists_nothing() {
    let app = spawn_app_with(|s| s.seed_demo = false).await;
    let products: Vec<Product> = app.products().await.json().await.expect("json");
    assert!(products.is_empty());
}

#[tokio::test]
async fn seeding_twice_does_not_duplicate_and_hidden_products_are_not_listed() {
    let app = spawn_app().await;
    let pool = zerostep_server::store::connect_and_migrate(&app.database_url())
        .await
        .expect("db");
    assert_eq!(
        zerostep_server::shop::catalogue::seed_demo(&pool)
            .await
            .expect("seed"),
        0
    );
    sqlx::query("UPDATE products SET active = 0 WHERE sku = 'YOKAN-01'")
        .execute(&pool)
        .await
        .expect("update");
    let products: Vec<Product> = app.products().await.json().await.expect("json");
    assert_eq!(products.len(), 7);
    assert!(products.iter().all(|p| p.sku.as_ref() != "YOKAN-01"));
}

#[tokio::test]
async fn a_corrupt_row_is_a_500_with_a_generic_message() {
    let app = spawn_app().await;
    let pool = zerostep_server::store::connect_and_migrate(&app.database_url())
        .await
        .expect("db");
    sqlx::query("UPDATE products SET name = '' WHERE sku = 'YOKAN-01'")
        .execute(&pool)
        .await
        .expect("update");
    let response = app.products().await;
    assert_eq!(response.status(), 500);
    let body: zerostep_domain::ApiErrorBody = response.json().await.expect("error json");
    assert_eq!(body.code, "internal_error");
    assert!(
        !body.message.to_string().contains("YOKAN"),
        "the cause must stay in the log: {}",
        body.message
    );
}
