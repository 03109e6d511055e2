//! Placing an order: what the purchase page sends to `POST /api/orders`
//! (with an `Idempotency-Key` header), and what it gets back.
//!
//! Nothing about the card is here but the gateway's one-time token: the
//! card-input type lives in the SPA, has no `Serialize`, and never enters
//! these types.

pub mod payment_status;
pub mod status;

pub use payment_status::PaymentStatus;
pub use status::{GatewayStatus, OrderStatus, UnknownStatus};

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::wire::wire_enum;

use crate::checkout::{CartLine, PaymentMethodCode, TimeSlot};
use crate::{Address, Email, Kana, PersonName, Phone, Yen};

/// The token `WebcollectTokenLib.createToken` returned: 16 alphanumerics.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct PaymentToken(String);

/// Not a token of 16 alphanumerics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a payment token is 16 letters and digits")]
pub struct PaymentTokenError;

impl PaymentToken {
    /// Parses a token.
    pub fn parse(s: &str) -> Result<Self, PaymentTokenError> {
        if s.len() == 16 && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Ok(PaymentToken(s.to_owned()))
        } else {
            Err(PaymentTokenError)
        }
    }
}

impl fmt::Debug for PaymentToken {
    /// Tokens are single-use and short-lived, but still kept out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PaymentToken(…)")
    }
}

impl TryFrom<String> for PaymentToken {
    type Error = PaymentTokenError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PaymentToken::parse(&value)
    }
}

impl From<PaymentToken> for String {
    fn from(value: PaymentToken) -> Self {
        value.0
    }
}

impl AsRef<str> for PaymentToken {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// 支払回数: 一括 (1), リボ (0), or 分割 2–24 as Yamato defines them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "u8", into = "u8")]
pub struct PayWay(u8);

/// Not one of Yamato's 支払回数.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("支払回数 must be 1, 0 (revolving) or 2, 3, 5, 6, 10, 12, 15, 18, 20, 24 (got {0})")]
pub struct PayWayError(pub u8);

impl PayWay {
    /// 一括払い.
    pub const LUMP_SUM: PayWay = PayWay(1);
    /// Every value Yamato defines.
    pub const ALL: [u8; 12] = [1, 0, 2, 3, 5, 6, 10, 12, 15, 18, 20, 24];

    /// Parses a 支払回数.
    pub fn new(n: u8) -> Result<Self, PayWayError> {
        if Self::ALL.contains(&n) {
            Ok(PayWay(n))
        } else {
            Err(PayWayError(n))
        }
    }

    /// The number sent as `pay_way`.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for PayWay {
    type Error = PayWayError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        PayWay::new(value)
    }
}

impl From<PayWay> for u8 {
    fn from(value: PayWay) -> Self {
        value.0
    }
}

/// The buyer (ご注文者).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Buyer {
    /// 氏名.
    pub name: PersonName,
    /// セイ.
    pub family_kana: Kana,
    /// メイ.
    pub given_kana: Kana,
    /// メールアドレス.
    pub email: Email,
    /// 電話番号.
    pub phone: Phone,
    /// 住所.
    pub address: Address,
}

/// Another delivery address (お届け先) with its own name and phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// 氏名.
    pub name: PersonName,
    /// 電話番号.
    pub phone: Phone,
    /// 住所.
    pub address: Address,
}

/// 配送方法・お届け日時.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeliveryChoice {
    /// Delivery method code.
    pub method: String,
    /// お届け希望日 (ISO date), or none for 指定なし.
    pub date: Option<String>,
    /// お届け時間帯.
    pub time_slot: TimeSlot,
}

/// How the order is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum PaymentRequest {
    /// クレジットカード決済 with the token and 支払回数.
    Card {
        /// The one-time token from Yamato's token JavaScript.
        token: PaymentToken,
        /// 支払回数.
        pay_way: PayWay,
    },
    /// 銀行振込.
    BankTransfer,
}

impl PaymentRequest {
    /// Which method.
    pub fn code(&self) -> PaymentMethodCode {
        match self {
            PaymentRequest::Card { .. } => PaymentMethodCode::Card,
            PaymentRequest::BankTransfer => PaymentMethodCode::BankTransfer,
        }
    }
}

/// `POST /api/orders` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    /// The cart (prices come from the server).
    pub lines: Vec<CartLine>,
    /// ご注文者.
    pub buyer: Buyer,
    /// お届け先 when not the buyer.
    pub recipient: Option<Recipient>,
    /// Delivery choice.
    pub delivery: DeliveryChoice,
    /// Payment.
    pub payment: PaymentRequest,
    /// The total the shopper confirmed in the modal; a different server total is refused (409).
    pub confirmed_total: Yen,
}

wire_enum! {
    /// Where an order stands, as the shopper is told.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum OrderOutcome {
        /// The order is complete (card authorized, or bank transfer accepted).
        Complete => "complete",
        /// The gateway's answer is not known yet (確認中); the shop will confirm.
        PendingReview => "pending_review",
        /// The cardholder authenticates first (EMV 3-D Secure) at
        /// `authentication_url`; nothing is authorized yet.
        Authenticate => "authenticate",
    }
}

/// `POST /api/orders` success.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPlaced {
    /// 注文番号.
    pub order_number: String,
    /// Complete or 確認中.
    pub outcome: OrderOutcome,
    /// How it is paid.
    pub payment_method: PaymentMethodCode,
    /// Total charged (tax included).
    pub total: Yen,
    /// The buyer's e-mail, where the confirmation goes: absent when
    /// `abandon` answers a session other than the one that placed the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// With [`OrderOutcome::Authenticate`]: the page on our origin that
    /// starts the 3-D Secure authentication (a frame or the whole window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_16_alphanumerics_and_hidden_from_debug() {
        assert!(PaymentToken::parse("Ab3dE5gH7jK9mN1p").is_ok());
        for bad in [
            "",
            "Ab3dE5gH7jK9mN1",
            "Ab3dE5gH7jK9mN1pX",
            "Ab3dE5gH7jK9mN1!",
            "Ａb3dE5gH7jK9mN1p",
        ] {
            assert_eq!(PaymentToken::parse(bad), Err(PaymentTokenError), "{bad}");
        }
        let token = PaymentToken::parse("Ab3dE5gH7jK9mN1p").expect("valid");
        assert!(!format!("{token:?}").contains("Ab3d"));
    }

    #[test]
    fn pay_ways_are_yamatos() {
        for ok in PayWay::ALL {
            assert!(PayWay::new(ok).is_ok());
        }
        for bad in [4, 7, 25, 99] {
            assert_eq!(PayWay::new(bad), Err(PayWayError(bad)));
        }
    }

    #[test]
    fn payment_requests_are_tagged() {
        let card: PaymentRequest =
            serde_json::from_str(r#"{"method":"card","token":"Ab3dE5gH7jK9mN1p","pay_way":1}"#)
                .expect("card");
        assert_eq!(card.code(), PaymentMethodCode::Card);
        assert!(serde_json::from_str::<PaymentRequest>(
            r#"{"method":"card","token":"x","pay_way":1}"#
        )
        .is_err());
        assert!(serde_json::from_str::<PaymentRequest>(
            r#"{"method":"card","token":"Ab3dE5gH7jK9mN1p","pay_way":1,"card_no":"4111111111111111"}"#
        )
        .is_err());
        let bank: PaymentRequest =
            serde_json::from_str(r#"{"method":"bank_transfer"}"#).expect("bank");
        assert_eq!(bank, PaymentRequest::BankTransfer);
    }
}
