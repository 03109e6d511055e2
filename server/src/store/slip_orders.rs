//! Orders as 売上確定一括処理 finds them: by 注文番号 or 受付番号, many at
//! once (a day's file has thousands of rows).

use crate::store::Pool;

/// An order as the slip file's preview checks it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SlipOrder {
    /// 注文番号.
    pub order_number: String,
    /// 受付番号.
    pub receipt_no: String,
    /// Our status, as stored.
    pub status: String,
    /// statusInfo as last seen.
    pub gateway_status: Option<i64>,
    /// 問い合わせ番号, once registered.
    pub slip_no: Option<String>,
    /// `card` or `bank_transfer`.
    pub payment_method: String,
}

/// How many references one query asks for (well under either engine's
/// limit on bound values, each bound once).
const CHUNK: usize = 500;

/// The orders whose 注文番号 or 受付番号 is one of `refs`.
pub async fn by_reference(pool: &Pool, refs: &[&str]) -> Result<Vec<SlipOrder>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in refs.chunks(CHUNK) {
        let marks = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT order_number, receipt_no, status, gateway_status, slip_no, payment_method FROM orders
             WHERE order_number IN ({marks}) OR receipt_no IN ({marks})"
        );
        let mut query = sqlx::query_as::<_, SlipOrder>(&sql);
        for reference in chunk {
            query = query.bind(*reference);
        }
        found.extend(query.fetch_all(pool).await?);
    }
    Ok(found)
}
