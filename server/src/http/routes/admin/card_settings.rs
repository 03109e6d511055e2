//! 支払方法設定 for the card (seed section 3): names, notes, logo, amount
//! range, channels and 支払回数, the 加盟店コード and the アクセスキー, which is
//! never returned (only whether one is set). The shopper pages use them at once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use zerostep_domain::api::admin::CardTextsEn;
use zerostep_domain::api::three_d::ThreeDSecureSetting;
use zerostep_domain::order::PayWay;

use super::{english_text, invalid, three_d_settings};
use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::http::error::ApiJson;
use zerostep_domain::merchant::{AccessKey, Channel, TraderCode};

use crate::services::Services;
use crate::store::card_method::{self, CardMethodUpdate};
use zerostep_domain::api::admin::{
    AccessKeyRequest, CardSettings, CardSettingsView, PaymentMethodSummary, TraderCodeRequest,
};

/// `GET /api/admin/settings/card`.
pub async fn get_card(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<CardSettingsView>, ApiError> {
    let shop = state.shop().await?;
    let r = card_method::card_method(&state.pool).await?;
    Ok(Json(CardSettingsView {
        settings: CardSettings {
            name: r.name,
            enabled: r.enabled != 0,
            notes: r.notes.unwrap_or_default(),
            card_notice: r.card_notice.unwrap_or_default(),
            logo_url: r.logo_url.unwrap_or_default(),
            logo_alt: r.logo_alt.unwrap_or_default(),
            en: Some(CardTextsEn {
                name: r.name_en,
                notes: r.notes_en,
                logo_alt: r.logo_alt_en,
                card_notice: r.card_notice_en,
            }),
            delivery_service: r.delivery_service,
            pay_ways: r
                .pay_ways
                .split(',')
                .filter_map(|w| w.trim().parse().ok())
                .collect(),
            show_notes: r.show_notes != 0,
            min_amount: r.min_amount,
            max_amount: r.max_amount,
            channels: Channel::parse_list(&r.channels),
            three_d_secure: Some(three_d_settings::current(&state).await?),
            challenge_after: u32::try_from(shop.challenge_after()).ok(),
            new_trader_code: None,
            new_access_key: None,
            current_password: None,
        },
        trader_code: state.gateway.trader_code(shop.saved_trader_code()),
        access_key_set: shop.saved_access_key().is_some()
            || state.config.gateway.access_key.is_some()
            || state.config.gateway.mode == zerostep_webcollect::GatewayMode::Sandbox,
    }))
}

/// `PUT /api/admin/settings/card` (the 「設定する」 step): every setting of
/// the card method, with a new 加盟店コード and アクセスキー when given, saved
/// together or not at all. Only for a method on the shop's list (他社連携).
pub async fn put_card(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(s): ApiJson<CardSettings>,
) -> Result<StatusCode, ApiError> {
    if !card_method::card_linked(&state.pool).await? {
        return Err(ApiError::refused(
            zerostep_domain::api::ErrorCode::NotAllowedInThisState,
            crate::messages::card_not_linked(),
        ));
    }
    let trader_code = s
        .new_trader_code
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| TraderCode::parse(c.trim()))
        .transpose()
        .map_err(|_| invalid(crate::messages::trader_code_rule()))?;
    let access_key = s
        .new_access_key
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(AccessKey::parse)
        .transpose()
        .map_err(|_| invalid(crate::messages::access_key_rule()))?;
    if trader_code.is_some() || access_key.is_some() {
        let given = s.current_password.as_deref().unwrap_or_default();
        crate::auth::account::reauthenticate(&state.pool, &user, given).await?;
    }
    let name = s.name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(invalid(crate::messages::method_name_length()));
    }
    if !matches!(s.delivery_service.as_str(), "00" | "99") {
        return Err(invalid(crate::messages::delivery_service_choice()));
    }
    if s.notes.chars().count() > 1000
        || s.card_notice.chars().count() > 1000
        || s.logo_alt.chars().count() > 200
    {
        return Err(invalid(crate::messages::notes_length()));
    }
    if !(s.logo_url.is_empty() || s.logo_url.starts_with("https://") || s.logo_url.starts_with('/'))
    {
        return Err(invalid(crate::messages::logo_url()));
    }
    let in_range = |v: Option<i64>| v.is_none_or(|v| (0..=10_000_000).contains(&v));
    if !in_range(s.min_amount)
        || !in_range(s.max_amount)
        || matches!((s.min_amount, s.max_amount), (Some(a), Some(b)) if a > b)
    {
        return Err(invalid(crate::messages::amount_range()));
    }
    if s.channels.is_empty() {
        return Err(invalid(crate::messages::channels()));
    }
    if s.challenge_after
        .is_some_and(|n| !(1..=100_000).contains(&n))
    {
        return Err(invalid(crate::messages::challenge_after_range()));
    }
    if let Some(bad) = s.pay_ways.iter().find(|w| PayWay::new(**w).is_err()) {
        return Err(invalid(crate::messages::pay_way_not_allowed(*bad)));
    }
    let mut ways = s.pay_ways.clone();
    if !ways.contains(&1) {
        ways.insert(0, 1);
    }
    let ways = ways.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
    let blank = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    let en =
        s.en.as_ref()
            .map(checked_english)
            .transpose()?
            .map(|mut en| {
                // Like the Japanese ALT text, the English one goes with a logo only.
                en.logo_alt = blank(&s.logo_url).and(en.logo_alt);
                en
            });
    card_method::update_card_method(
        &state.pool,
        &CardMethodUpdate {
            name,
            enabled: i64::from(s.enabled),
            notes: blank(&s.notes),
            card_notice: blank(&s.card_notice),
            logo_url: blank(&s.logo_url),
            logo_alt: blank(&s.logo_url).and(blank(&s.logo_alt)),
            en,
            delivery_service: &s.delivery_service,
            pay_ways: ways,
            show_notes: i64::from(s.show_notes),
            min_amount: s.min_amount,
            max_amount: s.max_amount,
            channels: Channel::store_list(&s.channels),
            three_d_secure: s
                .three_d_secure
                .as_ref()
                .map(ThreeDSecureSetting::auth_div_when_on),
            challenge_after: s.challenge_after.map(i64::from),
        },
        trader_code.as_ref(),
        access_key.as_ref().map(|key| (key, &state.sealer)),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The card's texts in English as checked: trimmed, each empty one none.
fn checked_english(en: &CardTextsEn) -> Result<CardTextsEn, ApiError> {
    let text = |v: &Option<String>, field, max, one_line| {
        english_text(v.as_deref().unwrap_or_default(), field, max, one_line)
    };
    Ok(CardTextsEn {
        name: text(
            &en.name,
            ("支払方法の名称（英語）", "The English name"),
            50,
            true,
        )?,
        notes: text(
            &en.notes,
            ("注意書き（英語）", "The English notes"),
            1000,
            false,
        )?,
        logo_alt: text(
            &en.logo_alt,
            ("ロゴのALT属性（英語）", "The English ALT text"),
            200,
            true,
        )?,
        card_notice: text(
            &en.card_notice,
            (
                "クレジットカード情報入力箇所注意書き（英語）",
                "The English card notice",
            ),
            1000,
            false,
        )?,
    })
}

/// `GET /api/admin/settings/payment-methods`: each method with its name and
/// where it stands (他社連携, 使用決済: 未設定 or set up).
pub async fn get_payment_methods(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<Json<Vec<PaymentMethodSummary>>, ApiError> {
    let rows = card_method::summaries(&state.pool).await?;
    Ok(Json(
        rows.into_iter()
            .map(
                |(code, name, enabled, linked, configured)| PaymentMethodSummary {
                    external: code == zerostep_domain::checkout::PaymentMethodCode::Card.as_str(),
                    code,
                    name,
                    enabled: enabled != 0,
                    linked: linked != 0,
                    configured: configured != 0,
                },
            )
            .collect(),
    ))
}

/// `PUT` (add to the list) and `DELETE` (take off it)
/// `/api/admin/settings/payment-methods/card/link`: 「他社連携」.
pub async fn link_card(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<StatusCode, ApiError> {
    card_method::set_card_linked(&state.pool, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Takes the card method off the list: switched off and 未設定 until added
/// and set up again.
pub async fn unlink_card(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<StatusCode, ApiError> {
    card_method::set_card_linked(&state.pool, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Saves the アクセスキー (write-only: no endpoint returns it).
pub async fn put_access_key(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<AccessKeyRequest>,
) -> Result<StatusCode, ApiError> {
    let key = AccessKey::parse(&req.access_key)
        .map_err(|_| invalid(crate::messages::access_key_rule()))?;
    crate::auth::account::reauthenticate(&state.pool, &user, &req.current_password).await?;
    card_method::save_access_key(&state.pool, &key, &state.sealer).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Largest logo accepted.
const MAX_LOGO_BYTES: usize = 256 * 1024;

/// The image type of `bytes` from its signature (SVG is refused: it can carry script).
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// `PUT /api/admin/settings/card/logo`: uploads the 決済サービスロゴ (PNG, JPEG, GIF or WebP, ≤ 256 KiB).
pub async fn put_logo(
    State(state): State<Services>,
    _user: AdminUser,
    body: axum::body::Bytes,
) -> Result<StatusCode, ApiError> {
    if body.len() > MAX_LOGO_BYTES {
        return Err(invalid(crate::messages::logo_too_large()));
    }
    let Some(content_type) = image_type(&body) else {
        return Err(invalid(crate::messages::logo_type()));
    };
    let version: String =
        sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(&body))
            .iter()
            .take(4)
            .map(|b| format!("{b:02x}"))
            .collect();
    card_method::save_card_logo(
        &state.pool,
        content_type,
        body.as_ref(),
        &format!("/api/payment-logos/card?v={version}"),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/admin/settings/card/logo`: 「画像削除」 clears the image and its ALT text.
pub async fn delete_logo(
    State(state): State<Services>,
    _user: AdminUser,
) -> Result<StatusCode, ApiError> {
    card_method::delete_card_logo(&state.pool).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Saves the 加盟店コード notified by Yamato (1-20 letters and digits).
pub async fn put_trader_code(
    State(state): State<Services>,
    user: AdminUser,
    ApiJson(req): ApiJson<TraderCodeRequest>,
) -> Result<StatusCode, ApiError> {
    let code = TraderCode::parse(&req.trader_code)
        .map_err(|_| invalid(crate::messages::trader_code_rule()))?;
    crate::auth::account::reauthenticate(&state.pool, &user, &req.current_password).await?;
    card_method::save_trader_code(&state.pool, &code).await?;
    Ok(StatusCode::NO_CONTENT)
}
