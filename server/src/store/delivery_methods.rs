//! 宅配便基本設定 as stored: each delivery method's name, lead days,
//! free-shipping threshold, the payment methods it accepts (対応可能な支払方法)
//! and its fee per prefecture.

use crate::store::Pool;

/// The payment methods a delivery method accepts, by code.
pub async fn accepted_payments(
    pool: &Pool,
    delivery_code: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT payment_code FROM delivery_method_payments WHERE delivery_code = $1 ORDER BY payment_code")
        .bind(delivery_code)
        .fetch_all(pool)
        .await
}

/// A delivery method's fees (prefecture code, fee; none is 別途連絡), by prefecture.
pub async fn fees_of(
    pool: &Pool,
    delivery_code: &str,
) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT prefecture, fee FROM shipping_fees WHERE delivery_code = $1 ORDER BY prefecture",
    )
    .bind(delivery_code)
    .fetch_all(pool)
    .await
}

/// A delivery method as 宅配便基本設定 saves it.
pub struct DeliveryUpdate<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its name in English (none: the Japanese one is shown).
    pub name_en: Option<&'a str>,
    /// Days to the earliest delivery date.
    pub lead_days: i64,
    /// 送料無料の基準額.
    pub free_shipping_from: Option<i64>,
    /// 対応可能な支払方法, by code (replacing the old list).
    pub accepts: &'a [String],
    /// Fees (prefecture code, fee; none is 別途連絡).
    pub fees: &'a [(i64, Option<i64>)],
}

/// Adds a delivery method after the others, under a new code (`d2`, `d3`,
/// …); returns the code.
pub async fn add_delivery_method(
    pool: &Pool,
    d: &DeliveryUpdate<'_>,
) -> Result<String, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let (count, position): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MAX(position) FROM delivery_methods")
            .fetch_one(&mut *tx)
            .await?;
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM delivery_methods")
        .fetch_all(&mut *tx)
        .await?;
    let code = (count + 1..)
        .map(|n| format!("d{n}"))
        .find(|c| !codes.contains(c))
        .unwrap_or_else(|| "d".to_owned());
    sqlx::query(
        "INSERT INTO delivery_methods (code, name, name_en, lead_days, free_shipping_from, position) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&code)
    .bind(d.name)
    .bind(d.name_en)
    .bind(d.lead_days)
    .bind(d.free_shipping_from)
    .bind(position.map_or(0, |p| p + 1))
    .execute(&mut *tx)
    .await?;
    write_links_and_fees(&mut tx, &code, d).await?;
    tx.commit().await?;
    Ok(code)
}

/// Saves a delivery method's name, lead days, free-shipping threshold, the
/// payment methods it accepts (replacing the old list) and its fees, in one
/// transaction; false (and nothing saved) when there is no such method.
pub async fn update_delivery_method(
    pool: &Pool,
    code: &str,
    d: &DeliveryUpdate<'_>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let updated = sqlx::query(
        "UPDATE delivery_methods SET name = $1, name_en = $2, lead_days = $3, free_shipping_from = $4 WHERE code = $5",
    )
    .bind(d.name)
    .bind(d.name_en)
    .bind(d.lead_days)
    .bind(d.free_shipping_from)
    .bind(code)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Ok(false);
    }
    write_links_and_fees(&mut tx, code, d).await?;
    tx.commit().await?;
    Ok(true)
}

async fn write_links_and_fees(
    tx: &mut crate::store::Transaction,
    code: &str,
    d: &DeliveryUpdate<'_>,
) -> Result<(), sqlx::Error> {
    let (accepts, fees) = (d.accepts, d.fees);
    sqlx::query("DELETE FROM delivery_method_payments WHERE delivery_code = $1")
        .bind(code)
        .execute(&mut **tx)
        .await?;
    for payment in accepts {
        sqlx::query(
            "INSERT INTO delivery_method_payments (delivery_code, payment_code) VALUES ($1, $2)",
        )
        .bind(code)
        .bind(payment)
        .execute(&mut **tx)
        .await?;
    }
    for (prefecture, fee) in fees {
        sqlx::query(
            "INSERT INTO shipping_fees (delivery_code, prefecture, fee) VALUES ($1, $2, $3)
             ON CONFLICT (delivery_code, prefecture) DO UPDATE SET fee = excluded.fee",
        )
        .bind(code)
        .bind(prefecture)
        .bind(fee)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What deleting a delivery method did.
#[derive(Debug, PartialEq, Eq)]
pub enum Deleted {
    /// It is gone, with its links and fees.
    Yes,
    /// There is no such method.
    NotFound,
    /// It is the shop's only method, which stays.
    LastOne,
}

/// Deletes a delivery method with its links and fees, in one transaction;
/// the shop's last method stays. (Orders keep what they were placed with.)
pub async fn delete_delivery_method(pool: &Pool, code: &str) -> Result<Deleted, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM delivery_methods")
        .fetch_all(&mut *tx)
        .await?;
    if !codes.iter().any(|c| c == code) {
        return Ok(Deleted::NotFound);
    }
    if codes.len() == 1 {
        return Ok(Deleted::LastOne);
    }
    for sql in [
        "DELETE FROM delivery_method_payments WHERE delivery_code = $1",
        "DELETE FROM shipping_fees WHERE delivery_code = $1",
        "DELETE FROM delivery_methods WHERE code = $1",
    ] {
        sqlx::query(sql).bind(code).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(Deleted::Yes)
}
