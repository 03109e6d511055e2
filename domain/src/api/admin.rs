//! The admin API's JSON shapes (`/api/admin/...`), declared once for the
//! server that sends them and the admin SPA that reads them.

use serde::{Deserialize, Serialize};

use crate::order::OrderStatus;

/// `POST /api/admin/login` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Login name.
    pub login: String,
    /// Password.
    pub password: String,
    /// The TOTP code, or a recovery code, when the account has TOTP on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A session's public part (`POST /api/admin/login`, `GET /api/admin/session`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Login name.
    pub login: String,
    /// CSRF token for state-changing requests.
    pub csrf_token: String,
    /// The password was made by the server (the first one, a reset, or a
    /// new user's): nothing else works until the admin chooses their own.
    #[serde(default)]
    pub must_change_password: bool,
}

/// A row of 受注一覧 (`GET /api/admin/orders`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderRow {
    /// 注文番号.
    pub order_number: String,
    /// 受付番号.
    pub receipt_no: String,
    /// When it was ordered (RFC 3339).
    pub created_at: String,
    /// The buyer's name.
    pub buyer: String,
    /// Total, yen.
    pub total: i64,
    /// Payment method code.
    pub payment_method: String,
    /// The method's name (名称設定) as the order was placed with it, or
    /// today's for orders older than that record.
    #[serde(default)]
    pub payment_name: Option<String>,
    /// 決済状況, in Japanese.
    pub payment_status: String,
    /// 決済状況, in English.
    pub payment_status_en: String,
}

/// A line of the API operation history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operation {
    /// When (RFC 3339).
    pub at: String,
    /// The gateway function (`A08`, `E01`, …).
    pub function_div: String,
    /// `system`, or the admin's login.
    pub actor: String,
    /// `ok`, `error` or `unknown`.
    pub outcome: String,
    /// Yamato's error code.
    pub error_code: Option<String>,
    /// The card company's code.
    pub credit_error_code: Option<String>,
}

/// 受注明細 (`GET /api/admin/orders/{number}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderDetail {
    /// 注文番号.
    pub order_number: String,
    /// 受付番号.
    pub receipt_no: String,
    /// Our status.
    pub status: OrderStatus,
    /// 決済状況, in Japanese.
    pub payment_status: String,
    /// 決済状況, in English.
    pub payment_status_en: String,
    /// Payment method code.
    pub payment_method: String,
    /// The method's name (名称設定) as it was when the order was placed; on
    /// orders older than that record, the name today (`None` if removed).
    #[serde(default)]
    pub payment_name: Option<String>,
    /// 支払回数 (card orders): 1 一括, 0 リボ, n 分割.
    #[serde(default)]
    pub pay_way: Option<i64>,
    /// Total, yen.
    pub total: i64,
    /// 与信承認番号.
    pub crd_c_res_cd: Option<String>,
    /// 問い合わせ番号.
    pub slip_no: Option<String>,
    /// When it was last re-authorized (RFC 3339).
    pub last_reauth_at: Option<String>,
    /// Days left before the authorization lapses.
    pub hold_days_left: Option<i64>,
    /// Whether a slip can be registered now.
    pub can_register_slip: bool,
    /// Whether a re-authorization is allowed now (与信完了, no slip).
    pub can_reauthorize: bool,
    /// Whether 取消を取り消して再与信 is offered (cancelled, no slip).
    #[serde(default)]
    pub can_undo_cancel: bool,
    /// Whether the slip can be withdrawn (E02: registered, not yet settled).
    #[serde(default)]
    pub can_withdraw_slip: bool,
    /// Why 取消 is not offered in the order's state (absent: it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_unavailable: Option<crate::api::Text>,
    /// Why 金額変更 is not offered in the order's state (absent: it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_amount_unavailable: Option<crate::api::Text>,
    /// The quote the order was placed with (as stored).
    pub quote: serde_json::Value,
    /// The buyer (as stored).
    pub buyer: serde_json::Value,
    /// The recipient, if not the buyer (as stored).
    pub recipient: Option<serde_json::Value>,
    /// Delivery method, date and time slot (as stored).
    pub delivery: serde_json::Value,
    /// The delivery method's name (宅配便基本設定), if it still exists.
    #[serde(default)]
    pub delivery_method_name: Option<String>,
    /// When the 配送通知メール for the registered slip was queued, if it was.
    #[serde(default)]
    pub shipping_notice_sent_at: Option<String>,
    /// When the shop sends the 配送通知メール (基本設定).
    #[serde(default)]
    pub shipping_notice: ShippingNoticeMode,
    /// The 3-D Secure authentication, for a card order that had one.
    #[serde(default)]
    pub three_d_secure: Option<super::three_d::ThreeDSecureResult>,
    /// The API operation history, oldest first.
    pub operations: Vec<Operation>,
}

/// `POST /api/admin/orders/{number}/shipment` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlipRequest {
    /// 問い合わせ番号.
    pub slip_no: String,
}

/// `POST /api/admin/orders/{number}/amount` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountRequest {
    /// The new amount, yen.
    pub new_price: u64,
    /// The merchant confirmed an amount above the one authorized now (the
    /// card is charged more than the shopper agreed to; security review L8).
    #[serde(default)]
    pub confirm_increase: bool,
}

/// A card order the bulk re-authorization can renew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// 注文番号.
    pub order_number: String,
    /// 受付番号.
    pub receipt_no: String,
    /// When it was ordered (RFC 3339).
    pub created_at: String,
    /// Total, yen.
    pub total: i64,
    /// When it was last re-authorized (RFC 3339).
    pub last_reauth_at: Option<String>,
}

/// `POST /api/admin/bulk/reauth` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// The orders to re-authorize.
    pub order_numbers: Vec<String>,
}

/// The job a run started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Started {
    /// Its id.
    pub job_id: i64,
}

/// A bulk job's progress and counts (操作ログ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// Id.
    pub id: i64,
    /// What it does (absent, as in the jobs written before there were
    /// kinds: `reauth`).
    #[serde(default)]
    pub kind: JobKind,
    /// `running` or `done`.
    pub status: String,
    /// Orders in the run.
    pub total: i64,
    /// Re-authorized.
    pub succeeded: i64,
    /// Skipped with a reason, or interrupted.
    pub failed: i64,
    /// Who started it.
    pub created_by: String,
    /// When (RFC 3339).
    pub created_at: String,
    /// When it ended (RFC 3339).
    pub finished_at: Option<String>,
}

crate::wire::wire_enum! {
    /// What a bulk job does (`bulk_jobs.kind`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum JobKind {
        /// 外部決済一括処理: 再与信 (A11) of chosen orders.
        #[default]
        Reauth => "reauth",
        /// 売上確定一括処理: 売上確定 (E01) from a slip-number CSV.
        Slips => "slips",
    }
}

/// One order's result in a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    /// 注文番号.
    pub order_number: String,
    /// `pending`, `ok` or `failed`.
    pub status: String,
    /// Why it failed.
    pub message: Option<super::Text>,
}

/// A job with every item's result (at most 1,000; the counts are the job's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobDetail {
    /// The job.
    #[serde(flatten)]
    pub job: Job,
    /// Its items with their results, in order.
    pub items: Vec<ItemResult>,
}

/// A declined or failed card attempt (決済エラー履歴): not an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentAttempt {
    /// When it was tried (RFC 3339).
    pub at: String,
    /// The amount tried, yen.
    pub total: i64,
    /// 与信NG (declined) or 決済失敗 (failed), in Japanese.
    pub outcome: String,
    /// Yamato's error code.
    pub error_code: Option<String>,
    /// The card company's code (a decline's C/G code).
    pub credit_error_code: Option<String>,
    /// The buyer's e-mail.
    pub email: String,
    /// The address it came from.
    pub ip: Option<String>,
    /// 受付番号 (to look it up in Yamato's own screens).
    pub receipt_no: String,
}

/// A message in the mail outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    /// Id.
    pub id: i64,
    /// `thanks`, `shop_notice`, `shipping_notice`, or for an order left
    /// 確認中 and not charged, `not_completed` and `shop_not_completed`.
    pub kind: String,
    /// Recipient.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// When it was written (`YYYY-MM-DD HH:MM:SS` UTC).
    pub created_at: String,
    /// When it was sent.
    pub sent_at: Option<String>,
    /// Delivery attempts.
    pub attempts: i64,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

/// One prefecture's fee; `None` is 別途連絡.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// JIS code.
    pub prefecture: u8,
    /// Tax-included fee, or none for 別途連絡.
    pub fee: Option<i64>,
}

/// 宅配便基本設定.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliverySettings {
    /// Method code.
    #[serde(default)]
    pub code: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its name in English (absent in a request: unchanged; empty: none,
    /// the Japanese name is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Days from the order to the earliest delivery date (お届け日の最短日数).
    #[serde(default)]
    pub lead_days: Option<i64>,
    /// 送料無料の基準額 (tax included), or none.
    pub free_shipping_from: Option<i64>,
    /// 対応可能な支払方法.
    pub accepts: Vec<String>,
    /// Fees by prefecture.
    pub fees: Vec<Fee>,
}

pub use super::basic_settings::{
    delivery_name_problem, shop_name_problem, BasicSettings, ShippingNoticeMode, NAME_MAX,
    STANDARD_SHIPPING, STANDARD_THANKS,
};
pub use super::card_settings::{
    AccessKeyRequest, CardSettings, CardSettingsView, CardTextsEn, PaymentMethodSummary,
    TraderCodeRequest,
};
