//! 基本設定 as stored (`shop_profile`, one row): カートタイプ, the shop's
//! name and mail texts, and when the 配送通知メール goes out.

use crate::store::Pool;

/// 基本設定 as saved: カートタイプ, the shop's name, its mail texts and when
/// the 配送通知メール goes out (each an empty text or its default until saved).
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct ProfileRow {
    /// `zero_step` or `three_step`.
    pub cart_type: String,
    /// ショップ名.
    pub shop_name: String,
    /// メール署名.
    pub mail_signature: String,
    /// サンクスメールの冒頭文.
    pub thanks_message: String,
    /// 配送通知メールの冒頭文.
    pub shipping_message: String,
    /// `on_register` or `manual`.
    pub shipping_notice: String,
}

/// 基本設定 as saved (the defaults when never saved).
pub async fn profile(pool: &Pool) -> Result<ProfileRow, sqlx::Error> {
    let saved: Option<ProfileRow> = sqlx::query_as(
        "SELECT cart_type, shop_name, mail_signature, thanks_message, shipping_message, shipping_notice
         FROM shop_profile WHERE id = 1",
    )
    .fetch_optional(pool)
    .await?;
    Ok(saved.unwrap_or_else(|| ProfileRow {
        cart_type: "zero_step".to_owned(),
        shipping_notice: "on_register".to_owned(),
        ..ProfileRow::default()
    }))
}

/// Saves 基本設定 (the table refuses a cart type or notice mode it does not know).
pub async fn save_profile(pool: &Pool, p: &ProfileRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO shop_profile (id, cart_type, shop_name, mail_signature, thanks_message, shipping_message, shipping_notice, updated_at)
         VALUES (1, $1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET cart_type = excluded.cart_type, shop_name = excluded.shop_name,
             mail_signature = excluded.mail_signature, thanks_message = excluded.thanks_message,
             shipping_message = excluded.shipping_message, shipping_notice = excluded.shipping_notice,
             updated_at = excluded.updated_at",
    )
    .bind(&p.cart_type)
    .bind(&p.shop_name)
    .bind(&p.mail_signature)
    .bind(&p.thanks_message)
    .bind(&p.shipping_message)
    .bind(&p.shipping_notice)
    .bind(crate::store::time::now())
    .execute(pool)
    .await
    .map(|_| ())
}
