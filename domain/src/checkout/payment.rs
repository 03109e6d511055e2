//! Payment methods as the purchase page offers them, and what Yamato's token script needs.

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

use crate::Yen;

/// The card gateway's limit per payment (seed: 1決済につき30万円まで).
pub const CARD_LIMIT: u64 = 300_000;

wire_enum! {
    /// A payment method Zerostep offers (its code as stored and sent).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum PaymentMethodCode {
        /// クレジットカード決済 (クロネコwebコレクト, token method).
        Card => "card",
        /// 銀行振込.
        BankTransfer => "bank_transfer",
    }
}

/// A payment method as the purchase page shows it (the seed's section 3 settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethodInfo {
    /// Which method.
    pub code: PaymentMethodCode,
    /// 支払方法の名称.
    pub name: String,
    /// 支払方法画面注意書き (shown when set).
    pub notes: Option<String>,
    /// The texts in English where the shop gave them (the shopper who
    /// chose English reads the Japanese ones otherwise): the name,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// … 支払方法画面注意書き,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes_en: Option<String>,
    /// … the logo's ALT text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_alt_en: Option<String>,
    /// … and クレジットカード情報入力箇所注意書き.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_notice_en: Option<String>,
    /// 決済サービスロゴ.
    pub logo_url: Option<String>,
    /// The logo's ALT text.
    pub logo_alt: Option<String>,
    /// クレジットカード情報入力箇所注意書き (card only).
    pub card_notice: Option<String>,
    /// 利用する / 利用しない.
    pub enabled: bool,
    /// 適用条件: offered only from this total (tax included).
    #[serde(default)]
    pub min_amount: Option<Yen>,
    /// 適用条件: offered only up to this total (tax included).
    #[serde(default)]
    pub max_amount: Option<Yen>,
    /// 対応種別: offered to PC browsers.
    #[serde(default = "yes")]
    pub on_pc: bool,
    /// 対応種別: offered to smartphones.
    #[serde(default = "yes")]
    pub on_smartphone: bool,
}

pub(super) fn yes() -> bool {
    true
}

/// What the SPA hands to `WebcollectTokenLib.createToken` besides the card.
/// The checkSum is computed on the server: the access key never reaches the browser.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenConfig {
    /// Where `embeddedTokenLib.js` is loaded from (sandbox, test or production).
    pub js_url: String,
    /// 加盟店コード.
    pub trader_code: String,
    /// `2`: security code required, no 3-D Secure.
    pub auth_div: String,
    /// lowercase hex SHA-256 of accessKey + authDiv.
    pub check_sum: String,
    /// Whether Yamato's dummy card numbers (no Luhn) are accepted (sandbox only).
    pub allow_dummy_cards: bool,
    /// The 支払回数 the shop offers (1 一括, 0 リボ, 分割 counts).
    pub pay_ways: Vec<u8>,
}
