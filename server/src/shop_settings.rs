//! The shop's purchase-page settings: payment methods (seed section 3),
//! delivery methods with their accepted payment methods (対応可能な支払方法),
//! and shipping fees. Defaults are seeded so a new shop works at once; the
//! admin screens edit the same tables.

use chrono::{Datelike, Duration, NaiveDate};

use zerostep_domain::checkout::{
    CheckoutConfig, DeliveryDate, DeliveryMethodInfo, PaymentMethodCode, PaymentMethodInfo,
    ShippingRule, TimeSlot, CARD_LIMIT,
};
use zerostep_domain::{Prefecture, Yen};

use crate::ApiError;

/// How many days past the earliest one a shopper may choose.
const DATE_WINDOW_DAYS: i64 = 14;

/// Inserts the default settings when the shop has none. Returns whether it did.
pub async fn seed_defaults(pool: &crate::db::Pool) -> Result<bool, sqlx::Error> {
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
    for prefecture in Prefecture::all() {
        sqlx::query(
            "INSERT INTO shipping_fees (delivery_code, prefecture, fee) VALUES ('takkyubin', $1, $2)",
        )
        .bind(i64::from(prefecture.code()))
        .bind(default_fee(prefecture))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The demo's tax-included 宅配便 fees by region; Okinawa is 別途連絡 (remote area).
fn default_fee(prefecture: Prefecture) -> Option<i64> {
    match prefecture.code() {
        1 => Some(1_320),
        2..=7 => Some(990),
        8..=24 => Some(880),
        25..=30 => Some(935),
        31..=39 => Some(990),
        40..=46 => Some(1_100),
        _ => None,
    }
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    code: String,
    name: String,
    /// 0 or 1 (flags are integers in both engines).
    enabled: i64,
    notes: Option<String>,
    show_notes: i64,
    logo_url: Option<String>,
    logo_alt: Option<String>,
    card_notice: Option<String>,
    min_amount: Option<i64>,
    max_amount: Option<i64>,
    channels: String,
}

/// Payment methods, in display order.
pub async fn payment_methods(pool: &crate::db::Pool) -> Result<Vec<PaymentMethodInfo>, ApiError> {
    let rows: Vec<PaymentRow> = sqlx::query_as(
        "SELECT code, name, enabled, notes, show_notes, logo_url, logo_alt, card_notice, min_amount, max_amount, channels
         FROM payment_methods ORDER BY position, code",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            let code = PaymentMethodCode::from_code(&r.code).ok_or_else(|| {
                ApiError::internal(format!("unknown payment method {:?} in settings", r.code))
            })?;
            let blank_to_none = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
            let money = |v: Option<i64>| v.and_then(|v| Yen::new(v).ok());
            Ok(PaymentMethodInfo {
                code,
                name: r.name,
                notes: blank_to_none(r.notes).filter(|_| r.show_notes != 0),
                logo_url: blank_to_none(r.logo_url),
                logo_alt: blank_to_none(r.logo_alt),
                card_notice: blank_to_none(r.card_notice),
                enabled: r.enabled != 0,
                min_amount: money(r.min_amount),
                max_amount: money(r.max_amount),
                on_pc: r.channels.split(',').any(|c| c.trim() == "pc"),
                on_smartphone: r.channels.split(',').any(|c| c.trim() == "smartphone"),
            })
        })
        .collect()
}

/// Delivery methods with their dates from `today` (JST) and time slots.
pub async fn delivery_methods(
    pool: &crate::db::Pool,
    today: NaiveDate,
) -> Result<Vec<DeliveryMethodInfo>, ApiError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT code, name, lead_days FROM delivery_methods ORDER BY position, code",
    )
    .fetch_all(pool)
    .await?;
    let links: Vec<(String, String)> =
        sqlx::query_as("SELECT delivery_code, payment_code FROM delivery_method_payments")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(code, name, lead_days)| {
            let accepts = links
                .iter()
                .filter(|(d, _)| *d == code)
                .filter_map(|(_, p)| PaymentMethodCode::from_code(p))
                .collect();
            let first = today + Duration::days(lead_days);
            let dates = (0..=DATE_WINDOW_DAYS)
                .map(|i| first + Duration::days(i))
                .map(|d| DeliveryDate {
                    date: d.format("%Y-%m-%d").to_string(),
                    weekday: u8::try_from(d.weekday().num_days_from_sunday()).unwrap_or(0),
                })
                .collect();
            DeliveryMethodInfo {
                code,
                name,
                accepts,
                dates,
                time_slots: TimeSlot::ALL.to_vec(),
            }
        })
        .collect())
}

/// Today in Japan.
pub fn today_jst() -> NaiveDate {
    (chrono::Utc::now() + Duration::hours(9)).date_naive()
}

/// The 支払回数 the card method offers (一括 always).
pub async fn card_pay_ways(pool: &crate::db::Pool) -> Result<Vec<u8>, ApiError> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT pay_ways FROM payment_methods WHERE code = 'card'")
            .fetch_optional(pool)
            .await?;
    let mut ways: Vec<u8> = text
        .unwrap_or_default()
        .split(',')
        .filter_map(|w| w.trim().parse().ok())
        .filter(|w| zerostep_domain::order::PayWay::new(*w).is_ok())
        .collect();
    if !ways.contains(&1) {
        ways.insert(0, 1);
    }
    Ok(ways)
}

/// The アクセスキー saved in the admin, if any (never sent to a browser).
pub async fn saved_access_key(pool: &crate::db::Pool) -> Result<Option<String>, ApiError> {
    Ok(
        sqlx::query_scalar("SELECT access_key FROM gateway_secrets WHERE id = 1")
            .fetch_optional(pool)
            .await?,
    )
}

/// Everything the purchase page offers, with the token settings for card payment.
pub async fn checkout_config(
    pool: &crate::db::Pool,
    gateway: &crate::payment::Gateway,
) -> Result<CheckoutConfig, ApiError> {
    Ok(CheckoutConfig {
        payment_methods: payment_methods(pool).await?,
        delivery_methods: delivery_methods(pool, today_jst()).await?,
        card_limit: Yen::new(i64::try_from(CARD_LIMIT).unwrap_or(i64::MAX))
            .map_err(ApiError::internal)?,
        token: gateway.token_config(
            card_pay_ways(pool).await?,
            saved_access_key(pool).await?.as_deref(),
            gateway.trader_code(pool).await,
        ),
    })
}

/// How `delivery_code` charges shipping to `prefecture`.
pub async fn shipping_rule(
    pool: &crate::db::Pool,
    delivery_code: &str,
    prefecture: Option<Prefecture>,
) -> Result<ShippingRule, ApiError> {
    let Some(prefecture) = prefecture else {
        return Ok(ShippingRule::NeedsAddress);
    };
    let free_from: Option<Option<i64>> =
        sqlx::query_scalar("SELECT free_shipping_from FROM delivery_methods WHERE code = $1")
            .bind(delivery_code)
            .fetch_optional(pool)
            .await?;
    let fee: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT fee FROM shipping_fees WHERE delivery_code = $1 AND prefecture = $2",
    )
    .bind(delivery_code)
    .bind(i64::from(prefecture.code()))
    .fetch_optional(pool)
    .await?;
    let money =
        |v: i64| Yen::new(v).map_err(|e| ApiError::internal(format!("shipping settings: {e}")));
    match fee.flatten() {
        None => Ok(ShippingRule::Separate),
        Some(fee) => Ok(ShippingRule::Fee {
            fee: money(fee)?,
            free_from: free_from.flatten().map(money).transpose()?,
        }),
    }
}
