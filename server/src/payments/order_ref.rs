//! What the operations need to know about an order, read from its row, and
//! the checks every operation shares.

use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::order::status::parse_stored;
use zerostep_domain::order::{GatewayStatus, OrderStatus};

use super::error::OperationError;
use crate::store::payment_changes::{self, OrderTuple};

/// What the operations need to know about an order.
pub struct OrderRef {
    /// Row id.
    pub id: i64,
    /// 受付番号.
    pub receipt_no: String,
    /// Our status.
    pub status: OrderStatus,
    /// statusInfo as last seen.
    pub gateway_status: Option<GatewayStatus>,
    /// 問い合わせ番号.
    pub slip_no: Option<String>,
    /// `card` or `bank_transfer`.
    pub payment_method: String,
    /// The amount authorized now, yen.
    pub total: i64,
}

/// The order with this 注文番号, or 404.
pub async fn find(
    pool: &crate::store::Pool,
    order_number: &str,
) -> Result<OrderRef, OperationError> {
    let row = payment_changes::order_by_number(pool, order_number).await?;
    from_row(row)
}

/// The order with this row id, as it is now, or 404.
pub(super) async fn reload(pool: &crate::store::Pool, id: i64) -> Result<OrderRef, OperationError> {
    let row = payment_changes::order_by_id(pool, id).await?;
    from_row(row)
}

pub(super) fn from_row(row: Option<OrderTuple>) -> Result<OrderRef, OperationError> {
    let (id, receipt_no, status, gateway_status, slip_no, payment_method, total) =
        row.ok_or(OperationError::NoSuchOrder)?;
    let (status, gateway_status) =
        parse_stored(&status, gateway_status).map_err(OperationError::internal)?;
    Ok(OrderRef {
        id,
        receipt_no,
        status,
        gateway_status,
        slip_no,
        payment_method,
        total,
    })
}

/// The authorized card order, or why it cannot be operated on.
pub(super) fn card_authorized(order: &OrderRef) -> Result<(), OperationError> {
    if order.payment_method != PaymentMethodCode::Card.as_str()
        || order.status != OrderStatus::Authorized
    {
        return Err(OperationError::NotAnAuthorizedCardOrder);
    }
    Ok(())
}
