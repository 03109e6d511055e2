//! 基本設定 as the admin API reads and writes it (`/api/admin/settings/basic`):
//! カートタイプ, the shop's name and mail texts, and when the 配送通知メール
//! goes out; with the standard wording of the mails where the shop gives none.

use serde::{Deserialize, Serialize};

/// `GET` and `PUT /api/admin/settings/basic`: 基本設定, the shop-wide choices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicSettings {
    /// カートタイプ: the zero-step page or the 3-step cart, for the shop and the widget.
    pub cart_type: crate::checkout::CartType,
    /// ショップ名: heads the shop's pages, every mail's subject and (unless
    /// a signature is given) its signature. 1–50 characters.
    #[serde(default)]
    pub shop_name: String,
    /// メール署名: the lines that close every mail to a shopper (empty: the
    /// shop name).
    #[serde(default)]
    pub mail_signature: String,
    /// サンクスメールの冒頭文 (empty: the standard wording).
    #[serde(default)]
    pub thanks_message: String,
    /// 配送通知メールの冒頭文 (empty: the standard wording).
    #[serde(default)]
    pub shipping_message: String,
    /// When the 配送通知メール goes out.
    #[serde(default)]
    pub shipping_notice: ShippingNoticeMode,
}

/// The サンクスメール's opening words when the shop gives none.
pub const STANDARD_THANKS: &str = "このたびはご注文いただき、誠にありがとうございます。\n以下の内容でご注文を承りました。商品の発送時にあらためてご連絡いたします。";

/// The 配送通知メール's opening words when the shop gives none.
pub const STANDARD_SHIPPING: &str =
    "ご注文の商品を発送いたしました。\nお届けまでしばらくお待ちください。";

crate::wire::wire_enum! {
    /// When the 配送通知メール (the parcel's 問合番号 to the buyer) goes out.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum ShippingNoticeMode {
        /// When a 問い合わせ番号 is registered (「登録」, E01 accepted).
        #[default]
        OnRegister => "on_register",
        /// From 「配送通知メールを送信」 on 受注明細.
        Manual => "manual",
    }
}
