//! 売上確定一括処理 (issue 23): the slip-number CSV checked against the
//! orders before anything is sent. Every row of the file comes back, in
//! file order: its E01 to send, or why not (what the file itself gets wrong,
//! an unknown order, one not paid by card, one confirmed already, one whose
//! payment is not held, the same order twice).

use std::collections::HashMap;

use zerostep_domain::api::admin::JobKind;
use zerostep_domain::api::slips::{
    SlipFileEncoding, SlipFileLayout, SlipPreview, SlipPreviewRow, SlipRowStatus, SlipRun,
    SlipRunRow, SlipSkip,
};
use zerostep_domain::api::Text;
use zerostep_domain::checkout::PaymentMethodCode;
use zerostep_domain::merchant::Carrier;
use zerostep_domain::order::status::parse_stored;
use zerostep_domain::order::{GatewayStatus, OrderStatus};
use zerostep_domain::slip_csv::{Layout, RowError, RowProblem, SlipFile, SlipRow, TextEncoding};

use crate::error::ApiError;
use crate::payments::{self, OperationError};
use crate::services::Services;
use crate::store::bulk_jobs::{self, ClaimedItem};
use crate::store::slip_orders::{self, RunRow, SlipOrder};
use crate::store::Pool;

/// Checks every row of `file` against the orders.
pub async fn preview(pool: &Pool, file: SlipFile) -> Result<SlipPreview, ApiError> {
    let refs: Vec<&str> = file.rows.iter().map(|r| r.order.as_str()).collect();
    let orders = slip_orders::by_reference(pool, &refs).await?;
    // Each order under both its numbers.
    let mut by_ref: HashMap<&str, &SlipOrder> = HashMap::with_capacity(orders.len() * 2);
    for order in &orders {
        by_ref.insert(order.order_number.as_str(), order);
        by_ref.insert(order.receipt_no.as_str(), order);
    }
    let mut rows: Vec<SlipPreviewRow> = file.errors.iter().map(unreadable).collect();
    // The same order named twice (by 注文番号 once and 受付番号 once): the
    // first row is the one processed.
    let mut first_line: HashMap<&str, u32> = HashMap::new();
    for row in &file.rows {
        let order = by_ref.get(row.order.as_str()).copied();
        let mut checked = checked(row, order)?;
        if let Some(order) = order {
            match first_line.get(order.order_number.as_str()) {
                Some(&first) => {
                    checked.skip = Some(SlipSkip::Duplicate);
                    checked.reason = Some(crate::messages::slip_duplicate(first));
                }
                None => {
                    first_line.insert(order.order_number.as_str(), checked.line);
                }
            }
        }
        rows.push(checked);
    }
    rows.sort_by_key(|r| r.line);
    let to_send = rows.iter().filter(|r| r.skip.is_none()).count();
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(SlipPreview {
        encoding: match file.encoding {
            TextEncoding::Utf8 => SlipFileEncoding::Utf8,
            TextEncoding::ShiftJis => SlipFileEncoding::ShiftJis,
        },
        layout: match file.layout {
            Layout::Plain { header: false } => SlipFileLayout::Plain,
            Layout::Plain { header: true } => SlipFileLayout::PlainWithHeader,
            Layout::B2Cloud => SlipFileLayout::B2Cloud,
        },
        to_send: count(to_send),
        skipped: count(rows.len() - to_send),
        rows,
    })
}

/// A row that reads, checked against its order (none: unknown).
fn checked(row: &SlipRow, order: Option<&SlipOrder>) -> Result<SlipPreviewRow, ApiError> {
    let mut out = SlipPreviewRow {
        line: line(row.line),
        order: row.order.clone(),
        order_number: order.map(|o| o.order_number.clone()),
        slip: Some(row.slip.as_ref().to_owned()),
        carrier: Some(row.carrier),
        skip: None,
        reason: None,
    };
    let (skip, reason) = match order {
        None => (
            SlipSkip::UnknownOrder,
            crate::messages::slip_unknown_order(&row.order),
        ),
        Some(order) => match why_not(order)? {
            None => return Ok(out),
            Some(why) => why,
        },
    };
    out.skip = Some(skip);
    out.reason = Some(reason);
    Ok(out)
}

/// Why an order's sale cannot be confirmed now, if it cannot.
fn why_not(order: &SlipOrder) -> Result<Option<(SlipSkip, Text)>, ApiError> {
    if order.payment_method != PaymentMethodCode::Card.as_str() {
        return Ok(Some((SlipSkip::NotCard, crate::messages::slip_not_card())));
    }
    if let Some(slip) = &order.slip_no {
        return Ok(Some((
            SlipSkip::AlreadyConfirmed,
            crate::messages::slip_already_confirmed(slip),
        )));
    }
    let (status, gateway) =
        parse_stored(&order.status, order.gateway_status).map_err(ApiError::internal)?;
    if status != OrderStatus::Authorized || gateway != Some(GatewayStatus::Authorized) {
        return Ok(Some((
            SlipSkip::NotAuthorized,
            crate::messages::slip_not_authorized(),
        )));
    }
    Ok(None)
}

/// A row that does not read, with why.
fn unreadable(e: &RowError) -> SlipPreviewRow {
    let (skip, reason) = match &e.problem {
        RowProblem::NoOrder => (SlipSkip::NoOrder, crate::messages::slip_no_order()),
        RowProblem::NoSlip => (SlipSkip::NoSlip, crate::messages::slip_no_slip()),
        RowProblem::BadCheckDigit => (
            SlipSkip::BadCheckDigit,
            crate::messages::slip_bad_check_digit(),
        ),
        RowProblem::UnknownCarrier(text) => (
            SlipSkip::UnknownCarrier,
            crate::messages::slip_unknown_carrier(text),
        ),
        RowProblem::Duplicate { first_line } => (
            SlipSkip::Duplicate,
            crate::messages::slip_duplicate(line(*first_line)),
        ),
    };
    SlipPreviewRow {
        line: line(e.line),
        order: e.order.clone(),
        order_number: None,
        slip: None,
        carrier: None,
        skip: Some(skip),
        reason: Some(reason),
    }
}

/// A line number as the API writes it.
fn line(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Records a run over the rows of `preview` for the merchant `login`, each
/// row to send an item and each other row kept with why, and starts it in
/// the background; returns the job's id at once.
pub async fn start(state: &Services, login: &str, preview: &SlipPreview) -> Result<i64, ApiError> {
    let rows: Vec<RunRow<'_>> = preview
        .rows
        .iter()
        .map(|r| RunRow {
            line: i64::from(r.line),
            order_ref: &r.order,
            order_number: r.order_number.as_deref(),
            slip_no: r.slip.as_deref(),
            carrier: r.carrier.map(Carrier::as_str),
            skip: r.skip.map(|skip| {
                let reason = r.reason.as_ref().map(serde_json::to_string);
                (
                    skip.as_str(),
                    reason.and_then(Result::ok).unwrap_or_default(),
                )
            }),
        })
        .collect();
    let job_id = slip_orders::create_run(&state.pool, login, &state.run_id, &rows).await?;
    let (task_state, actor) = (state.clone(), login.to_owned());
    tokio::spawn(async move { super::run(task_state, job_id, actor).await });
    Ok(job_id)
}

/// Registers a claimed item's slip (E01) with the 配送サービス its row gave.
pub(super) async fn confirm(
    state: &Services,
    order: &payments::OrderRef,
    item: &ClaimedItem,
    actor: &str,
) -> Result<(), OperationError> {
    let carrier = item
        .carrier
        .as_deref()
        .and_then(Carrier::from_wire)
        .ok_or_else(|| OperationError::internal("a slip item without its carrier"))?;
    let slip = item
        .slip_no
        .as_deref()
        .ok_or_else(|| OperationError::internal("a slip item without its slip"))?;
    payments::register_slip_in_bulk(state, order, slip, carrier, actor).await
}

/// A run with every row, in file order; `None` when there is no such run.
pub async fn run_of(pool: &Pool, job_id: i64) -> Result<Option<SlipRun>, ApiError> {
    let Some(job) = bulk_jobs::job(pool, job_id)
        .await?
        .filter(|j| j.kind == JobKind::Slips)
    else {
        return Ok(None);
    };
    let rows = slip_orders::run_rows(pool, job_id)
        .await?
        .into_iter()
        .map(
            |(line, order, order_number, slip, carrier, status, skip, message)| SlipRunRow {
                line: u32::try_from(line).unwrap_or_default(),
                order,
                order_number,
                slip,
                carrier: carrier.as_deref().and_then(Carrier::from_wire),
                status: SlipRowStatus::from_wire(&status).unwrap_or(SlipRowStatus::Failed),
                skip: skip.as_deref().and_then(SlipSkip::from_wire),
                message: message.as_deref().map(bulk_jobs::stored_text),
            },
        )
        .collect();
    Ok(Some(SlipRun { job, rows }))
}
