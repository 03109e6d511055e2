//! 基本設定 as the admin API reads and writes it (`/api/admin/settings/basic`):
//! カートタイプ, the shop's name and mail texts, and when the 配送通知メール
//! goes out; with the standard wording of the mails where the shop gives none.

use serde::{Deserialize, Serialize};

use super::Text;

/// Longest ショップ名 or delivery method name, in characters.
pub const NAME_MAX: usize = 50;

/// Whether `name` (surrounding spaces aside) is a name the merchant may
/// give: 1–[`NAME_MAX`] characters on one line.
fn is_one_line_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty() && name.chars().count() <= NAME_MAX && !name.chars().any(char::is_control)
}

/// What is wrong with a ショップ名, if anything (the server's rule, and the
/// admin's check before 確認画面).
pub fn shop_name_problem(name: &str) -> Option<Text> {
    (!is_one_line_name(name)).then(|| {
        Text::fixed(
            "ショップ名は改行を含まない1〜50文字で入力してください。",
            "The shop name must be 1-50 characters on one line.",
        )
    })
}

/// What is wrong with a delivery method's name, if anything.
pub fn delivery_name_problem(name: &str) -> Option<Text> {
    (!is_one_line_name(name)).then(|| {
        Text::fixed(
            "配送方法の名称は改行を含まない1〜50文字で入力してください。",
            "The delivery method's name must be 1-50 characters on one line.",
        )
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_line_of_1_to_50_characters() {
        assert!(shop_name_problem(" 山田製茶 ").is_none());
        assert!(shop_name_problem(&"茶".repeat(50)).is_none());
        for bad in ["", "  ", "山田\n製茶", "山田\t製茶", &"茶".repeat(51)] {
            assert!(shop_name_problem(bad).is_some(), "{bad:?}");
            assert!(delivery_name_problem(bad).is_some(), "{bad:?}");
        }
        assert!(delivery_name_problem("クール便").is_none());
    }
}
