//! Mail: サンクスメール to the buyer and 受注通知メール to the shop, and the
//! 配送通知メール with the slip number, in Japanese, built with lettre and
//! kept in the outbox (a table, plus an `.eml` file per message under the
//! outbox folder) for delivery.
//!
//! - [`compose`]: building the messages;
//! - [`queue`]: queueing them in the outbox, once;
//! - [`files`]: the `.eml` copies;
//! - [`smtp`]: delivery through a relay.

pub mod compose;
pub mod files;
pub mod queue;
pub mod smtp;
pub mod texts;

pub use compose::{
    prepare_not_completed_mails, prepare_order_mails, MailFiles, OrderMail, PreparedMails,
};
pub use files::write_files;
pub use queue::{queue_order_mails, queue_shipping_notice};
pub use smtp::deliver_pending;
pub use texts::MailTexts;
