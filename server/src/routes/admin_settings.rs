//! Payment and delivery settings (seed section 3): what the shopper pages use
//! at once. The access key is never returned; only whether one is set.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use zerostep_domain::order::PayWay;

use crate::admin_auth::AdminUser;
use crate::error::ApiJson;
use crate::{ApiError, AppState};

/// The card method's settings as the admin edits them.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardSettings {
    /// 支払方法の名称.
    pub name: String,
    /// 利用する / 利用しない.
    pub enabled: bool,
    /// 支払方法画面・サンクスメール注意書き (empty hides it).
    pub notes: String,
    /// クレジットカード情報入力箇所注意書き.
    pub card_notice: String,
    /// 決済サービスロゴ URL (empty: none).
    pub logo_url: String,
    /// ロゴの ALT 属性.
    pub logo_alt: String,
    /// 配送サービス選択: `00` ヤマト運輸, `99` その他.
    pub delivery_service: String,
    /// 支払回数 offered (1 always).
    pub pay_ways: Vec<u8>,
}

/// What is shown beside the editable settings.
#[derive(Debug, Serialize)]
pub struct CardSettingsView {
    /// The editable part.
    #[serde(flatten)]
    pub settings: CardSettings,
    /// 加盟店コード (from the server's configuration).
    pub trader_code: String,
    /// Whether an アクセスキー is configured (its value is never returned).
    pub access_key_set: bool,
}

fn invalid(message: &str) -> ApiError {
    ApiError::BadRequest {
        code: "invalid_setting",
        message: message.to_owned(),
    }
}

type CardRow = (
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

/// `GET /api/admin/settings/card`.
pub async fn get_card(
    State(state): State<AppState>,
    _user: AdminUser,
) -> Result<Json<CardSettingsView>, ApiError> {
    let row: CardRow = sqlx::query_as(
        "SELECT name, enabled, notes, card_notice, logo_url, logo_alt, delivery_service, pay_ways FROM payment_methods WHERE code = 'card'",
    )
    .fetch_one(&state.pool)
    .await?;
    let (name, enabled, notes, card_notice, logo_url, logo_alt, delivery_service, pay_ways) = row;
    Ok(Json(CardSettingsView {
        settings: CardSettings {
            name,
            enabled,
            notes: notes.unwrap_or_default(),
            card_notice: card_notice.unwrap_or_default(),
            logo_url: logo_url.unwrap_or_default(),
            logo_alt: logo_alt.unwrap_or_default(),
            delivery_service,
            pay_ways: pay_ways
                .split(',')
                .filter_map(|w| w.trim().parse().ok())
                .collect(),
        },
        trader_code: state.settings.gateway.trader_code.clone(),
        access_key_set: state.settings.gateway.access_key.is_some()
            || state.settings.gateway.mode == zerostep_webcollect::GatewayMode::Sandbox,
    }))
}

/// `PUT /api/admin/settings/card` (the 「設定する」 step).
pub async fn put_card(
    State(state): State<AppState>,
    _user: AdminUser,
    ApiJson(s): ApiJson<CardSettings>,
) -> Result<StatusCode, ApiError> {
    let name = s.name.trim();
    if name.is_empty() || name.chars().count() > 50 {
        return Err(invalid(
            "支払方法の名称は1〜50文字で入力してください。/ The name must be 1-50 characters.",
        ));
    }
    if !matches!(s.delivery_service.as_str(), "00" | "99") {
        return Err(invalid("配送サービスは「ヤマト運輸」か「その他」を選んでください。/ Choose Yamato (00) or other (99)."));
    }
    if s.notes.chars().count() > 1000
        || s.card_notice.chars().count() > 1000
        || s.logo_alt.chars().count() > 200
    {
        return Err(invalid("注意書きは1000文字、ALT属性は200文字までです。/ Notes are limited to 1000 characters, ALT text to 200."));
    }
    if !(s.logo_url.is_empty() || s.logo_url.starts_with("https://") || s.logo_url.starts_with('/'))
    {
        return Err(invalid("ロゴ画像のURLは https:// または / で始めてください。/ The logo URL must start with https:// or /."));
    }
    if let Some(bad) = s.pay_ways.iter().find(|w| PayWay::new(**w).is_err()) {
        return Err(invalid(&format!(
            "支払回数 {bad} は指定できません。/ {bad} is not a Yamato payment plan."
        )));
    }
    let mut ways = s.pay_ways.clone();
    if !ways.contains(&1) {
        ways.insert(0, 1);
    }
    let ways = ways.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
    let blank = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
    sqlx::query(
        "UPDATE payment_methods SET name = ?, enabled = ?, notes = ?, card_notice = ?, logo_url = ?, logo_alt = ?, delivery_service = ?, pay_ways = ?
         WHERE code = 'card'",
    )
    .bind(name)
    .bind(s.enabled)
    .bind(blank(&s.notes))
    .bind(blank(&s.card_notice))
    .bind(blank(&s.logo_url))
    .bind(blank(&s.logo_url).and(blank(&s.logo_alt)))
    .bind(&s.delivery_service)
    .bind(ways)
    .execute(&state.pool)
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
