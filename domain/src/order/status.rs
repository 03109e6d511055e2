//! The states of an order, in one place: ours ([`OrderStatus`], the
//! `orders.status` column) and the gateway's 取引状況 ([`GatewayStatus`],
//! `statusInfo`, kept in `orders.gateway_status`). The merchant's word for
//! the two together is [`super::PaymentStatus`].
//!
//! Each has its stored or wire spelling here and nowhere else: code matches
//! on the enums, and SQL binds their values.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A stored or sent status that none of these enums knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {0:?}")]
pub struct UnknownStatus(pub String);

/// Where an order stands on our side (`orders.status`).
///
/// A card order is written `Authorizing` before A08 and ends `Authorized`,
/// `Declined` or `Failed`, or `PendingReview` (確認中) while the gateway's
/// answer is unknown; a bank-transfer order is `Accepted` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Written, A08 sent or about to be.
    Authorizing,
    /// 与信完了: the card payment is authorized; the order is complete.
    Authorized,
    /// 確認中: the A08 outcome is unknown; the reconciler settles it with E04.
    PendingReview,
    /// 与信NG: the card was declined.
    Declined,
    /// 決済失敗: the payment failed for another reason; nothing was charged.
    Failed,
    /// A bank-transfer order, complete and awaiting the transfer (入金待ち).
    Accepted,
}

impl OrderStatus {
    /// Every status, in the order the migration's `CHECK` lists them.
    pub const ALL: [OrderStatus; 6] = [
        OrderStatus::Authorizing,
        OrderStatus::Authorized,
        OrderStatus::Declined,
        OrderStatus::Failed,
        OrderStatus::PendingReview,
        OrderStatus::Accepted,
    ];

    /// The stored spelling (`authorizing`, `pending_review`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Authorizing => "authorizing",
            OrderStatus::Authorized => "authorized",
            OrderStatus::PendingReview => "pending_review",
            OrderStatus::Declined => "declined",
            OrderStatus::Failed => "failed",
            OrderStatus::Accepted => "accepted",
        }
    }

    /// Whether the gateway's answer to A08 is still awaited or unknown.
    pub const fn is_unsettled(self) -> bool {
        matches!(self, OrderStatus::Authorizing | OrderStatus::PendingReview)
    }

    /// Whether the order is complete (authorized, or a bank transfer accepted).
    pub const fn is_complete(self) -> bool {
        matches!(self, OrderStatus::Authorized | OrderStatus::Accepted)
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrderStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrderStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

/// The gateway's 取引状況 (`statusInfo`) of a card payment, as E04 reports
/// it and as `orders.gateway_status` keeps it. The states a token-method
/// card payment passes through have names; any other code is kept as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GatewayStatus {
    /// `4` 与信完了: authorized (after A08, A11, E02).
    Authorized,
    /// `17` 金額変更NG: an amount change (A07) failed.
    AmountChangeFailed,
    /// `20` 決済中断: abandoned (a 3-D Secure authentication not finished).
    Interrupted,
    /// `21` 決済手続き中: in progress (a 3-D Secure authentication under way).
    InProgress,
    /// `30` 精算確定待ち: a slip number is registered (E01); awaiting shipment.
    AwaitingSettlement,
    /// `31` 精算確定: the sale is confirmed (terminal).
    Settled,
    /// `40` 取消: cancelled (A06).
    Cancelled,
    /// Any other 取引状況 code (errors 11–16, other payment types).
    Other(u8),
}

impl GatewayStatus {
    /// The `statusInfo` code.
    pub const fn code(self) -> u8 {
        match self {
            GatewayStatus::Authorized => 4,
            GatewayStatus::AmountChangeFailed => 17,
            GatewayStatus::Interrupted => 20,
            GatewayStatus::InProgress => 21,
            GatewayStatus::AwaitingSettlement => 30,
            GatewayStatus::Settled => 31,
            GatewayStatus::Cancelled => 40,
            GatewayStatus::Other(code) => code,
        }
    }

    /// The status of a `statusInfo` code.
    pub const fn from_code(code: u8) -> GatewayStatus {
        match code {
            4 => GatewayStatus::Authorized,
            17 => GatewayStatus::AmountChangeFailed,
            20 => GatewayStatus::Interrupted,
            21 => GatewayStatus::InProgress,
            30 => GatewayStatus::AwaitingSettlement,
            31 => GatewayStatus::Settled,
            40 => GatewayStatus::Cancelled,
            other => GatewayStatus::Other(other),
        }
    }

    /// The value stored in `orders.gateway_status`.
    pub fn column(self) -> i64 {
        i64::from(self.code())
    }

    /// The status stored as `value` in `orders.gateway_status`.
    pub fn from_column(value: i64) -> Result<GatewayStatus, UnknownStatus> {
        u8::try_from(value)
            .map(GatewayStatus::from_code)
            .map_err(|_| UnknownStatus(value.to_string()))
    }

    /// Whether the card payment is authorized at the gateway: 与信完了, or
    /// past it (精算確定待ち, 精算確定).
    pub const fn is_authorized(self) -> bool {
        matches!(
            self,
            GatewayStatus::Authorized | GatewayStatus::AwaitingSettlement | GatewayStatus::Settled
        )
    }
}

/// The two stored statuses of an order (`orders.status` and
/// `orders.gateway_status`) as types.
pub fn parse_stored(
    status: &str,
    gateway_status: Option<i64>,
) -> Result<(OrderStatus, Option<GatewayStatus>), UnknownStatus> {
    let gateway = gateway_status.map(GatewayStatus::from_column).transpose()?;
    Ok((status.parse()?, gateway))
}

impl fmt::Display for GatewayStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "statusInfo {}", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_statuses_read_back_what_they_write() {
        for status in OrderStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(status));
            assert_eq!(
                serde_json::to_string(&status).ok(),
                Some(format!("\"{}\"", status.as_str()))
            );
        }
        assert_eq!(
            "shipped".parse::<OrderStatus>(),
            Err(UnknownStatus("shipped".to_owned()))
        );
    }

    #[test]
    fn gateway_codes_round_trip_and_unknown_ones_are_kept() {
        for code in 0..=u8::MAX {
            assert_eq!(GatewayStatus::from_code(code).code(), code);
        }
        assert_eq!(
            GatewayStatus::from_code(30),
            GatewayStatus::AwaitingSettlement
        );
        assert_eq!(GatewayStatus::from_code(12), GatewayStatus::Other(12));
        assert_eq!(GatewayStatus::from_column(31), Ok(GatewayStatus::Settled));
        assert!(GatewayStatus::from_column(300).is_err());
        assert!(GatewayStatus::from_column(-1).is_err());
        assert_eq!(
            parse_stored("authorized", Some(30)),
            Ok((
                OrderStatus::Authorized,
                Some(GatewayStatus::AwaitingSettlement)
            ))
        );
        assert!(parse_stored("shipped", None).is_err());
        assert!(parse_stored("authorized", Some(999)).is_err());
    }
}
