//! The merchant's settings as stored: payment and delivery methods, the
//! methods each delivery accepts, shipping fees, the saved 加盟店コード and
//! アクセスキー, and the revision that moves on every change.

use zerostep_domain::merchant::{AccessKey, TraderCode};

use crate::store::Pool;

/// Inserts the default payment and delivery methods when the shop has none,
/// with `fees` (prefecture code, fee) for the 宅配便, and names the shop
/// `shop_name` unless 基本設定 was saved. Returns whether it did.
pub async fn seed_defaults(
    pool: &Pool,
    fees: &[(i64, Option<i64>)],
    shop_name: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM payment_methods")
        .fetch_one(&mut *tx)
        .await?;
    if count > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO payment_methods (code, name, enabled, notes, logo_url, logo_alt, card_notice, position, pay_ways) VALUES
         ('card', 'クレジットカード決済', 1,
          'ご注文時にカードの与信（仮売上）を行い、商品の発送時に売上が確定します。3Dセキュアには対応していません。',
          NULL, 'クロネコwebコレクト',
          'カード情報は当店のサーバーを経由せず、ヤマト運輸の決済システムへ直接送信されます。', 0, '1,3,6,10,12,0'),
         ('bank_transfer', '銀行振込', 1,
          'ご注文確認メールに記載の口座へ、7日以内にお振込みください。振込手数料はお客様のご負担となります。',
          NULL, NULL, NULL, 1, '1')",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO delivery_methods (code, name, lead_days, free_shipping_from, position) VALUES ('takkyubin', '宅配便', 2, 5000, 0)")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO delivery_method_payments (delivery_code, payment_code) VALUES ('takkyubin', 'card'), ('takkyubin', 'bank_transfer')",
    )
    .execute(&mut *tx)
    .await?;
    for (prefecture, fee) in fees {
        sqlx::query(
            "INSERT INTO shipping_fees (delivery_code, prefecture, fee) VALUES ('takkyubin', $1, $2)",
        )
        .bind(prefecture)
        .bind(fee)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO shop_profile (id, shop_name, updated_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING",
    )
    .bind(shop_name)
    .bind(crate::store::time::now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A payment method's row.
#[derive(sqlx::FromRow)]
pub struct PaymentRow {
    pub code: String,
    pub name: String,
    /// 0 or 1 (flags are integers in both engines).
    pub enabled: i64,
    pub notes: Option<String>,
    pub show_notes: i64,
    pub logo_url: Option<String>,
    pub logo_alt: Option<String>,
    pub card_notice: Option<String>,
    pub min_amount: Option<i64>,
    pub max_amount: Option<i64>,
    pub channels: String,
    pub pay_ways: String,
}

/// Every payment method, in display order.
pub async fn payment_methods(pool: &Pool) -> Result<Vec<PaymentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, name, enabled, notes, show_notes, logo_url, logo_alt, card_notice, min_amount, max_amount, channels, pay_ways
             FROM payment_methods ORDER BY position, code",
    )
    .fetch_all(pool)
    .await
}

/// Every delivery method (code, name, lead days, free-shipping threshold), in display order.
pub async fn delivery_methods(
    pool: &Pool,
) -> Result<Vec<(String, String, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, name, lead_days, free_shipping_from FROM delivery_methods ORDER BY position, code",
    )
    .fetch_all(pool)
    .await
}

/// Which payment methods each delivery method accepts (delivery code, payment code).
pub async fn delivery_method_payments(pool: &Pool) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT delivery_code, payment_code FROM delivery_method_payments")
        .fetch_all(pool)
        .await
}

/// Every shipping fee (delivery code, prefecture code, fee; none is 別途連絡).
pub async fn shipping_fees(pool: &Pool) -> Result<Vec<(String, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT delivery_code, prefecture, fee FROM shipping_fees")
        .fetch_all(pool)
        .await
}

/// The アクセスキー saved in the admin, if any.
pub async fn saved_access_key(pool: &Pool) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT access_key FROM gateway_secrets WHERE id = 1")
        .fetch_optional(pool)
        .await
}

/// The 加盟店コード saved in the admin, if any.
pub async fn saved_trader_code(pool: &Pool) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT trader_code FROM gateway_settings WHERE id = 1")
        .fetch_optional(pool)
        .await
}

/// The settings' revision, moved by triggers on every change.
pub async fn revision(pool: &Pool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT revision FROM settings_revision WHERE id = 1")
        .fetch_one(pool)
        .await
}

/// A payment method's logo as uploaded: content type and bytes.
pub async fn payment_logo(
    pool: &Pool,
    code: &str,
) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("SELECT content_type, bytes FROM payment_logos WHERE code = $1")
        .bind(code)
        .fetch_optional(pool)
        .await
}

/// A payment method's 配送サービス (`00` Yamato, `99` other), if it exists.
pub async fn delivery_service(pool: &Pool, code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT delivery_service FROM payment_methods WHERE code = $1")
        .bind(code)
        .fetch_optional(pool)
        .await
}

/// The card method's settings as stored.
#[derive(sqlx::FromRow)]
pub struct CardRow {
    pub name: String,
    pub enabled: i64,
    pub notes: Option<String>,
    pub card_notice: Option<String>,
    pub logo_url: Option<String>,
    pub logo_alt: Option<String>,
    pub delivery_service: String,
    pub pay_ways: String,
    pub show_notes: i64,
    pub min_amount: Option<i64>,
    pub max_amount: Option<i64>,
    pub channels: String,
}

/// The card method's settings.
pub async fn card_method(pool: &Pool) -> Result<CardRow, sqlx::Error> {
    sqlx::query_as(
        "SELECT name, enabled, notes, card_notice, logo_url, logo_alt, delivery_service, pay_ways, show_notes, min_amount, max_amount, channels
         FROM payment_methods WHERE code = 'card'",
    )
    .fetch_one(pool)
    .await
}

/// New settings of the card method, as stored (flags 0 or 1; blanks none).
pub struct CardMethodUpdate<'a> {
    /// 名称.
    pub name: &'a str,
    /// 利用する.
    pub enabled: i64,
    /// 説明文.
    pub notes: Option<String>,
    /// カード決済の注意書き.
    pub card_notice: Option<String>,
    /// ロゴ画像.
    pub logo_url: Option<String>,
    /// ロゴのALT (only with a logo).
    pub logo_alt: Option<String>,
    /// 配送サービス (`00` or `99`).
    pub delivery_service: &'a str,
    /// 支払回数, comma-separated.
    pub pay_ways: String,
    /// 説明文を表示.
    pub show_notes: i64,
    /// 適用条件: the lowest total.
    pub min_amount: Option<i64>,
    /// 適用条件: the highest total.
    pub max_amount: Option<i64>,
    /// 対応種別, comma-separated.
    pub channels: String,
}

/// Saves the card method's settings.
pub async fn update_card_method(pool: &Pool, u: &CardMethodUpdate<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE payment_methods SET name = $1, enabled = $2, notes = $3, card_notice = $4, logo_url = $5, logo_alt = $6, delivery_service = $7, pay_ways = $8,
             show_notes = $9, min_amount = $10, max_amount = $11, channels = $12
         WHERE code = 'card'",
    )
    .bind(u.name)
    .bind(u.enabled)
    .bind(&u.notes)
    .bind(&u.card_notice)
    .bind(&u.logo_url)
    .bind(&u.logo_alt)
    .bind(u.delivery_service)
    .bind(&u.pay_ways)
    .bind(u.show_notes)
    .bind(u.min_amount)
    .bind(u.max_amount)
    .bind(&u.channels)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Saves the アクセスキー (write-only: never read back but into the checksum).
pub async fn save_access_key(pool: &Pool, key: &AccessKey) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO gateway_secrets (id, access_key, updated_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET access_key = excluded.access_key, updated_at = excluded.updated_at",
    )
    .bind(key.expose())
    .bind(crate::store::time::now())
    .execute(pool)
    .await
    .map(|_| ())
}

/// Saves the 加盟店コード.
pub async fn save_trader_code(pool: &Pool, code: &TraderCode) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO gateway_settings (id, trader_code, updated_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET trader_code = excluded.trader_code, updated_at = excluded.updated_at",
    )
    .bind(code.as_ref())
    .bind(crate::store::time::now())
    .execute(pool)
    .await
    .map(|_| ())
}

/// Saves the card method's logo and points the method at it (`url`), in one transaction.
pub async fn save_card_logo(
    pool: &Pool,
    content_type: &str,
    bytes: &[u8],
    url: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO payment_logos (code, content_type, bytes, updated_at) VALUES ('card', $1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, updated_at = excluded.updated_at",
    )
    .bind(content_type)
    .bind(bytes)
    .bind(crate::store::time::now())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE payment_methods SET logo_url = $1 WHERE code = 'card'")
        .bind(url)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Removes the card method's logo and its ALT text, in one transaction.
pub async fn delete_card_logo(pool: &Pool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM payment_logos WHERE code = 'card'")
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE payment_methods SET logo_url = NULL, logo_alt = NULL WHERE code = 'card'")
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

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

/// Saves a delivery method's free-shipping threshold, the payment methods it
/// accepts (replacing the old list) and its fees (prefecture code, fee), in
/// one transaction; false (and nothing saved) when there is no such method.
pub async fn update_delivery_method(
    pool: &Pool,
    code: &str,
    free_shipping_from: Option<i64>,
    accepts: &[String],
    fees: &[(i64, Option<i64>)],
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let updated =
        sqlx::query("UPDATE delivery_methods SET free_shipping_from = $1 WHERE code = $2")
            .bind(free_shipping_from)
            .bind(code)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if updated == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM delivery_method_payments WHERE delivery_code = $1")
        .bind(code)
        .execute(&mut *tx)
        .await?;
    for payment in accepts {
        sqlx::query(
            "INSERT INTO delivery_method_payments (delivery_code, payment_code) VALUES ($1, $2)",
        )
        .bind(code)
        .bind(payment)
        .execute(&mut *tx)
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
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}
