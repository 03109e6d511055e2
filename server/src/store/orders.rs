//! Reading and changing orders outside the order path (`orders`): what the
//! admin, the mails, the reconcilers and the merchant's operations read and
//! record. The order path's own statements are in `order_path`.

use zerostep_domain::order::payment_status::GATEWAY_STATUSES_WITH_A_NAME;
use zerostep_domain::order::{GatewayStatus, OrderStatus, PaymentStatus};

use crate::store::Pool;

/// An order's 注文番号 and buyer (as stored JSON).
pub async fn number_and_buyer(pool: &Pool, order_id: i64) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT order_number, buyer_json FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(pool)
        .await
}

/// An order's status as stored.
pub async fn status(pool: &Pool, order_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
        .bind(order_id)
        .fetch_one(pool)
        .await
}

/// What the mails of an order are built from.
#[derive(Debug, sqlx::FromRow)]
pub struct UnmailedRow {
    /// 注文番号.
    pub order_number: String,
    /// The quote (stored JSON).
    pub quote_json: String,
    /// The buyer (stored JSON).
    pub buyer_json: String,
    /// The recipient, when not the buyer (stored JSON).
    pub recipient_json: Option<String>,
    /// Delivery method, date and slot (stored JSON).
    pub delivery_json: String,
    /// Payment method code.
    pub payment_method: String,
    /// The method's name as the order was placed with it (none on older orders).
    pub payment_name: Option<String>,
}

/// What the mails of a complete order are built from, while they are not queued.
pub async fn unmailed(pool: &Pool, order_id: i64) -> Result<Option<UnmailedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT order_number, quote_json, buyer_json, recipient_json, delivery_json, payment_method, payment_name
         FROM orders WHERE id = $1 AND mails_queued = 0",
    )
    .bind(order_id)
    .fetch_optional(pool)
    .await
}

/// What an order's answer is rebuilt from: 注文番号, status, payment method,
/// total, buyer (stored JSON), Yamato's and the card company's error codes.
#[allow(clippy::type_complexity)]
pub async fn answer_fields(
    pool: &Pool,
    order_id: i64,
) -> Result<
    (
        String,
        String,
        String,
        i64,
        String,
        Option<String>,
        Option<String>,
    ),
    sqlx::Error,
> {
    sqlx::query_as(
        "SELECT order_number, status, payment_method, total, buyer_json, error_code, credit_error_code FROM orders WHERE id = $1",
    )
    .bind(order_id)
    .fetch_one(pool)
    .await
}

/// Orders whose A08 outcome is unsettled: pending review, or still
/// authorizing since before `stale`, but not while the shopper is in a 3-D
/// Secure authentication (the reconciler closes those that are abandoned,
/// [`crate::store::three_d_sessions::pending_before`]). Each with its 受付番号, whether it was
/// created before `settled_before` (1 or 0), its `updated_at`, and whether
/// the shopper was told 確認中 (1 or 0).
pub async fn unsettled(
    pool: &Pool,
    settled_before: &str,
    stale: &str,
) -> Result<Vec<(i64, String, i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, receipt_no, CASE WHEN created_at < $1 THEN 1 ELSE 0 END, updated_at,
                CASE WHEN status = $3 THEN 1 ELSE 0 END FROM orders
         WHERE (status = $3 OR (status = $4 AND updated_at < $2))
           AND NOT EXISTS (SELECT 1 FROM three_d_sessions s WHERE s.order_id = orders.id AND s.state = 'pending')
         ORDER BY id LIMIT 100",
    )
    .bind(settled_before)
    .bind(stale)
    .bind(OrderStatus::PendingReview.as_str())
    .bind(OrderStatus::Authorizing.as_str())
    .fetch_all(pool)
    .await
}

/// Complete orders, unchanged since before `stale`, whose mails were never queued.
pub async fn complete_without_mails(pool: &Pool, stale: &str) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM orders WHERE status IN ($2, $3) AND mails_queued = 0 AND updated_at < $1 ORDER BY id LIMIT 100",
    )
    .bind(stale)
    .bind(OrderStatus::Authorized.as_str())
    .bind(OrderStatus::Accepted.as_str())
    .fetch_all(pool)
    .await
}

/// 注文番号 of card orders awaiting settlement (精算確定待ち), 200 at a time.
pub async fn awaiting_settlement(pool: &Pool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT order_number FROM orders WHERE status = $1 AND gateway_status = $2 ORDER BY id LIMIT 200")
        .bind(OrderStatus::Authorized.as_str())
        .bind(GatewayStatus::AwaitingSettlement.column())
        .fetch_all(pool)
        .await
}

/// Orders with an operation unsettled since before `before` (id, 注文番号,
/// `updated_at`): those never asked with E04 first, then the least recently
/// asked, 100 at a time.
pub async fn with_lost_operations(
    pool: &Pool,
    before: &str,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.order_number, o.updated_at FROM gateway_operations g JOIN orders o ON o.id = g.order_id
         WHERE g.settled = 0 AND g.at < $1 GROUP BY o.id
         ORDER BY (SELECT MAX(e.id) FROM gateway_operations e WHERE e.order_id = o.id AND e.function_div = 'E04') NULLS FIRST, o.id
         LIMIT 100",
    )
    .bind(before)
    .fetch_all(pool)
    .await
}

/// A row of the order list: 注文番号, 受付番号, time, buyer (JSON), total,
/// payment method, status, gateway status.
pub type ListRow = (
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    String,
    Option<i64>,
);

/// An order's detail as stored.
#[derive(sqlx::FromRow)]
pub struct DetailRow {
    pub id: i64,
    pub order_number: String,
    pub receipt_no: String,
    pub status: String,
    pub payment_method: String,
    /// The method's name when the order was placed (none on older orders).
    pub payment_name: Option<String>,
    /// 支払回数 (card orders).
    pub pay_way: Option<i64>,
    pub total: i64,
    pub crd_c_res_cd: Option<String>,
    pub slip_no: Option<String>,
    pub last_reauth_at: Option<String>,
    pub authorized_at: Option<String>,
    pub quote_json: String,
    pub buyer_json: String,
    pub recipient_json: Option<String>,
    pub delivery_json: String,
    pub gateway_status: Option<i64>,
}

/// What the order list is filtered by.
pub struct OrderListFilter<'a> {
    /// A `LIKE` pattern on 注文番号 and 受付番号 (without hyphens, in lower
    /// case) and on what the buyer is found by, all as `search::normalize`
    /// writes them.
    pub like: Option<&'a str>,
    /// One payment method's code.
    pub payment_method: Option<&'a str>,
    /// One payment status.
    pub payment_status: Option<PaymentStatus>,
    /// Ordered at or after this stored time.
    pub from: Option<String>,
    /// Ordered before this stored time.
    pub to: Option<String>,
}

/// The 500 newest orders the filter selects; a declined or failed card
/// attempt is not an order (与信が通った場合に注文が確定) and is not listed
/// (see [`payment_errors`]). A payment status is a
/// condition on the two stored statuses: one of (at most two) order
/// statuses, and a gateway status that is, or is none of, those with a
/// name of their own.
pub async fn list(pool: &Pool, filter: &OrderListFilter<'_>) -> Result<Vec<ListRow>, sqlx::Error> {
    let (statuses, gateway) = match filter.payment_status {
        Some(wanted) => {
            let (statuses, gateway) = wanted.condition();
            let [first, second] = match statuses {
                [one] => [Some(*one), Some(*one)],
                [one, two] => [Some(*one), Some(*two)],
                _ => {
                    return Err(sqlx::Error::Protocol(
                        "a payment status of more than two order statuses".to_owned(),
                    ))
                }
            };
            ([first, second], gateway)
        }
        None => ([None, None], None),
    };
    let (gateway_is, gateway_none_of) = match gateway {
        Some(Some(g)) => (Some(g.column()), false),
        Some(None) => (None, true),
        None => (None, false),
    };
    let named = GATEWAY_STATUSES_WITH_A_NAME.map(GatewayStatus::column);
    sqlx::query_as(
        "SELECT order_number, receipt_no, created_at, buyer_json, total, payment_method, payment_name, status, gateway_status FROM orders
         WHERE ($1 IS NULL OR REPLACE(order_number, '-', '') LIKE $1 OR LOWER(REPLACE(receipt_no, '-', '')) LIKE $1 OR search_text LIKE $1)
           AND ($2 IS NULL OR payment_method = $2)
           AND ($3 IS NULL OR status IN ($3, $6))
           AND ($7 IS NULL OR gateway_status = $7)
           AND ($8 = 0 OR gateway_status IS NULL OR gateway_status NOT IN ($9, $10, $11, $12))
           AND ($4 IS NULL OR created_at >= $4)
           AND ($5 IS NULL OR created_at < $5)
           AND status NOT IN ($13, $14)
         ORDER BY id DESC LIMIT 500",
    )
    .bind(filter.like)
    .bind(filter.payment_method)
    .bind(statuses[0].map(OrderStatus::as_str))
    .bind(&filter.from)
    .bind(&filter.to)
    .bind(statuses[1].map(OrderStatus::as_str))
    .bind(gateway_is)
    .bind(i64::from(gateway_none_of))
    .bind(named[0])
    .bind(named[1])
    .bind(named[2])
    .bind(named[3])
    .bind(OrderStatus::Declined.as_str())
    .bind(OrderStatus::Failed.as_str())
    .fetch_all(pool)
    .await
}

/// An order's detail, by 注文番号.
pub async fn detail(pool: &Pool, number: &str) -> Result<Option<DetailRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, order_number, receipt_no, status, payment_method, payment_name, pay_way, total, crd_c_res_cd, slip_no,
                last_reauth_at, authorized_at, quote_json, buyer_json, recipient_json, delivery_json, gateway_status
         FROM orders WHERE order_number = $1",
    )
    .bind(number)
    .fetch_optional(pool)
    .await
}

/// A declined or failed card attempt, for 決済エラー履歴.
#[derive(sqlx::FromRow)]
pub struct PaymentErrorRow {
    pub created_at: String,
    pub total: i64,
    pub status: String,
    pub error_code: Option<String>,
    pub credit_error_code: Option<String>,
    pub buyer_json: String,
    pub client_ip: Option<String>,
    pub receipt_no: String,
}

/// The 500 newest declined or failed card attempts.
pub async fn payment_errors(pool: &Pool) -> Result<Vec<PaymentErrorRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT created_at, total, status, error_code, credit_error_code, buyer_json, client_ip, receipt_no FROM orders
         WHERE status IN ($1, $2) ORDER BY id DESC LIMIT 500",
    )
    .bind(OrderStatus::Declined.as_str())
    .bind(OrderStatus::Failed.as_str())
    .fetch_all(pool)
    .await
}

/// Fills in what the buyer is found by for orders written before it was
/// kept (migration 27); how many. A buyer stored in a shape that no longer
/// reads is found by its stored text, as the search did before.
pub async fn index_for_search(pool: &Pool) -> Result<u64, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, buyer_json FROM orders WHERE search_text = ''")
            .fetch_all(pool)
            .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    // One transaction: a shop upgrading with many orders commits once.
    let mut tx = pool.begin().await?;
    for (id, buyer_json) in &rows {
        let text = serde_json::from_str::<zerostep_domain::order::Buyer>(buyer_json).map_or_else(
            |_| zerostep_domain::search::normalize(buyer_json),
            |buyer| zerostep_domain::search::buyer_text(&buyer),
        );
        sqlx::query("UPDATE orders SET search_text = $1 WHERE id = $2")
            .bind(text)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len() as u64)
}
