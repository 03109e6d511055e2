//! The product catalogue: reading it, and seeding the demo shop.

use zerostep_domain::{Product, ProductName, Sku, TaxRate, Yen};

use crate::error::ApiError;

/// The demo shop's products: a Japanese tea shop that sells food and drink at
/// the reduced rate (8%) and tableware and goods at the standard rate (10%),
/// with one bulk item whose shipping is 別途連絡 and one piece above the card
/// limit, so that both rules show in the demo. (sku, name, English name,
/// price, rate, separate shipping)
type DemoProduct = (&'static str, &'static str, &'static str, i64, u8, bool);

const DEMO_PRODUCTS: &[DemoProduct] = &[
    (
        "SENCHA-100",
        "静岡煎茶 深蒸し 100g",
        "Shizuoka sencha, deep-steamed, 100 g",
        1_080,
        8,
        false,
    ),
    (
        "HOJICHA-TB20",
        "ほうじ茶 ティーバッグ 20袋",
        "Hojicha tea bags, 20 bags",
        864,
        8,
        false,
    ),
    (
        "YOKAN-01",
        "本練り羊羹 1本",
        "Yokan sweet bean jelly, 1 bar",
        1_620,
        8,
        false,
    ),
    (
        "YUNOMI-ARITA",
        "有田焼 湯呑み",
        "Arita porcelain teacup",
        3_300,
        10,
        false,
    ),
    (
        "KYUSU-TOKONAME",
        "常滑焼 急須 300ml",
        "Tokoname teapot, 300 ml",
        5_500,
        10,
        false,
    ),
    (
        "TENUGUI-FUJI",
        "手ぬぐい 富士山柄",
        "Tenugui cloth, Mount Fuji",
        1_210,
        10,
        false,
    ),
    (
        "SENCHA-BULK10",
        "業務用 煎茶 10kg（送料別途連絡）",
        "Sencha for businesses, 10 kg (shipping quoted separately)",
        48_600,
        8,
        true,
    ),
    (
        "KUTANI-OZARA",
        "九谷焼 大皿 作家物",
        "Kutani ware large plate, artist's piece",
        330_000,
        10,
        false,
    ),
];

/// Inserts the demo catalogue if the shop has no products yet. Returns the
/// number of products inserted.
pub async fn seed_demo(pool: &crate::store::Pool) -> Result<u64, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(&mut *tx)
        .await?;
    if count > 0 {
        return Ok(0);
    }
    let mut inserted = 0;
    for (position, (sku, name, name_en, price, rate, separate)) in DEMO_PRODUCTS.iter().enumerate()
    {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        inserted += sqlx::query(
            "INSERT INTO products (sku, name, name_en, price, tax_rate, position, separate_shipping) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(sku)
        .bind(name)
        .bind(name_en)
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

/// A product row as stored; checked against the domain's rules when read
/// (a row that breaks them can only come from outside the API).
#[derive(Debug, Clone)]
pub struct ProductRow {
    sku: String,
    name: String,
    name_en: Option<String>,
    price: i64,
    tax_rate: i64,
    /// 送料別途連絡: shipping for this product is quoted separately.
    pub separate_shipping: bool,
}

impl ProductRow {
    /// The row's SKU as stored.
    pub fn sku(&self) -> &str {
        &self.sku
    }

    /// The row as a domain product; an internal error when it breaks a rule.
    pub fn to_product(&self) -> Result<Product, ApiError> {
        let bad = |what: &str, err: &dyn std::fmt::Display| {
            ApiError::internal(format!(
                "product {:?} has an invalid {what}: {err}",
                self.sku
            ))
        };
        Ok(Product {
            sku: Sku::parse(&self.sku).map_err(|e| bad("sku", &e))?,
            name: ProductName::parse(&self.name).map_err(|e| bad("name", &e))?,
            name_en: self
                .name_en
                .as_deref()
                .filter(|n| !n.trim().is_empty())
                .map(ProductName::parse)
                .transpose()
                .map_err(|e| bad("English name", &e))?,
            price: Yen::new(self.price).map_err(|e| bad("price", &e))?,
            tax_rate: u8::try_from(self.tax_rate)
                .map_err(|e| bad("tax rate", &e))
                .and_then(|r| TaxRate::try_from(r).map_err(|e| bad("tax rate", &e)))?,
        })
    }
}

/// The products on sale, in catalogue order.
pub async fn load_on_sale(pool: &crate::store::Pool) -> Result<Vec<ProductRow>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>, i64, i64, i64)> = sqlx::query_as(
        "SELECT sku, name, name_en, price, tax_rate, separate_shipping FROM products WHERE active = 1 ORDER BY position, sku",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(sku, name, name_en, price, tax_rate, separate)| ProductRow {
                sku,
                name,
                name_en,
                price,
                tax_rate,
                separate_shipping: separate != 0,
            },
        )
        .collect())
}
