//! The product catalogue: reading it, and seeding the demo shop.

use zerostep_domain::{Product, ProductName, Sku, TaxRate, Yen};

use crate::ApiError;

/// The demo shop's products: a Japanese tea shop that sells food and drink at
/// the reduced rate (8%) and tableware and goods at the standard rate (10%),
/// with one bulk item whose shipping is 別途連絡 and one piece above the card
/// limit, so that both rules show in the demo. (sku, name, price, rate, separate shipping)
const DEMO_PRODUCTS: &[(&str, &str, i64, u8, bool)] = &[
    ("SENCHA-100", "静岡煎茶 深蒸し 100g", 1_080, 8, false),
    ("HOJICHA-TB20", "ほうじ茶 ティーバッグ 20袋", 864, 8, false),
    ("YOKAN-01", "本練り羊羹 1本", 1_620, 8, false),
    ("YUNOMI-ARITA", "有田焼 湯呑み", 3_300, 10, false),
    ("KYUSU-TOKONAME", "常滑焼 急須 300ml", 5_500, 10, false),
    ("TENUGUI-FUJI", "手ぬぐい 富士山柄", 1_210, 10, false),
    (
        "SENCHA-BULK10",
        "業務用 煎茶 10kg（送料別途連絡）",
        48_600,
        8,
        true,
    ),
    ("KUTANI-OZARA", "九谷焼 大皿 作家物", 330_000, 10, false),
];

/// Inserts the demo catalogue if the shop has no products yet. Returns the
/// number of products inserted.
pub async fn seed_demo(pool: &crate::db::Pool) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(&mut *tx)
        .await?;
    if count > 0 {
        return Ok(0);
    }
    let mut inserted = 0;
    for (position, (sku, name, price, rate, separate)) in DEMO_PRODUCTS.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        inserted += sqlx::query(
            "INSERT INTO products (sku, name, price, tax_rate, position, separate_shipping) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(sku)
        .bind(name)
        .bind(price)
        .bind(i64::from(*rate))
        .bind(position)
        .bind(i64::from(*separate))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(inserted)
}

/// A product on sale with what pricing needs, or `None` when the SKU is
/// unknown or not on sale.
pub async fn find_for_pricing(
    pool: &crate::db::Pool,
    sku: &Sku,
) -> Result<Option<(Product, bool)>, ApiError> {
    let row: Option<(String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT sku, name, price, tax_rate, separate_shipping FROM products WHERE sku = $1 AND active = 1",
    )
    .bind(sku.as_ref())
    .fetch_optional(pool)
    .await?;
    row.map(|(sku, name, price, rate, separate)| {
        Ok((to_product(sku, name, price, rate)?, separate != 0))
    })
    .transpose()
}

fn to_product(sku: String, name: String, price: i64, rate: i64) -> Result<Product, ApiError> {
    let bad = |what: &str, err: &dyn std::fmt::Display| {
        ApiError::internal(format!("product {sku:?} has an invalid {what}: {err}"))
    };
    Ok(Product {
        sku: Sku::parse(&sku).map_err(|e| bad("sku", &e))?,
        name: ProductName::parse(&name).map_err(|e| bad("name", &e))?,
        price: Yen::new(price).map_err(|e| bad("price", &e))?,
        tax_rate: u8::try_from(rate)
            .map_err(|e| bad("tax rate", &e))
            .and_then(|r| TaxRate::try_from(r).map_err(|e| bad("tax rate", &e)))?,
    })
}

/// The products on sale, in catalogue order. A row that breaks the domain's
/// rules is an internal error (it can only come from outside the API).
pub async fn list_products(pool: &crate::db::Pool) -> Result<Vec<Product>, ApiError> {
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT sku, name, price, tax_rate FROM products WHERE active = 1 ORDER BY position, sku",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(sku, name, price, rate)| to_product(sku, name, price, rate))
        .collect()
}
