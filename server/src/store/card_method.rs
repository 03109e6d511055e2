//! The card method's settings as stored (支払方法設定 ＞ 使用決済): its
//! names, notes, logo, conditions and 支払回数, the 加盟店コード and the
//! アクセスキー, and where it stands in the guide's procedure (on the list
//! by 「他社連携」, set up by 「設定する」).

use zerostep_domain::merchant::{AccessKey, TraderCode};

use crate::store::sealed::{Purpose, Sealer};
use crate::store::{Pool, Transaction};

/// The card method's settings as stored.
#[derive(sqlx::FromRow)]
pub struct CardRow {
    pub name: String,
    pub enabled: i64,
    pub notes: Option<String>,
    pub card_notice: Option<String>,
    pub logo_url: Option<String>,
    pub logo_alt: Option<String>,
    pub name_en: Option<String>,
    pub notes_en: Option<String>,
    pub logo_alt_en: Option<String>,
    pub card_notice_en: Option<String>,
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
        "SELECT name, enabled, notes, card_notice, logo_url, logo_alt, name_en, notes_en, logo_alt_en, card_notice_en,
             delivery_service, pay_ways, show_notes, min_amount, max_amount, channels
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
    /// The texts in English (each none: the Japanese is shown); `None`
    /// unchanged.
    pub en: Option<zerostep_domain::api::admin::CardTextsEn>,
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
    /// 3Dセキュア: `Some(Some(auth_div))` on with that authDiv, `Some(None)`
    /// off, `None` unchanged.
    pub three_d_secure: Option<Option<&'a str>>,
    /// 不正利用対策's threshold; `None` unchanged.
    pub challenge_after: Option<i64>,
}

/// Saves the card method's settings (「設定する」), which sets it up
/// (configured), with a new 加盟店コード and アクセスキー when given, in one
/// transaction.
pub async fn update_card_method(
    pool: &Pool,
    u: &CardMethodUpdate<'_>,
    trader_code: Option<&TraderCode>,
    access_key: Option<(&AccessKey, &Sealer)>,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "UPDATE payment_methods SET name = $1, enabled = $2, notes = $3, card_notice = $4, logo_url = $5, logo_alt = $6, delivery_service = $7, pay_ways = $8,
             show_notes = $9, min_amount = $10, max_amount = $11, channels = $12, configured = 1
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
    .execute(&mut *tx)
    .await?;
    if let Some(en) = &u.en {
        sqlx::query(
            "UPDATE payment_methods SET name_en = $1, notes_en = $2, logo_alt_en = $3, card_notice_en = $4 WHERE code = 'card'",
        )
        .bind(&en.name)
        .bind(&en.notes)
        .bind(&en.logo_alt)
        .bind(&en.card_notice)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(auth_div) = u.three_d_secure {
        crate::store::three_d_sessions::save_setting_in(&mut tx, auth_div).await?;
    }
    if let Some(n) = u.challenge_after {
        crate::store::card_guard::save_challenge_after_in(&mut tx, n).await?;
    }
    if let Some(code) = trader_code {
        save_trader_code_in(&mut tx, code).await?;
    }
    if let Some((key, sealer)) = access_key {
        save_access_key_in(&mut tx, key, sealer).await?;
    }
    tx.commit().await
}

/// Saves the アクセスキー, sealed (write-only: never read back but into the
/// checksum).
pub async fn save_access_key(
    pool: &Pool,
    key: &AccessKey,
    sealer: &Sealer,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    save_access_key_in(&mut tx, key, sealer).await?;
    tx.commit().await
}

async fn save_access_key_in(
    tx: &mut Transaction,
    key: &AccessKey,
    sealer: &Sealer,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO gateway_secrets (id, access_key, updated_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET access_key = excluded.access_key, updated_at = excluded.updated_at",
    )
    .bind(sealer.seal(Purpose::AccessKey, key.expose()))
    .bind(crate::store::time::now())
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Saves the 加盟店コード.
pub async fn save_trader_code(pool: &Pool, code: &TraderCode) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    save_trader_code_in(&mut tx, code).await?;
    tx.commit().await
}

async fn save_trader_code_in(tx: &mut Transaction, code: &TraderCode) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO gateway_settings (id, trader_code, updated_at) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET trader_code = excluded.trader_code, updated_at = excluded.updated_at",
    )
    .bind(code.as_ref())
    .bind(crate::store::time::now())
    .execute(&mut **tx)
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
    sqlx::query(
        "UPDATE payment_methods SET logo_url = NULL, logo_alt = NULL, logo_alt_en = NULL WHERE code = 'card'",
    )
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Each payment method as 支払方法設定 lists it: code, name, and the 0/1
/// flags 利用する, on the list (他社連携) and set up (使用決済), in display order.
pub async fn summaries(pool: &Pool) -> Result<Vec<(String, String, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, name, enabled, linked, configured FROM payment_methods ORDER BY position, code",
    )
    .fetch_all(pool)
    .await
}

/// 「他社連携」: puts the card method on the shop's list (未設定 until it is
/// set up), or takes it off, which also switches it off and forgets that it
/// was set up.
pub async fn set_card_linked(pool: &Pool, linked: bool) -> Result<(), sqlx::Error> {
    let sql = if linked {
        "UPDATE payment_methods SET linked = 1 WHERE code = 'card'"
    } else {
        "UPDATE payment_methods SET linked = 0, configured = 0, enabled = 0 WHERE code = 'card'"
    };
    sqlx::query(sql).execute(pool).await.map(|_| ())
}

/// Whether the card method is on the shop's list.
pub async fn card_linked(pool: &Pool) -> Result<bool, sqlx::Error> {
    let linked: i64 = sqlx::query_scalar("SELECT linked FROM payment_methods WHERE code = 'card'")
        .fetch_one(pool)
        .await?;
    Ok(linked != 0)
}
