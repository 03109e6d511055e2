//! The merchant's word for where an order's payment stands (受注一覧's
//! 決済状況, and its filter), from our status and the gateway's.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::status::{GatewayStatus, OrderStatus, UnknownStatus};

/// The merchant's word for where an order's payment stands (受注一覧's
/// 決済状況, and its filter), from our status and the gateway's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// 与信完了.
    Authorized,
    /// 精算確定待ち.
    AwaitingSettlement,
    /// 精算確定.
    Settled,
    /// 取消.
    Cancelled,
    /// 確認中 (authorizing, or the outcome unknown).
    Checking,
    /// 与信NG.
    Declined,
    /// 決済失敗.
    Failed,
    /// 入金待ち (bank transfer).
    AwaitingTransfer,
    /// 金額変更NG.
    AmountChangeFailed,
}

impl PaymentStatus {
    /// Every payment status, in the order the admin's filter lists them.
    pub const ALL: [PaymentStatus; 9] = [
        PaymentStatus::Authorized,
        PaymentStatus::AwaitingSettlement,
        PaymentStatus::Settled,
        PaymentStatus::Cancelled,
        PaymentStatus::Checking,
        PaymentStatus::Declined,
        PaymentStatus::Failed,
        PaymentStatus::AwaitingTransfer,
        PaymentStatus::AmountChangeFailed,
    ];

    /// Where a payment stands, from our status and the gateway's.
    pub fn of(status: OrderStatus, gateway: Option<GatewayStatus>) -> PaymentStatus {
        match status {
            OrderStatus::Authorizing | OrderStatus::PendingReview => PaymentStatus::Checking,
            OrderStatus::Declined => PaymentStatus::Declined,
            OrderStatus::Failed => PaymentStatus::Failed,
            OrderStatus::Accepted => PaymentStatus::AwaitingTransfer,
            OrderStatus::Authorized => match gateway {
                Some(GatewayStatus::AwaitingSettlement) => PaymentStatus::AwaitingSettlement,
                Some(GatewayStatus::Settled) => PaymentStatus::Settled,
                Some(GatewayStatus::Cancelled) => PaymentStatus::Cancelled,
                Some(GatewayStatus::AmountChangeFailed) => PaymentStatus::AmountChangeFailed,
                _ => PaymentStatus::Authorized,
            },
        }
    }

    /// The key used in the API (`awaiting_settlement`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Authorized => "authorized",
            PaymentStatus::AwaitingSettlement => "awaiting_settlement",
            PaymentStatus::Settled => "settled",
            PaymentStatus::Cancelled => "cancelled",
            PaymentStatus::Checking => "checking",
            PaymentStatus::Declined => "declined",
            PaymentStatus::Failed => "failed",
            PaymentStatus::AwaitingTransfer => "awaiting_transfer",
            PaymentStatus::AmountChangeFailed => "amount_change_failed",
        }
    }

    /// The merchant's word, in Japanese (the guide's).
    pub const fn ja(self) -> &'static str {
        match self {
            PaymentStatus::Authorized => "与信完了",
            PaymentStatus::AwaitingSettlement => "精算確定待ち",
            PaymentStatus::Settled => "精算確定",
            PaymentStatus::Cancelled => "取消",
            PaymentStatus::Checking => "確認中",
            PaymentStatus::Declined => "与信NG",
            PaymentStatus::Failed => "決済失敗",
            PaymentStatus::AwaitingTransfer => "入金待ち",
            PaymentStatus::AmountChangeFailed => "金額変更NG",
        }
    }

    /// The merchant's word, in English.
    pub const fn en(self) -> &'static str {
        match self {
            PaymentStatus::Authorized => "Authorized",
            PaymentStatus::AwaitingSettlement => "Awaiting settlement",
            PaymentStatus::Settled => "Settled",
            PaymentStatus::Cancelled => "Cancelled",
            PaymentStatus::Checking => "Being confirmed",
            PaymentStatus::Declined => "Declined",
            PaymentStatus::Failed => "Payment failed",
            PaymentStatus::AwaitingTransfer => "Awaiting transfer",
            PaymentStatus::AmountChangeFailed => "Amount change failed",
        }
    }

    /// The orders in this payment status, as a condition on the two stored
    /// statuses: one of `statuses`, and (for an authorized card payment)
    /// the gateway status `gateway` (`Some(None)`: one of the rest, or none).
    pub fn condition(self) -> (&'static [OrderStatus], Option<Option<GatewayStatus>>) {
        use GatewayStatus as G;
        const AUTHORIZED: &[OrderStatus] = &[OrderStatus::Authorized];
        match self {
            PaymentStatus::Checking => (
                &[OrderStatus::Authorizing, OrderStatus::PendingReview],
                None,
            ),
            PaymentStatus::Declined => (&[OrderStatus::Declined], None),
            PaymentStatus::Failed => (&[OrderStatus::Failed], None),
            PaymentStatus::AwaitingTransfer => (&[OrderStatus::Accepted], None),
            PaymentStatus::AwaitingSettlement => (AUTHORIZED, Some(Some(G::AwaitingSettlement))),
            PaymentStatus::Settled => (AUTHORIZED, Some(Some(G::Settled))),
            PaymentStatus::Cancelled => (AUTHORIZED, Some(Some(G::Cancelled))),
            PaymentStatus::AmountChangeFailed => (AUTHORIZED, Some(Some(G::AmountChangeFailed))),
            PaymentStatus::Authorized => (AUTHORIZED, Some(None)),
        }
    }
}

impl FromStr for PaymentStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PaymentStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

/// The gateway statuses that name a payment status of their own for an
/// authorized order; an authorized order in none of them is 与信完了.
pub const GATEWAY_STATUSES_WITH_A_NAME: [GatewayStatus; 4] = [
    GatewayStatus::AwaitingSettlement,
    GatewayStatus::Settled,
    GatewayStatus::Cancelled,
    GatewayStatus::AmountChangeFailed,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payment_statuses_follow_the_admin_words() {
        use GatewayStatus as G;
        let of = PaymentStatus::of;
        assert_eq!(of(OrderStatus::Authorizing, None), PaymentStatus::Checking);
        assert_eq!(
            of(OrderStatus::PendingReview, Some(G::Settled)),
            PaymentStatus::Checking
        );
        assert_eq!(
            of(OrderStatus::Accepted, None),
            PaymentStatus::AwaitingTransfer
        );
        assert_eq!(of(OrderStatus::Authorized, None), PaymentStatus::Authorized);
        assert_eq!(
            of(OrderStatus::Authorized, Some(G::Authorized)),
            PaymentStatus::Authorized
        );
        assert_eq!(
            of(OrderStatus::Authorized, Some(G::Other(11))),
            PaymentStatus::Authorized
        );
        assert_eq!(
            of(OrderStatus::Authorized, Some(G::AwaitingSettlement)),
            PaymentStatus::AwaitingSettlement
        );
        assert_eq!(
            of(OrderStatus::Authorized, Some(G::Cancelled)),
            PaymentStatus::Cancelled
        );
        assert_eq!(
            of(OrderStatus::Declined, Some(G::Cancelled)),
            PaymentStatus::Declined
        );
        for status in PaymentStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(status));
        }
    }

    /// The filter's condition selects exactly the orders `of` names so, for
    /// every pair of stored statuses.
    #[test]
    fn each_payment_status_condition_selects_what_of_names() {
        let gateways: Vec<Option<GatewayStatus>> = [None]
            .into_iter()
            .chain([0u8, 4, 11, 17, 20, 21, 30, 31, 40].map(|c| Some(GatewayStatus::from_code(c))))
            .collect();
        for wanted in PaymentStatus::ALL {
            let (statuses, gateway) = wanted.condition();
            for status in OrderStatus::ALL {
                for gw in &gateways {
                    let selected = statuses.contains(&status)
                        && match gateway {
                            None => true,
                            Some(Some(g)) => *gw == Some(g),
                            Some(None) => {
                                gw.is_none_or(|g| !GATEWAY_STATUSES_WITH_A_NAME.contains(&g))
                            }
                        };
                    assert_eq!(
                        selected,
                        PaymentStatus::of(status, *gw) == wanted,
                        "{wanted:?} for {status:?} and {gw:?}"
                    );
                }
            }
        }
    }
}
