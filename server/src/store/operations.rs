//! The API operation history (`gateway_operations`): one row per call to the
//! gateway about an order, with its outcome and who made it.

/// One line of the API operation history.
pub struct OpLog<'a> {
    /// The order.
    pub order_id: i64,
    /// `A08`, `E01`, ….
    pub function_div: &'a str,
    /// `ok`, `error` or `unknown`.
    pub outcome: &'a str,
    /// The gateway's error code.
    pub code: Option<&'a str>,
    /// The card network's code.
    pub credit: Option<&'a str>,
    /// Anything else worth keeping.
    pub detail: Option<&'a str>,
    /// `system`, or the admin's login.
    pub actor: &'a str,
}

/// The statement that appends to the operation history.
pub const INSERT_OP: &str = "INSERT INTO gateway_operations (order_id, function_div, outcome, error_code, credit_error_code, detail, at, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

/// Appends to the operation history; a failure is logged.
pub async fn record_op<'e>(executor: impl sqlx::AnyExecutor<'e>, op: &OpLog<'_>) {
    let result = sqlx::query(INSERT_OP)
        .bind(op.order_id)
        .bind(op.function_div)
        .bind(op.outcome)
        .bind(op.code)
        .bind(op.credit)
        .bind(op.detail)
        .bind(crate::store::time::now())
        .bind(op.actor)
        .execute(executor)
        .await;
    if let Err(err) = result {
        tracing::error!(%err, order_id = op.order_id, "could not log a gateway operation");
    }
}
