//! 売上確定一括処理 (issue 23) as the admin API has it: the slip-number
//! CSV read and checked against the orders, row by row, with what will
//! happen to each (`POST /api/admin/slips/preview`).

use serde::{Deserialize, Serialize};

use super::Text;
use crate::merchant::Carrier;
use crate::wire::wire_enum;

wire_enum! {
    /// Why a row of the file will not be sent to the gateway.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum SlipSkip {
        /// The row has no 注文番号.
        NoOrder => "no_order",
        /// The row has no 問い合わせ番号.
        NoSlip => "no_slip",
        /// A Yamato slip that fails the check digit (or is not 12 digits).
        BadCheckDigit => "bad_check_digit",
        /// 配送サービス is neither ヤマト運輸 nor その他.
        UnknownCarrier => "unknown_carrier",
        /// The order came earlier in the file.
        Duplicate => "duplicate",
        /// No order has this 注文番号 or 受付番号.
        UnknownOrder => "unknown_order",
        /// The order was not paid by card (売上確定 is the card's).
        NotCard => "not_card",
        /// The order's sale is confirmed already (a slip is registered).
        AlreadyConfirmed => "already_confirmed",
        /// The order's card payment is not held (cancelled, not authorized,
        /// or its outcome still unknown).
        NotAuthorized => "not_authorized",
    }
}

wire_enum! {
    /// How the file's bytes were read.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum SlipFileEncoding {
        /// UTF-8.
        Utf8 => "utf8",
        /// Shift_JIS (CP932).
        ShiftJis => "shift_jis",
    }
}

wire_enum! {
    /// Which kind of file it was.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum SlipFileLayout {
        /// Order, slip (and 配送サービス), without a header row.
        Plain => "plain",
        /// The same with a header row.
        PlainWithHeader => "plain_with_header",
        /// B2クラウド's issued-slip export (お客様管理番号, 伝票番号).
        B2Cloud => "b2cloud",
    }
}

/// One row of the file and what will happen to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipPreviewRow {
    /// Its line in the file (1 for the first).
    pub line: u32,
    /// 注文番号 or 受付番号 as written.
    pub order: String,
    /// Our 注文番号, when the order was found.
    pub order_number: Option<String>,
    /// 問い合わせ番号 as it will be sent (Yamato's without hyphens).
    pub slip: Option<String>,
    /// 配送サービス (the row's own, else the file's).
    pub carrier: Option<Carrier>,
    /// Why it will not be sent; none: its E01 will be sent.
    pub skip: Option<SlipSkip>,
    /// The reason in words, naming the rule (with the earlier line of a
    /// duplicate, the slip of an order already confirmed).
    pub reason: Option<Text>,
}

/// The file read and checked: every row, in file order, none dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipPreview {
    /// How its bytes were read.
    pub encoding: SlipFileEncoding,
    /// Which kind of file it was.
    pub layout: SlipFileLayout,
    /// Rows whose E01 will be sent.
    pub to_send: u32,
    /// Rows that will not, each with its reason.
    pub skipped: u32,
    /// Every row.
    pub rows: Vec<SlipPreviewRow>,
}

wire_enum! {
    /// Where a row of a run stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum SlipRowStatus {
        /// Its E01 is still to be sent.
        Pending => "pending",
        /// The gateway registered the slip: the sale is confirmed.
        Ok => "ok",
        /// Sent but refused (with Yamato's code), or no longer eligible when
        /// its turn came, or interrupted.
        Failed => "failed",
        /// Not sent: the file or the order said why when the run started.
        Skipped => "skipped",
    }
}

impl SlipRowStatus {
    /// Where it stands, as merchants read it.
    pub fn label(self) -> &'static str {
        match self {
            SlipRowStatus::Pending => "未処理",
            SlipRowStatus::Ok => "売上確定",
            SlipRowStatus::Failed => "失敗",
            SlipRowStatus::Skipped => "対象外",
        }
    }
}

/// One row of a run and its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipRunRow {
    /// Its line in the file.
    pub line: u32,
    /// 注文番号 or 受付番号 as written.
    pub order: String,
    /// Our 注文番号, when the order was found.
    pub order_number: Option<String>,
    /// 問い合わせ番号 as sent.
    pub slip: Option<String>,
    /// 配送サービス.
    pub carrier: Option<Carrier>,
    /// Where it stands.
    pub status: SlipRowStatus,
    /// Why it was skipped.
    pub skip: Option<SlipSkip>,
    /// Why it failed or was skipped, in words (with Yamato's code).
    pub message: Option<Text>,
}

/// A run over a slip file: the job's progress and counts, and every row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipRun {
    /// The job (its `failed` counts the skipped rows too).
    #[serde(flatten)]
    pub job: super::admin::Job,
    /// Every row of the file, in file order.
    pub rows: Vec<SlipRunRow>,
}
