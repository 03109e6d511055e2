//! The order path's writes on SQLite, each transaction run in one
//! synchronous call on the writer's thread (see [`crate::store::Writer`]).
//! They run the same SQL, with the same `$1`, `$2`… parameters, as the
//! pooled versions in `store::order_path` and `store::outbox`, which PostgreSQL uses.

use rusqlite::{CachedStatement, Connection, ToSql, TransactionBehavior};
use zerostep_domain::order::OrderStatus;

use crate::store::gateway_operations::INSERT_OP;
use crate::store::order_path::{
    new_receipt_no, order_number, transition_sql, Completion, NewOrder, WrittenOrder,
    CLAIM_ATTEMPT, CLAIM_KEY, FORGET_ATTEMPT, INSERT_ORDER, SET_KEY_ORDER, SET_ORDER_NUMBER,
    STORE_REPLY,
};
use crate::store::outbox::{CLAIM_MAILS, INSERT_OUTBOX};

/// `sql`, prepared once per connection, with `values` bound to `$1`, `$2`…
/// by name, as sqlx binds them (a parameter may appear more than once).
fn statement<'c>(
    conn: &'c Connection,
    sql: &str,
    values: &[&dyn ToSql],
) -> rusqlite::Result<CachedStatement<'c>> {
    let mut stmt = conn.prepare_cached(sql)?;
    for (i, value) in values.iter().enumerate() {
        if let Some(index) = stmt.parameter_index(&format!("${}", i + 1))? {
            stmt.raw_bind_parameter(index, value)?;
        }
    }
    Ok(stmt)
}

/// Runs a statement that returns no rows; how many rows it changed.
fn execute(conn: &Connection, sql: &str, values: &[&dyn ToSql]) -> rusqlite::Result<usize> {
    statement(conn, sql, values)?.raw_execute()
}

/// Runs a statement that returns at most one integer (`RETURNING id`).
fn query_id(conn: &Connection, sql: &str, values: &[&dyn ToSql]) -> rusqlite::Result<Option<i64>> {
    let mut stmt = statement(conn, sql, values)?;
    let mut rows = stmt.raw_query();
    match rows.next()? {
        Some(row) => Ok(Some(row.get(0)?)),
        None => Ok(None),
    }
}

/// Claims an idempotency key; false when it was claimed already.
pub fn claim_key(
    conn: &mut Connection,
    key: &str,
    hash: &str,
    now: &str,
    run_id: &str,
    session: &str,
) -> rusqlite::Result<bool> {
    Ok(execute(conn, CLAIM_KEY, &[&key, &hash, &now, &run_id, &session])? == 1)
}

/// Stores the answer given under an idempotency key.
pub fn store_reply(
    conn: &mut Connection,
    key: &str,
    status: i64,
    body: &str,
) -> rusqlite::Result<()> {
    execute(conn, STORE_REPLY, &[&status, &body, &key]).map(|_| ())
}

/// Writes the order row (after claiming its card attempt) in one
/// transaction whose commit is synced to disk (`synchronous = FULL` for it).
/// `None`: the attempt is over the card-testing limit, and nothing was written.
pub fn write_order(
    conn: &mut Connection,
    row: &NewOrder,
) -> rusqlite::Result<Option<WrittenOrder>> {
    conn.pragma_update(None, "synchronous", "FULL")?;
    let written = write_order_row(conn, row);
    if let Err(err) = conn.pragma_update(None, "synchronous", "NORMAL") {
        tracing::warn!(%err, "synchronous could not be reset after the order row");
    }
    written
}

fn write_order_row(
    conn: &mut Connection,
    row: &NewOrder,
) -> rusqlite::Result<Option<WrittenOrder>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let attempt_id = match &row.attempt {
        Some(claim) => {
            let now = crate::store::time::now();
            match query_id(
                &tx,
                CLAIM_ATTEMPT,
                &[
                    &claim.ip,
                    &claim.email,
                    &claim.session,
                    &now,
                    &claim.since,
                    &claim.limit,
                ],
            )? {
                Some(id) => Some(id),
                // Dropping the transaction rolls it back.
                None => return Ok(None),
            }
        }
        None => None,
    };
    let receipt_no = new_receipt_no();
    let now = crate::store::time::now();
    let order_id = query_id(
        &tx,
        INSERT_ORDER,
        &[
            &receipt_no,
            &receipt_no,
            &row.status.as_str(),
            &row.method,
            &row.pay_way,
            &row.total,
            &row.quote_json,
            &row.buyer_json,
            &row.recipient_json,
            &row.delivery_json,
            &row.device_div,
            &now,
            &now,
            &row.payment_name,
            &row.client_ip,
            &row.search_text,
        ],
    )?
    .ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let order_number = order_number(order_id);
    execute(&tx, SET_ORDER_NUMBER, &[&order_number, &order_id])?;
    // A withdrawn key: the transaction rolls back, before any A08.
    if execute(&tx, SET_KEY_ORDER, &[&order_id, &row.idempotency_key])? != 1 {
        return Err(rusqlite::Error::QueryReturnedNoRows);
    }
    tx.commit()?;
    Ok(Some(WrittenOrder {
        attempt_id,
        receipt_no,
        order_id,
        order_number,
    }))
}

/// After an approved A08, in one transaction: the operation log, 与信完了,
/// forgetting the card attempt, the order's mails and the stored answer.
pub fn write_completion(conn: &mut Connection, c: Completion) -> Result<Option<Vec<i64>>, String> {
    let e = |err: rusqlite::Error| err.to_string();
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(e)?;
    let now = crate::store::time::now();
    let none: Option<&str> = None;
    execute(
        &tx,
        INSERT_OP,
        &[
            &c.order_id,
            &"A08",
            &"ok",
            &none,
            &none,
            &none,
            &now,
            &"system",
        ],
    )
    .map_err(e)?;
    let crd = Some(c.crd_c_res_cd.as_str());
    execute(
        &tx,
        &transition_sql(1),
        &[
            &OrderStatus::Authorized.as_str(),
            &crd,
            &none,
            &none,
            &now,
            &c.order_id,
            &OrderStatus::Authorizing.as_str(),
        ],
    )
    .map_err(e)?;
    if let Some(id) = c.attempt_id {
        execute(&tx, FORGET_ATTEMPT, &[&id]).map_err(e)?;
    }
    let ids = if execute(&tx, CLAIM_MAILS, &[&c.order_id]).map_err(e)? == 1 {
        let created = crate::store::now_text();
        let mut ids = Vec::new();
        for row in &c.mails {
            let id = query_id(
                &tx,
                INSERT_OUTBOX,
                &[
                    &c.order_id,
                    &row.kind,
                    &row.to,
                    &row.subject,
                    &row.body,
                    &created,
                ],
            )
            .map_err(|err| format!("{}: {err}", row.kind))?
            .ok_or_else(|| format!("{}: no outbox id", row.kind))?;
            ids.push(id);
        }
        Some(ids)
    } else {
        None
    };
    execute(
        &tx,
        STORE_REPLY,
        &[
            &i64::from(c.reply.status),
            &c.reply.body,
            &c.idempotency_key,
        ],
    )
    .map_err(e)?;
    tx.commit().map_err(e)?;
    Ok(ids)
}
