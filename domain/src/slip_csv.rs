//! The slip-number CSV of 売上確定一括処理 (issue 23): a merchant's file of
//! 注文番号 (or 受付番号) and 問い合わせ番号, read into rows with what is
//! wrong with each, by line number. Nothing is dropped: a row either reads
//! or is reported, and one bad row never stops the others.
//!
//! Accepted:
//! - a plain file of two columns (order, slip), with an optional third
//!   (配送サービス: ヤマト運輸 / その他, or `00` / `99`), with or without a
//!   header row;
//! - the issued-slip export of Yamato's B2クラウド: a header row naming
//!   お客様管理番号 (our 注文番号, as the merchant printed it on the label)
//!   and 伝票番号 among many columns, found by their names;
//!
//! in UTF-8 (with or without a byte-order mark) or Shift_JIS (CP932).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::merchant::{yamato_check_digit_ok, Carrier, SlipNo};

/// The largest file read: 2 MiB.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// The most rows read from one file.
pub const MAX_ROWS: usize = 10_000;

/// How the file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8.
    Utf8,
    /// Shift_JIS (CP932).
    ShiftJis,
}

/// Which kind of file it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Order, slip (and 配送サービス), in that order.
    Plain {
        /// The first row named the columns.
        header: bool,
    },
    /// B2クラウド's export: お客様管理番号 and 伝票番号 found by name.
    B2Cloud,
}

/// A row that reads: what to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipRow {
    /// The row's line in the file (1 for the first).
    pub line: usize,
    /// 注文番号 or 受付番号, as written (trimmed).
    pub order: String,
    /// 問い合わせ番号, ready for E01.
    pub slip: SlipNo,
    /// 配送サービス: the row's own, else the file's.
    pub carrier: Carrier,
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The row has no 注文番号.
    NoOrder,
    /// The row has no 問い合わせ番号.
    NoSlip,
    /// A Yamato slip that is not 12 digits whose last is the first
    /// eleven's remainder by 7.
    BadCheckDigit,
    /// 配送サービス is neither ヤマト運輸 nor その他.
    UnknownCarrier(String),
    /// The order is in the file already, at this line.
    Duplicate {
        /// Where it came first.
        first_line: usize,
    },
}

/// A row that does not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row's line in the file.
    pub line: usize,
    /// 注文番号 as written, where there is one.
    pub order: String,
    /// Why.
    pub problem: RowProblem,
}

/// Why the file as a whole cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// More than [`MAX_BYTES`].
    TooLarge,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
    /// Neither UTF-8 nor Shift_JIS text.
    NotText,
    /// No row at all.
    Empty,
    /// Not CSV (a quote left open), at this line.
    Malformed {
        /// Where.
        line: usize,
    },
    /// A header row without the columns it needs (B2クラウド: お客様管理番号
    /// and 伝票番号).
    MissingColumns,
}

/// The file read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipFile {
    /// How its bytes were read.
    pub encoding: TextEncoding,
    /// Which kind of file it was.
    pub layout: Layout,
    /// The rows that read, in file order.
    pub rows: Vec<SlipRow>,
    /// The rows that do not, in file order.
    pub errors: Vec<RowError>,
}

/// Header names of the order column (ours, and B2クラウド's).
const ORDER_HEADERS: [&str; 3] = ["注文番号", "受付番号", "お客様管理番号"];
/// Header names of the slip column.
const SLIP_HEADERS: [&str; 4] = ["問い合わせ番号", "問合せ番号", "伝票番号", "送り状番号"];
/// Header names of the carrier column.
const CARRIER_HEADERS: [&str; 1] = ["配送サービス"];

/// Reads `bytes`; rows without their own 配送サービス are `carrier`'s.
pub fn read(bytes: &[u8], carrier: Carrier) -> Result<SlipFile, FileError> {
    if bytes.len() > MAX_BYTES {
        return Err(FileError::TooLarge);
    }
    let (text, encoding) = decode(bytes)?;
    let records = records(&text)?;
    let Some((_, first)) = records.first() else {
        return Err(FileError::Empty);
    };
    let named = |names: &[&str]| first.iter().position(|cell| names.contains(&cell.trim()));
    let (order_column, slip_column) = (named(&ORDER_HEADERS), named(&SLIP_HEADERS));
    let header = order_column.is_some() || slip_column.is_some();
    let (layout, columns) = match (order_column, slip_column) {
        (None, None) => (Layout::Plain { header: false }, (0, 1, Some(2))),
        (Some(order), Some(slip)) => {
            let b2 = first.iter().any(|c| c.trim() == "お客様管理番号");
            let layout = if b2 {
                Layout::B2Cloud
            } else {
                Layout::Plain { header: true }
            };
            (layout, (order, slip, named(&CARRIER_HEADERS)))
        }
        _ => return Err(FileError::MissingColumns),
    };
    let body = &records[usize::from(header)..];
    if body.len() > MAX_ROWS {
        return Err(FileError::TooManyRows);
    }
    let mut file = SlipFile {
        encoding,
        layout,
        rows: Vec::new(),
        errors: Vec::new(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, cells) in body {
        let cell = |i: usize| cells.get(i).map_or("", |c| c.trim());
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line holds nothing to report
        }
        let order = cell(columns.0).to_owned();
        let problem = row_problem(&order, cell(columns.1), columns.2.map(cell), carrier);
        let duplicate = seen.get(&order).copied();
        match (problem, duplicate) {
            (Err(problem), _) => file.errors.push(RowError {
                line: *line,
                order,
                problem,
            }),
            (Ok(_), Some(first_line)) => file.errors.push(RowError {
                line: *line,
                order,
                problem: RowProblem::Duplicate { first_line },
            }),
            (Ok((slip, carrier)), None) => {
                seen.insert(order.clone(), *line);
                file.rows.push(SlipRow {
                    line: *line,
                    order,
                    slip,
                    carrier,
                });
            }
        }
    }
    Ok(file)
}

/// The row's slip and carrier, or what is wrong with it.
fn row_problem(
    order: &str,
    slip: &str,
    carrier_cell: Option<&str>,
    default: Carrier,
) -> Result<(SlipNo, Carrier), RowProblem> {
    if order.is_empty() {
        return Err(RowProblem::NoOrder);
    }
    let carrier = match carrier_cell.unwrap_or("") {
        "" => default,
        "ヤマト運輸" | "00" => Carrier::Yamato,
        "その他" | "99" => Carrier::Other,
        other => return Err(RowProblem::UnknownCarrier(other.to_owned())),
    };
    let slip = SlipNo::parse(slip, carrier).map_err(|_| RowProblem::NoSlip)?;
    if carrier == Carrier::Yamato && !yamato_check_digit_ok(slip.as_ref()) {
        return Err(RowProblem::BadCheckDigit);
    }
    Ok((slip, carrier))
}

/// The text of `bytes`: UTF-8 (a byte-order mark dropped) when it is
/// valid UTF-8, else Shift_JIS when that decodes without a fault.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), FileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), TextEncoding::Utf8));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(FileError::NotText);
    }
    Ok((text, TextEncoding::ShiftJis))
}

/// The records of `text` (RFC 4180: a field in double quotes may hold
/// commas, line breaks and doubled quotes; lines end in CRLF, LF or CR),
/// each with the line it starts on. A blank line is a record of one empty
/// field.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, FileError> {
    let mut out = Vec::new();
    let (mut fields, mut field) = (Vec::new(), String::new());
    let (mut line, mut start) = (1, 1);
    // Inside a quoted field; at the start of a field (where a quote opens one).
    let (mut quoted, mut fresh) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' | '\r' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if fresh => {
                quoted = true;
                fresh = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                fresh = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                out.push((start, std::mem::take(&mut fields)));
                if out.len() > MAX_ROWS + 1 {
                    return Err(FileError::TooManyRows);
                }
                line += 1;
                start = line;
                fresh = true;
            }
            _ => {
                field.push(c);
                fresh = false;
            }
        }
    }
    if quoted {
        return Err(FileError::Malformed { line: start });
    }
    if !fresh || !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start, fields));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
