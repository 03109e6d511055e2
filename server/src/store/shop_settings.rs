//! The merchant's settings as the purchase page reads them: payment and
//! delivery methods, the methods each delivery accepts, shipping fees, the
//! saved 加盟店コード and アクセスキー, and the revision that moves on every
//! change. (Editing them: [`super::card_method`],
//! [`super::delivery_methods`], [`super::shop_profile`].)

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::merchant::Carrier;

use crate::store::Pool;

/// Inserts the default payment and delivery methods when the shop has none
/// (the card with EMV 3-D Secure on, as the card brands' rules now expect),
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
        "INSERT INTO payment_methods (code, name, enabled, notes, logo_url, logo_alt, card_notice, position, pay_ways, three_d_secure,
             name_en, notes_en, logo_alt_en, card_notice_en) VALUES
         ('card', 'クレジットカード決済', 1,
          'ご注文時にカードの与信（仮売上）を行い、商品の発送時に売上が確定します。ご本人確認のため、カード発行会社の本人認証（3Dセキュア）画面が表示される場合があります。',
          NULL, 'クロネコwebコレクト',
          'カード情報は当店のサーバーを経由せず、ヤマト運輸の決済システムへ直接送信されます。', 0, '1,3,6,10,12,0', 1,
          'Credit card',
          'Your card is authorized when you place the order and charged when the goods are shipped. Your card issuer may ask you to confirm it is you (3-D Secure).',
          'Kuroneko Web Collect',
          'Your card details go straight to Yamato Transport''s payment system, never through our servers.'),
         ('bank_transfer', '銀行振込', 1,
          'ご注文確認メールに記載の口座へ、7日以内にお振込みください。振込手数料はお客様のご負担となります。',
          NULL, NULL, NULL, 1, '1', 0,
          'Bank transfer',
          'Please pay within 7 days into the account given in the order confirmation e-mail. Transfer fees are paid by the customer.',
          NULL, NULL)",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO delivery_methods (code, name, name_en, lead_days, free_shipping_from, position) VALUES ('takkyubin', '宅配便', 'Home delivery', 2, 5000, 0)")
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
    pub name_en: Option<String>,
    pub notes_en: Option<String>,
    pub logo_alt_en: Option<String>,
    pub card_notice_en: Option<String>,
    pub min_amount: Option<i64>,
    pub max_amount: Option<i64>,
    pub channels: String,
    pub pay_ways: String,
}

/// Every payment method, in display order.
pub async fn payment_methods(pool: &Pool) -> Result<Vec<PaymentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, name, enabled, notes, show_notes, logo_url, logo_alt, card_notice, name_en, notes_en, logo_alt_en, card_notice_en,
             min_amount, max_amount, channels, pay_ways
             FROM payment_methods ORDER BY position, code",
    )
    .fetch_all(pool)
    .await
}

/// A delivery method's row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryMethodRow {
    pub code: String,
    pub name: String,
    /// Its name in English (none: the Japanese one is shown).
    pub name_en: Option<String>,
    pub lead_days: i64,
    /// 送料無料の基準額 (none: never free).
    pub free_shipping_from: Option<i64>,
}

/// Every delivery method, in display order.
pub async fn delivery_methods(pool: &Pool) -> Result<Vec<DeliveryMethodRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, name, name_en, lead_days, free_shipping_from FROM delivery_methods ORDER BY position, code",
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

/// The アクセスキー saved in the admin, if any, opened. One that does not
/// open (another sealing key) is logged and taken as none: the configured
/// key is used.
pub async fn saved_access_key(
    pool: &Pool,
    sealer: &crate::store::sealed::Sealer,
) -> Result<Option<String>, sqlx::Error> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT access_key FROM gateway_secrets WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    Ok(stored.and_then(|stored| {
        match sealer.open(crate::store::sealed::Purpose::AccessKey, &stored) {
            Ok(key) => Some(key),
            Err(err) => {
                tracing::error!(%err, "the saved access key is not used");
                None
            }
        }
    }))
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

/// Who carries the card's parcels (its 配送サービス: `99` その他, else
/// ヤマト運輸).
pub async fn card_carrier(pool: &Pool) -> Result<Carrier, sqlx::Error> {
    let service: Option<String> =
        sqlx::query_scalar("SELECT delivery_service FROM payment_methods WHERE code = $1")
            .bind(PaymentMethodCode::Card.as_str())
            .fetch_optional(pool)
            .await?;
    Ok(Carrier::of_service(service.as_deref()))
}
