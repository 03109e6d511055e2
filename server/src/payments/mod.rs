//! The merchant's payment operations on an order, one file per gateway
//! function: 売上確定 by slip number (E01) and its withdrawal (E02), 再与信
//! (A11, also to undo a 取消), 取消 (A06), 金額変更 (A07) and the status sync
//! (E04). Each runs under the order's lease ([`lease`]), is recorded in the
//! order's API operation history with who made it ([`journal`]), and leaves
//! the order as the gateway answered.

mod amount_a07;
mod cancel_a06;
mod error;
mod journal;
mod lease;
mod order_ref;
mod reauth_a11;
mod ship_e01;
mod shipping_notice;
mod sync_e04;
mod withdraw_e02;

pub use amount_a07::change_amount;
pub use cancel_a06::cancel;
pub use error::OperationError;
pub use order_ref::{find, OrderRef};
pub use reauth_a11::{reauthorize, reauthorize_in_bulk, undo_cancel};
pub use ship_e01::{register_slip, register_slip_in_bulk};
pub use shipping_notice::send_shipping_notice;
pub use sync_e04::sync;
pub use withdraw_e02::withdraw_slip;
