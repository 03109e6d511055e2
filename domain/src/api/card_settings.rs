//! The card method's settings in 支払方法設定 as the admin API reads and
//! writes them (`/api/admin/settings/card`, `…/payment-methods`).

use serde::{Deserialize, Serialize};

use crate::merchant::Channel;

/// The card method's settings as the admin edits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The texts above in English, each optional (absent in a request:
    /// unchanged; a text left empty: the Japanese one is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<CardTextsEn>,
    /// 配送サービス選択: `00` ヤマト運輸, `99` その他.
    pub delivery_service: String,
    /// 支払回数 offered (1 always).
    pub pay_ways: Vec<u8>,
    /// Show 支払方法画面・サンクスメール注意書き.
    #[serde(default = "yes")]
    pub show_notes: bool,
    /// 適用条件: lowest total (tax included) for which the method is offered.
    #[serde(default)]
    pub min_amount: Option<i64>,
    /// 適用条件: highest total.
    #[serde(default)]
    pub max_amount: Option<i64>,
    /// 対応種別: `pc` and/or `smartphone`.
    #[serde(default = "all_channels")]
    pub channels: Vec<Channel>,
    /// 3Dセキュア: 利用する / 利用しない and the token's authDiv (absent in
    /// a request: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_d_secure: Option<crate::api::three_d::ThreeDSecureSetting>,
    /// 不正利用対策: the shop's failed card attempts within the window
    /// (every shopper's together) from which a card order must first solve
    /// a proof of work (1 to 100,000; absent in a request: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_after: Option<u32>,
    /// A new 加盟店コード, saved with the rest (write-only; absent: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_trader_code: Option<String>,
    /// A new アクセスキー, saved with the rest (write-only; absent: unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_access_key: Option<String>,
    /// The admin's password again, required with a new 加盟店コード or
    /// アクセスキー (security review M1; write-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_password: Option<String>,
}

/// The card method's texts in English as the admin edits them, each
/// optional (the shopper who chose English reads the Japanese one where
/// the shop gave none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardTextsEn {
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 支払方法画面注意書き.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The logo's ALT text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt: Option<String>,
    /// クレジットカード情報入力箇所注意書き.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_notice: Option<String>,
}

/// A payment method in 支払方法設定: its configured name, and where it
/// stands in the guide's procedure (「他社連携」, then 「使用決済」).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethodSummary {
    /// Its code (`card`, `bank_transfer`).
    pub code: String,
    /// 支払方法の名称.
    pub name: String,
    /// 利用する.
    pub enabled: bool,
    /// An outside service (他社連携) rather than one the shop runs itself.
    pub external: bool,
    /// On the shop's list (他社連携 added it; the shop's own always are).
    pub linked: bool,
    /// Set up (「設定する」 saved it); 未設定 until then.
    pub configured: bool,
}

/// Both 対応種別, the default.
fn all_channels() -> Vec<Channel> {
    Channel::ALL.to_vec()
}

/// `true`, the default.
fn yes() -> bool {
    true
}

/// What is shown beside the editable settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardSettingsView {
    /// The editable part.
    #[serde(flatten)]
    pub settings: CardSettings,
    /// 加盟店コード (from the server's configuration).
    pub trader_code: String,
    /// Whether an アクセスキー is configured (its value is never returned).
    pub access_key_set: bool,
}

/// `PUT /api/admin/settings/card/access-key` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessKeyRequest {
    /// The アクセスキー.
    pub access_key: String,
    /// The admin's password again (security review M1).
    pub current_password: String,
}

/// `PUT /api/admin/settings/card/trader-code` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraderCodeRequest {
    /// The 加盟店コード.
    pub trader_code: String,
    /// The admin's password again (security review M1).
    pub current_password: String,
}
